import type { Config } from '../schemas/config.ts';
import { CliError, EXIT } from './errors.ts';
import type { SourceStats } from './publish/quality.ts';

/**
 * Breakers: checks on what was loaded that stop a run before anything is published, because publishing would
 * replace last night's good outputs with worse ones (a truncated export, a file of garbage). Each trip says
 * what tripped, with the figures, and how to accept it deliberately.
 */
export interface Trip {
  /** The config key that sets the limit. */
  key: string;
  /** What tripped, with its figures. */
  what: string;
  /** The flag that accepts it for one run. */
  flag: '--accept-rejects' | '--accept-drop';
  /** The export it is about, when it is about one. */
  sourceFile: string | null;
}

export interface Acceptance {
  /** Publish even when a source's reject rate is over its limit. */
  rejects?: boolean;
  /** Publish even when the headcount dropped more than allowed. */
  drop?: boolean;
}

const percent = (x: number) => `${(Math.round(x * 1000) / 10).toString()}%`;

/** Sources whose rejected share of records is over their `max_reject_rate`. */
export function rejectRateTrips(config: Config, stats: Array<SourceStats & { index: number }>): Trip[] {
  const trips: Trip[] = [];
  for (const s of stats) {
    const limit = config.sources[s.index]!.max_reject_rate;
    if (s.rows === 0 || s.rejected === 0) continue;
    const rate = s.rejected / s.rows;
    if (rate <= limit) continue;
    trips.push({
      key: `sources.${s.index}.max_reject_rate`,
      what: `${s.source_file}: ${s.rejected} of ${s.rows} records rejected (${percent(rate)}, over the limit of ${percent(limit)})`,
      flag: '--accept-rejects',
      sourceFile: s.source_file,
    });
  }
  return trips;
}

/** The employee list against the last published run: `previous` is its headcount, null on the first run. */
export function headcountTrip(config: Config, previous: number | null, now: number): Trip | null {
  if (previous === null || previous === 0 || now >= previous) return null;
  const drop = (previous - now) / previous;
  const limit = config.breakers.max_headcount_drop;
  if (drop <= limit) return null;
  return {
    key: 'breakers.max_headcount_drop',
    what: `the employee list has ${now} people where the last published run had ${previous} (${percent(drop)} fewer, over the limit of ${percent(limit)})`,
    flag: '--accept-drop',
    sourceFile: null,
  };
}

/** A reject shown under its breaker: the first few of each file tell HR what went wrong. */
export interface RejectExample {
  line: number;
  column: string | null;
  reason: string;
}

const EXAMPLES = 5;

/**
 * The trips not accepted, as one error for people (exit 4), or null when none is left. `examples` holds the
 * first rejects of each file (the staged DuckDB file that lists them all is not published).
 */
export function breakerError(trips: Trip[], accept: Acceptance, configFile: string, examples: Map<string, { total: number; first: RejectExample[] }>): CliError | null {
  const open = trips.filter((t) => !(t.flag === '--accept-rejects' ? accept.rejects : accept.drop));
  if (open.length === 0) return null;
  const lines: string[] = [];
  for (const t of open) {
    lines.push(`  - ${t.what}. To publish anyway, run with ${t.flag} once, or raise ${t.key} in ${configFile}.`);
    const ex = t.sourceFile ? examples.get(t.sourceFile) : undefined;
    if (ex) {
      for (const r of ex.first.slice(0, EXAMPLES)) lines.push(`      ${t.sourceFile}:${r.line}${r.column ? ` (${r.column})` : ''}: ${r.reason}`);
      if (ex.total > EXAMPLES) lines.push(`      … and ${ex.total - EXAMPLES} more`);
    }
  }
  return new CliError(
    `the run stopped before publishing: ${open.length === 1 ? 'a breaker tripped' : `${open.length} breakers tripped`}. Last night's outputs are unchanged.\n${lines.join('\n')}`,
    EXIT.input,
  );
}
