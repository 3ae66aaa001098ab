import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { companySkillId } from '../../batch/normalize/skill-vocabulary.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { formatSummary } from '../../batch/summary.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * The skill vocabulary through the whole batch: the base company of the bad-inputs corpus with a skill list,
 * a requirement and an interview note that name skills the taxonomy does not have (社内講師, SAP FI). With
 * skill_aliases they are taxonomy skills everywhere, the text tagger included; without, they are company
 * skills everywhere: in `skills`, the skill map, the requirement and the tags of the note.
 */
const CASE = 'tests/fixtures/bad-inputs/unknown-skill-names-become-company-skills';
const NOTE = 'IV-009,S011,S010,2026/06/01,キャリア面談,社内講師として新人研修を担当している。SAP FIの運用も経験した。';

async function layOut(patch: Record<string, unknown>): Promise<{ configPath: string; out: string }> {
  const dir = await tempDir('vocabulary');
  await cp('tests/fixtures/bad-inputs/_base', dir, { recursive: true });
  for (const f of ['skill_list.csv', 'key_positions.csv']) await cp(join(CASE, f), join(dir, f));
  await writeFile(join(dir, 'interviews.csv'), `${(await readFile(join(dir, 'interviews.csv'), 'utf8')).trimEnd()}\n${NOTE}\n`);
  const config = parse(await readFile(join(dir, 'config.yaml'), 'utf8'));
  config.taxonomy = resolve('data/taxonomy/skills.csv');
  config.sources.push({ kind: 'skill_list', path: 'skill_list.csv', encoding: 'utf-8', columns: { employee_id: '社員番号', skill: 'スキル名', level: 'レベル', category: 'スキルカテゴリ' } });
  Object.assign(config, patch);
  await writeFile(join(dir, 'config.yaml'), stringify(config));
  return { configPath: join(dir, 'config.yaml'), out: join(dir, 'out') };
}

async function run(patch: Record<string, unknown>) {
  const { configPath, out } = await layOut(patch);
  const summary = await runBatch({ configPath, outDir: out, log: memoryLogger(), env: { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' }, now: () => new Date('2026-10-01T02:00:00Z') });
  const db = await openDb(summary.dbPath);
  try {
    const of = async (sql: string) => db.all<Record<string, unknown>>(sql);
    return {
      summary,
      skills: await of(`SELECT skill_id, name_ja, category, synonyms, defined_by FROM skills WHERE defined_by = 'company' OR skill_id IN ('training_design', 'erp') ORDER BY skill_id`),
      assessed: await of(`SELECT employee_id, skill_id, level FROM employee_skills WHERE source <> 'inferred' ORDER BY ALL`),
      inferred: await of(`SELECT employee_id, skill_id FROM employee_skills WHERE source = 'inferred' AND employee_id = 'S011' ORDER BY ALL`),
      required: await of(`SELECT position_id, skill_id, level FROM key_position_skills WHERE position_id = 'KP-02' ORDER BY ALL`),
      skillMap: JSON.parse(await readFile(join(summary.artifactsDir, 'skill_map.json'), 'utf8')) as { skills: Array<{ skill_id: string; category: string }>; categories: string[] },
    };
  } finally {
    db.close();
  }
}

describe('the skill vocabulary through the batch', () => {
  it('makes unknown names company skills everywhere: skills, the assessments, the requirement, the text tags and the skill map', async () => {
    const r = await run({});
    const trainer = companySkillId('社内講師');
    const sapFi = companySkillId('SAP FI');
    expect(r.skills.filter((s) => s.defined_by === 'company')).toEqual([
      { skill_id: sapFi, name_ja: 'SAP FI', category: 'IT', synonyms: ['ＳＡＰ　ＦＩ'], defined_by: 'company' },
      { skill_id: trainer, name_ja: '社内講師', category: '人材開発', synonyms: [], defined_by: 'company' },
    ].sort((a, b) => a.skill_id.localeCompare(b.skill_id)));
    expect(r.assessed).toEqual([
      { employee_id: 'S002', skill_id: trainer, level: 4 },
      { employee_id: 'S003', skill_id: trainer, level: 3 },
      { employee_id: 'S004', skill_id: 'sales', level: 3 },
      { employee_id: 'S005', skill_id: sapFi, level: 2 },
      { employee_id: 'S011', skill_id: trainer, level: 2 },
    ].sort((a, b) => (a.employee_id + a.skill_id).localeCompare(b.employee_id + b.skill_id)));
    expect(r.required).toEqual([
      { position_id: 'KP-02', skill_id: 'hr_system', level: 3 },
      { position_id: 'KP-02', skill_id: 'leadership', level: 3 },
      { position_id: 'KP-02', skill_id: sapFi, level: 2 },
    ].sort((a, b) => a.skill_id.localeCompare(b.skill_id)));
    // The note names both: the tagger reads the company skills as it reads the taxonomy.
    expect(r.inferred.map((x) => x.skill_id)).toEqual(expect.arrayContaining([trainer, sapFi]));
    expect(r.skillMap.skills.filter((s) => s.skill_id.startsWith('co_')).map((s) => s.category).sort()).toEqual(['IT', '人材開発']);
    expect(r.skillMap.categories).toContain('人材開発');
    const text = formatSummary(r.summary);
    expect(text).toContain('new skills: 2 names are not in the taxonomy or skill_aliases and became company skills (unknown_skills: add)');
    expect(text).toContain(`SAP FI → ${sapFi} [IT]: key_positions.csv:3 [必要スキル] ×1, skill_list.csv:5 [スキル名] ×1; closest: ERP (erp)`);
    expect(text).toContain(`社内講師 → ${trainer} [人材開発]: skill_list.csv:2 [スキル名] ×3; no taxonomy skill is close`);
    expect(text).toContain('to read a name as a taxonomy skill, map it in the config: skill_aliases: { SAP FI: erp }');
  });

  it('with skill_aliases, reads the same names as taxonomy skills everywhere, the note included', async () => {
    const r = await run({ skill_aliases: { 社内講師: 'training_design', 'SAP FI': 'erp' } });
    expect(r.skills.filter((s) => s.defined_by === 'company')).toEqual([]);
    expect(r.skills.find((s) => s.skill_id === 'training_design')!.synonyms).toContain('社内講師');
    expect(r.assessed.filter((x) => x.employee_id === 'S011')).toEqual([{ employee_id: 'S011', skill_id: 'training_design', level: 2 }]);
    expect(r.required.map((x) => x.skill_id)).toEqual(['erp', 'hr_system', 'leadership']);
    expect(r.inferred.map((x) => x.skill_id)).toEqual(expect.arrayContaining(['training_design', 'erp']));
    expect(r.summary.unmatchedSkills).toEqual([]);
    expect(formatSummary(r.summary)).not.toContain('new skills');
  });
});
