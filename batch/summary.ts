import { relative } from 'node:path';
import { noticeSentence } from './notices.ts';
import type { RunSummary, ValidationReport } from './pipeline.ts';

const MAX_REJECT_LINES = 30;

const ACTION_TEXT: Record<string, string> = {
  row_rejected: 'row not loaded',
  value_cleared: 'value cleared, row loaded',
  value_cleaned: 'control characters removed, row loaded',
  value_flagged: 'loaded, but check it',
};

/** What was read, loaded and rejected, per export and in all: the part a run and `validate` share. */
export function formatLoadReport(s: Pick<RunSummary, 'sources' | 'counts' | 'rejects'>, tables: string[]): string[] {
  const lines: string[] = [];
  for (const src of s.sources) lines.push(`  ${src.source_file} [${src.kind}]: ${src.rows} rows read, ${src.loaded} loaded, ${src.rejected} rows rejected`);
  lines.push(`  tables: ${tables.map((t) => `${t} ${s.counts[t] ?? 0}`).join(', ')}`);
  if (s.rejects.total === 0) lines.push('  rejects: none');
  else {
    lines.push(`  rejects: ${s.rejects.total} (file:line [column] reason — action)`);
    for (const r of s.rejects.rows.slice(0, MAX_REJECT_LINES)) lines.push(`    ${r.source_file}:${r.line}${r.column ? ` [${r.column}]` : ''} ${r.reason} — ${ACTION_TEXT[r.action] ?? r.action}`);
    if (s.rejects.total > MAX_REJECT_LINES) lines.push(`    … and ${s.rejects.total - MAX_REJECT_LINES} more: SELECT * FROM rejects ORDER BY source_file, line;`);
  }
  return lines;
}

/** The human summary at the end of a run: what was loaded, what was rejected and where, where the outputs are. */
export function formatSummary(s: RunSummary, cwd = process.cwd()): string {
  const lines: string[] = [];
  const rel = (p: string) => {
    const r = relative(cwd, p);
    return r && !r.startsWith('..') ? r : p;
  };
  lines.push('', `Summary of run ${s.runId} (as of ${s.asOf})`);
  lines.push(...formatLoadReport(s, ['employees', 'departments', 'employee_skills', 'evaluations', 'interviews', 'key_positions', 'talent_pools', 'succession_candidates']));
  const a = s.ai;
  const paid = a.provider !== 'offline' ? `, ${a.stats.cacheHits} from cache, ${a.stats.calls} calls (${a.stats.rateLimited} rate-limited, ${a.stats.transientErrors} errors, ${a.stats.invalidOutputs} invalid answers), ${a.stats.promptTokens + a.stats.completionTokens} tokens, $${a.stats.costUsd.toFixed(4)}` : '';
  lines.push(`  AI: ${a.provider}/${a.model}, ${a.stats.jobs} answers${paid}${a.leftOver ? `, ${a.leftOver} left for the next night (ai_backlog)` : ''}`);
  for (const n of s.notices) lines.push(`  note: ${noticeSentence(n)}`);
  lines.push(`  DuckDB: ${rel(s.dbPath)}`, `  artifacts: ${rel(s.artifactsDir)}`);
  return lines.join('\n');
}

/** The report of `validate`: the load report, the notices, and that nothing was written. */
export function formatValidation(r: ValidationReport): string {
  const lines = ['', `Validation (as of ${r.asOf}): every export read and checked; the breakers held; nothing was written.`];
  lines.push(...formatLoadReport(r, ['employees', 'departments', 'employee_skills', 'skill_assessments', 'evaluations', 'interviews', 'key_positions']));
  for (const n of r.notices) lines.push(`  note: ${noticeSentence(n)}`);
  return lines.join('\n');
}
