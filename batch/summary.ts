import { relative } from 'node:path';
import { noticeSentence } from './notices.ts';
import type { UnmatchedSkill } from './normalize/unmatched-skills.ts';
import type { RunSummary, ValidationReport } from './pipeline.ts';

const MAX_REJECT_LINES = 30;

const ACTION_TEXT: Record<string, string> = {
  row_rejected: 'row not loaded',
  value_cleared: 'value cleared, row loaded',
  value_cleaned: 'control characters removed, row loaded',
  value_flagged: 'loaded, but check it',
};

/** What was read, loaded and rejected, per export and in all: the part a run and `validate` share. */
export function formatLoadReport(s: Pick<RunSummary, 'sources' | 'counts' | 'rejects' | 'unmatchedSkills' | 'unknownSkills'>, tables: string[]): string[] {
  const lines: string[] = [];
  for (const src of s.sources) lines.push(`  ${src.source_file} [${src.kind}]: ${src.rows} rows read, ${src.loaded} loaded, ${src.rejected} rows rejected`);
  lines.push(`  tables: ${tables.map((t) => `${t} ${s.counts[t] ?? 0}`).join(', ')}`);
  if (s.rejects.total === 0) lines.push('  rejects: none');
  else {
    lines.push(`  rejects: ${s.rejects.total} (file:line [column] reason — action)`);
    for (const r of s.rejects.rows.slice(0, MAX_REJECT_LINES)) lines.push(`    ${r.source_file}:${r.line}${r.column ? ` [${r.column}]` : ''} ${r.reason} — ${ACTION_TEXT[r.action] ?? r.action}`);
    if (s.rejects.total > MAX_REJECT_LINES) lines.push(`    … and ${s.rejects.total - MAX_REJECT_LINES} more: SELECT * FROM rejects ORDER BY source_file, line;`);
  }
  lines.push(...formatUnmatchedSkills(s.unmatchedSkills, s.unknownSkills));
  return lines;
}

const MAX_SKILL_LINES = 30;

/** Each skill name the vocabulary does not know, once: where, what it became, and how to map it instead. */
export function formatUnmatchedSkills(skills: UnmatchedSkill[], mode: 'add' | 'reject'): string[] {
  if (skills.length === 0) return [];
  const lines = [
    mode === 'add'
      ? `  new skills: ${skills.length} ${skills.length === 1 ? 'name is' : 'names are'} not in the taxonomy or skill_aliases and became company skills (unknown_skills: add)`
      : `  unknown skills: ${skills.length} ${skills.length === 1 ? 'name is' : 'names are'} not in the taxonomy or skill_aliases and were rejected (unknown_skills: reject)`,
  ];
  for (const k of skills.slice(0, MAX_SKILL_LINES)) {
    const where = k.places.map((p) => `${p.source_file}:${p.first_line} [${p.column}] ×${p.occurrences}`).join(', ');
    const near = k.closest.length ? `; closest: ${k.closest.map((c) => `${c.name_ja} (${c.skill_id})`).join(', ')}` : '; no taxonomy skill is close';
    lines.push(`    ${k.name}${k.outcome === 'added' ? ` → ${k.skill_id} [${k.category}]` : ''}: ${where}${near}`);
  }
  if (skills.length > MAX_SKILL_LINES) lines.push(`    … and ${skills.length - MAX_SKILL_LINES} more: SELECT * FROM unmatched_skill_names ORDER BY name;`);
  const example = skills.find((k) => k.closest.length) ?? skills[0]!;
  lines.push(`    to read a name as a taxonomy skill, map it in the config: skill_aliases: { ${example.name}: ${example.closest[0]?.skill_id ?? '<skill_id>'} }`);
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
