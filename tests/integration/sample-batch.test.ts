import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Interviews, Manifest, Overview, Quality, Retention, Runs, SkillMap, Succession, TalentPool } from '../../schemas/artifacts.ts';
import { openDb, type Db } from '../../batch/db.ts';
import { memoryLogger } from '../../batch/log.ts';
import { TABLES } from '../../batch/model/tables.ts';
import { runBatch, type RunSummary } from '../../batch/pipeline.ts';
import { createNameMasker } from '../../batch/ai/masking.ts';
import { splitSentences } from '../../batch/tagging/sentences.ts';
import { formatSummary } from '../../batch/summary.ts';
import { explainCandidate } from '../../batch/explain.ts';
import { loadConfig } from '../../batch/config/load-config.ts';
import { nextStepWords, wordingContext } from '../../site/lib/next-step.ts';
import type { Lang } from '../../site/lib/i18n/index.ts';
import { buildSite, type BuiltSite } from '../site/build-site.ts';
import { readTree, tempDir } from '../helpers/tmp.ts';

/**
 * The real pipeline on the committed sample company (CP932 HRIS list, BOM skill matrix, evaluations,
 * career interviews, key positions) into a real DuckDB file, then the real site build on its artifacts.
 */
let first: RunSummary;
let second: RunSummary;
let db: Db;
let site: BuiltSite;

beforeAll(async () => {
  first = await runBatch({ configPath: 'talent-atlas.config.yaml', outDir: await tempDir('sample-a'), log: memoryLogger(), now: () => new Date('2026-10-01T02:00:00Z') });
  second = await runBatch({ configPath: 'talent-atlas.config.yaml', outDir: await tempDir('sample-b'), log: memoryLogger(), now: () => new Date('2026-10-02T03:30:00Z') });
  db = await openDb(first.dbPath);
  site = await buildSite({ artifactsDir: first.artifactsDir });
});
afterAll(async () => {
  db?.close();
  await site?.cleanup();
});

/** Every sentence of every interview note and evaluation comment (long enough to be telling). */
async function privateSentences(): Promise<string[]> {
  const rows = await db.all<{ t: string }>(`SELECT notes AS t FROM interviews UNION ALL SELECT comment FROM evaluations WHERE comment IS NOT NULL`);
  const out = new Set<string>();
  for (const r of rows) for (const s of splitSentences(r.t)) if (s.text.length >= 8) out.add(s.text);
  // The check means something only if there is plenty of private text to look for.
  expect(out.size).toBeGreaterThan(500);
  return [...out];
}

describe('the batch on the sample company', () => {
  it('fills every unified table, with a comment on every table and column', async () => {
    // ai_backlog is a work queue: empty when the AI stage finished everything, as it does offline; skill_assessments
    // holds long skill lists (skill_list), which the sample has none of (its skills come as a matrix), every
    // skill name of the sample is in the taxonomy (unmatched_skill_names), and its notes are in the export, not
    // in transcript files (interview_utterances), and its config sets no max_slates_per_person (succession_capped).
    const empty = ['ai_backlog', 'skill_assessments', 'unmatched_skill_names', 'interview_utterances', 'succession_capped'];
    for (const t of TABLES) if (!empty.includes(t.name)) expect(first.counts[t.name], t.name).toBeGreaterThan(0);
    for (const t of empty) expect(first.counts[t], t).toBe(0);
    const tables = await db.all<{ table_name: string; comment: string | null }>(`SELECT table_name, comment FROM duckdb_tables() WHERE database_name = current_database()`);
    expect(tables.map((t) => t.table_name).sort()).toEqual(TABLES.map((t) => t.name).sort());
    expect(tables.filter((t) => !t.comment)).toEqual([]);
    const columns = await db.all<{ table_name: string; column_name: string }>(`SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() AND (comment IS NULL OR comment = '')`);
    expect(columns).toEqual([]);
  });

  it('rejects exactly the planted bad rows, with file, line and column, and loads every other row', async () => {
    const rejects = await db.all(`SELECT source_file, line, "column", action FROM rejects ORDER BY source_file, line`);
    expect(rejects).toEqual([
      { source_file: 'data/sample/employees.csv', line: 187, column: '入社年月日', action: 'value_cleared' },
      { source_file: 'data/sample/employees.csv', line: 240, column: '上長社員番号', action: 'value_cleared' },
      { source_file: 'data/sample/employees.csv', line: 362, column: '社員番号', action: 'row_rejected' },
      { source_file: 'data/sample/evaluations.csv', line: 931, column: '総合評価', action: 'row_rejected' },
      { source_file: 'data/sample/skill_matrix.csv', line: 185, column: '検査', action: 'value_cleared' },
    ]);
    for (const s of first.sources) {
      if (s.kind !== 'skill_matrix') expect(s.loaded, s.source_file).toBe(s.rows - s.rejected);
    }
    const people = await db.one<{ n: number }>(`SELECT count(DISTINCT employee_id)::INTEGER n FROM employee_skills WHERE source = 'manager'`);
    expect(people.n).toBe(first.sources.find((s) => s.kind === 'skill_matrix')!.rows);
    const kept = await db.one<{ hire_date: string | null; manager_id: string | null }>(`SELECT hire_date, manager_id FROM employees WHERE source_line IN (187, 240) ORDER BY source_line LIMIT 1`);
    expect(kept.hire_date).toBeNull();
  });

  it('reports the bad rows with file and line in the summary people read', () => {
    const text = formatSummary(first);
    expect(text).toContain('data/sample/employees.csv:362 [社員番号] duplicate employee id (first at line ');
    expect(text).toContain('data/sample/employees.csv:187 [入社年月日]');
    expect(text).toContain('data/sample/evaluations.csv:931 [総合評価]');
  });

  it('reads CP932 Japanese text intact', async () => {
    const names = await db.all<{ n: number }>(`SELECT count(*)::INTEGER n FROM employees WHERE name LIKE '%�%' OR department_id LIKE '%�%'`);
    expect(names[0]!.n).toBe(0);
    const notes = await db.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM interviews WHERE notes LIKE '%�%'`);
    expect(notes.n).toBe(0);
  });

  it('tags skills and aspirations from interview notes, with evidence, as inferred', async () => {
    const inferred = await db.one<{ n: number; no_evidence: number }>(`SELECT count(*)::INTEGER n, count(*) FILTER (WHERE evidence IS NULL)::INTEGER no_evidence FROM employee_skills WHERE source = 'inferred'`);
    expect(inferred.n).toBeGreaterThan(0);
    expect(inferred.no_evidence).toBe(0);
    expect(first.counts.aspirations).toBeGreaterThan(0);
  });

  it('publishes byte-identical artifacts when run twice on the same inputs', async () => {
    const a = await readTree(first.artifactsDir);
    const b = await readTree(second.artifactsDir);
    expect([...a.keys()].sort()).toEqual([
      'interviews.json', 'manifest.json', 'overview.json', 'people.json', 'quality.json', 'retention.json', 'runs.json', 'skill_map.json', 'succession.json', 'talent_pool.json',
    ]);
    // runs.json records when each run started and how long it took: it differs by design, which is why it is
    // not an artifact and not in the manifest. Everything else depends on the inputs alone.
    for (const [name, bytes] of a) if (name !== 'runs.json') expect(b.get(name)?.equals(bytes), name).toBe(true);
  });

  it('names departments and key positions in English where the config gives a name (names_en)', async () => {
    const overview = Overview.parse(await artifact(first, 'overview.json'));
    expect(overview.names_en.positions).toEqual({ 'KP-001': 'Hamamatsu Plant Manager', 'KP-002': 'Head of Manufacturing Dept. 1', 'KP-004': 'Head of Quality Assurance' });
    expect(overview.names_en.departments).toMatchObject({ 製造本部: 'Manufacturing Division', 品質保証部: 'Quality Assurance' });
    const rows = await db.all<{ department_id: string; name_en: string | null }>(`SELECT department_id, name_en FROM departments WHERE department_id IN ('製造本部', '製造本部/第一製造部', '製造本部/第一製造部/組立課') ORDER BY 1`);
    expect(rows).toEqual([
      { department_id: '製造本部', name_en: 'Manufacturing Division' },
      { department_id: '製造本部/第一製造部', name_en: 'Manufacturing Dept. 1' },
      { department_id: '製造本部/第一製造部/組立課', name_en: null },
    ]);
  });

  it('writes runs.json next to the artifacts, outside the manifest', async () => {
    const manifest = Manifest.parse(await artifact(first, 'manifest.json'));
    expect(manifest.files.map((f) => f.name)).not.toContain('runs.json');
    // The sample publishes HRIS ids (privacy.pseudonymize_ids is off), and says so for the site's labels.
    expect(manifest.ids).toBe('employee_id');
    const runs = Runs.parse(await artifact(first, 'runs.json'));
    expect(runs.runs).toEqual([expect.objectContaining({ run_id: first.runId, started_at: '2026-10-01T02:00:00.000Z', as_of: '2026-10-01', employees: 400, rejects: 5, ai_provider: 'offline', ai_left_over: 0 })]);
  });

  it('publishes no interview-note or evaluation-comment text in the artifacts', async () => {
    const published = [...(await readTree(first.artifactsDir)).values()].map((b) => b.toString('utf8')).join('\n');
    const leaked = (await privateSentences()).filter((s) => published.includes(s));
    expect(leaked).toEqual([]);
  });

  it('masks every employee name in every note and comment, as patterns of this test (not the masker\'s) find them', async () => {
    const people = await db.all<{ id: string; name: string }>(`SELECT employee_id AS id, name FROM employees WHERE name IS NOT NULL`);
    const texts = await db.all<{ text: string; employee: string; interviewer: string | null }>(
      `SELECT notes AS text, employee_id AS employee, interviewer_id AS interviewer FROM interviews
       UNION ALL SELECT comment, employee_id, NULL FROM evaluations WHERE comment IS NOT NULL`,
    );
    const masker = createNameMasker(people);
    // A name is still there if it stands before a title or honorific, or heads a line as a speaker.
    const titles = ['さん', '様', '氏', '君', 'くん', '部長', '課長', '係長', '主任', '工場長', 'リーダー', 'マネージャー'];
    const patterns = people.flatMap(({ name }) => {
      const [family, given] = name.split(' ');
      const forms = [name, name.replace(' ', ''), ...(given ? [family!, given] : [])];
      return forms.flatMap((f) => [...titles.map((t) => f + t), `\n${f}:`, `\n${f}：`, `] ${f}:`]);
    });
    let masked = 0;
    const left: string[] = [];
    for (const t of texts) {
      const out = masker.mask(t.text, t.interviewer ? { interviewer: t.interviewer, employee: t.employee } : { employee: t.employee });
      masked += out.masked;
      const text = `\n${out.text}`;
      for (const p of patterns) if (text.includes(p)) left.push(`${p.trim()} in ${out.text.slice(0, 60)}`);
    }
    expect(left).toEqual([]);
    // The sample's notes name colleagues (中村さん, 井上さん, …): the check above looked at real names.
    expect(masked).toBeGreaterThanOrEqual(38);
    expect(texts.length).toBeGreaterThan(1000);
  });
});

async function artifact(run: RunSummary, name: string): Promise<unknown> {
  return JSON.parse(await readFile(join(run.artifactsDir, name), 'utf8'));
}

describe('the sample\'s dashboard figures (artifacts v2)', () => {
  it('finds positions at risk, measures the bench and reads vacancies', async () => {
    const overview = Overview.parse(await artifact(first, 'overview.json'));
    expect(overview.positions_at_risk.length).toBeGreaterThan(0);
    expect(overview.positions_at_risk.every((p) => p.reasons.length > 0)).toBe(true);
    // A position with a ready-now successor is at risk only for the reasons that can hold despite one.
    const despiteReadyNow = new Set(['sole_ready_now_retention_high', 'cover_holds_key_position']);
    expect(overview.positions_at_risk.filter((p) => p.status === 'ready_now').every((p) => p.reasons.every((r) => despiteReadyNow.has(r)))).toBe(true);
    expect(overview.bench_strength.successors).toBeGreaterThan(overview.bench_strength.effective_successors);
    expect(overview.bench_strength.effective_successors).toBeGreaterThan(0);
    const succession = Succession.parse(await artifact(first, 'succession.json'));
    // Every 想定空席時期 of the sample (YYYY/M) is read as the first day of its month.
    for (const p of succession.positions) expect(p.expected_vacancy_on, p.position_id).toBe(p.expected_vacancy ? `${p.expected_vacancy.replace(/\/(\d)$/, '/0$1').replace('/', '-')}-01` : null);
    expect(succession.positions.filter((p) => p.emergency_cover !== null).length).toBeGreaterThan(succession.positions.filter((p) => p.status === 'ready_now').length);
  });

  it('measures the interview cycle, overdue follow-ups and unanswered wishes', async () => {
    const overview = Overview.parse(await artifact(first, 'overview.json'));
    expect(overview.interview_coverage.share).toBeGreaterThan(0);
    expect(overview.interview_coverage.share).toBeLessThan(1);
    const interviews = Interviews.parse(await artifact(first, 'interviews.json'));
    expect(interviews.total.covered).toBe(overview.interview_coverage.covered);
    expect(interviews.overdue_actions.overdue).toBeGreaterThan(0);
    expect(interviews.overdue_actions.overdue).toBeLessThan(interviews.overdue_actions.with_due_date);
    expect(interviews.mismatches.people_mismatched).toBeGreaterThan(0);
    expect(interviews.mismatches.by_department.some((d) => (d.mismatched ?? 0) > 0)).toBe(true);
  });

  it('finds high retention risk in some department and around key positions', async () => {
    const retention = Retention.parse(await artifact(first, 'retention.json'));
    expect(retention.total.high).toBeGreaterThan(0);
    expect(retention.by_department.some((d) => (d.high ?? 0) > 0)).toBe(true);
    expect(retention.signals.every((s) => s.people >= retention.min_group_size)).toBe(true);
    expect(retention.by_position.some((p) => p.candidates_high > 0)).toBe(true);
  });

  it('has a skill trend, strategic skills, position gaps, the stale-data checks and 9-box members', async () => {
    const skills = SkillMap.parse(await artifact(first, 'skill_map.json'));
    expect(skills.trend.length).toBeGreaterThan(0);
    expect(skills.strategic.map((s) => s.skill_id)).toEqual(['data_analysis', 'python', 'aws']);
    expect(skills.strategic.every((s) => s.company_share !== null && s.company_share > 0)).toBe(true);
    expect(skills.position_gaps.flatMap((d) => d.skills).some((s) => (s.shortfall ?? 0) > 0)).toBe(true);
    const quality = Quality.parse(await artifact(first, 'quality.json'));
    expect(quality.checks.map((c) => c.check)).toEqual([
      'no_evaluation_latest_period', 'no_skill_assessment', 'skill_assessment_stale', 'no_interview_in_window',
      'no_manager', 'no_hire_date', 'position_vacant_or_unknown', 'position_without_required_skills',
    ]);
    expect(quality.checks.find((c) => c.check === 'no_manager')!.count).toBeGreaterThan(0);
    const pool = TalentPool.parse(await artifact(first, 'talent_pool.json'));
    expect(pool.cells.some((c) => c.members !== null && c.members.length > 0)).toBe(true);
    for (const c of pool.cells) if (c.count !== null && c.members !== null) expect(c.members.length + c.members_not_listed).toBe(c.count);
  });

  it('publishes no number about a department of fewer than min_group_size people, in any artifact', async () => {
    // A leaf department of the sample with fewer than k (5) active people (法務知財部 and others have 3).
    const small = await db.all<{ department_id: string; n: number }>(`
      SELECT department_id, count(*)::INTEGER AS n FROM employees WHERE status = 'active' AND department_id NOT IN (SELECT parent_id FROM departments WHERE parent_id IS NOT NULL)
      GROUP BY 1 HAVING count(*) < 5 ORDER BY 1`);
    expect(small.length).toBeGreaterThan(0);
    // Sizes are not traits of people: a department's headcount (the org chart) and its depth in it.
    // Required levels and targets come from the config and the key positions.
    const allowed = new Set(['headcount', 'required_level', 'target', 'depth']);
    const numbersIn = (value: unknown, path: string, out: string[]): string[] => {
      if (typeof value === 'number') out.push(path);
      else if (Array.isArray(value)) value.forEach((v, i) => numbersIn(v, `${path}[${i}]`, out));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!allowed.has(k)) numbersIn(v, `${path}.${k}`, out);
      return out;
    };
    const rowsAbout = (value: unknown, dept: string, path: string, out: Array<[string, unknown]>): Array<[string, unknown]> => {
      if (Array.isArray(value)) value.forEach((v, i) => rowsAbout(v, dept, `${path}[${i}]`, out));
      else if (value && typeof value === 'object') {
        if ((value as { department_id?: unknown }).department_id === dept) out.push([path, value]);
        else for (const [k, v] of Object.entries(value)) rowsAbout(v, dept, `${path}.${k}`, out);
      }
      return out;
    };
    const files = ['overview.json', 'skill_map.json', 'talent_pool.json', 'succession.json', 'interviews.json', 'retention.json', 'quality.json'];
    for (const { department_id } of small) {
      const rows: Array<[string, unknown]> = [];
      for (const f of files) rowsAbout(await artifact(first, f), department_id, f, rows);
      // It is listed (with its size) in the skill map, interviews, retention and quality, and nowhere with a number.
      expect(new Set(rows.map(([p]) => p.split('.')[0])).size, department_id).toBeGreaterThanOrEqual(4);
      expect(rows.flatMap(([p, row]) => numbersIn(row, p, [])), department_id).toEqual([]);
    }
  });
});

describe('the sample\'s organisation rollup and complementary suppression', () => {
  it('counts each unit\'s whole subtree, as a recursive count over the exported tree finds it', async () => {
    const interviews = Interviews.parse(await artifact(first, 'interviews.json'));
    // The oracle: active employees under each department, by a walk of departments.parent_id written here.
    const subtree = await db.all<{ department_id: string; n: number }>(`
      WITH RECURSIVE up(leaf, anc) AS (SELECT department_id, department_id FROM departments UNION ALL SELECT up.leaf, d.parent_id FROM up JOIN departments d ON d.department_id = up.anc WHERE d.parent_id IS NOT NULL)
      SELECT anc AS department_id, count(*)::INTEGER AS n FROM employees e JOIN up ON up.leaf = e.department_id WHERE e.status = 'active' GROUP BY anc`);
    const oracle = new Map(subtree.map((r) => [r.department_id, r.n]));
    expect(interviews.coverage.length).toBeGreaterThan(10);
    for (const u of interviews.coverage) expect(u.headcount, u.department_id).toBe(oracle.get(u.department_id));
    // 製造本部 holds its 部 and 課: more people than any unit below it.
    const top = interviews.coverage.filter((u) => u.parent_id === null);
    for (const u of interviews.coverage.filter((x) => x.parent_id !== null)) expect(u.depth, u.department_id).toBeGreaterThan(0);
    expect(top.reduce((n, u) => n + u.headcount, 0)).toBe(interviews.total.headcount);
  });

  it('leaves no shown unit (or the company) whose figures minus those of the shown units below it are about 1 to k−1 people', async () => {
    const k = 5;
    for (const name of ['interviews.json', 'retention.json', 'skill_map.json'] as const) {
      const json = (await artifact(first, name)) as Record<string, unknown>;
      const rows = (name === 'interviews.json' ? Interviews.parse(json).coverage : name === 'retention.json' ? Retention.parse(json).by_department : SkillMap.parse(json).departments);
      const company = Interviews.parse(await artifact(first, 'interviews.json')).total.headcount;
      const shown = rows.filter((r) => !r.suppressed);
      const children = (id: string | null) => rows.filter((r) => r.parent_id === id);
      // The shown units nearest below a unit, through hidden ones.
      const frontier = (id: string | null): typeof rows => children(id).flatMap((c) => (c.suppressed ? frontier(c.department_id) : [c]));
      const rest = (id: string | null, size: number) => size - frontier(id).reduce((n, c) => n + c.headcount, 0);
      const bad = [
        ...shown.map((u) => [u.department_id, rest(u.department_id, u.headcount)] as const),
        ['(company)', rest(null, company)] as const,
      ].filter(([, r]) => r > 0 && r < k);
      expect(bad, name).toEqual([]);
      // Hidden units of k or more people: complementary suppression did happen on the sample.
      expect(rows.some((r) => r.suppressed && r.headcount >= k), `${name}: a unit hidden for a sibling's sake`).toBe(true);
    }
  });
});

describe('the site built from the sample\'s artifacts', () => {
  it('has the four page kinds and one page per key position', async () => {
    const succession = Succession.parse(JSON.parse(await readFile(join(first.artifactsDir, 'succession.json'), 'utf8')));
    expect(site.files).toEqual(expect.arrayContaining(['index.html', 'skills/index.html', 'pools/index.html', 'succession/index.html']));
    for (const p of succession.positions) expect(site.files).toContain(`succession/${p.position_id}/index.html`);
    expect(succession.positions.length).toBe(first.counts.key_positions);
  });

  it('shows, on the page of a key position, its top candidate', async () => {
    const top = await db.one<{ position_id: string; title: string; name: string }>(`
      SELECT c.position_id, k.title, e.name FROM succession_candidates c JOIN key_positions k USING (position_id) JOIN employees e USING (employee_id)
      WHERE c.position_id = 'KP-003' AND c.rank = 1`);
    const html = await site.read(`succession/${top.position_id}/index.html`);
    expect(html).toContain(top.title);
    expect(html).toContain(top.name);
  });

  it('flags, on every slate, a candidate on 3 slates or more, and names the key position a candidate holds', async () => {
    // Counted from the published slates themselves, not from the stored counts.
    const succession = Succession.parse(JSON.parse(await readFile(join(first.artifactsDir, 'succession.json'), 'utf8')));
    const slatesOf = new Map<string, number>();
    for (const p of succession.positions) for (const c of p.candidates) slatesOf.set(c.employee_id, (slatesOf.get(c.employee_id) ?? 0) + 1);
    const incumbentOf = new Map(succession.positions.flatMap((p) => (p.incumbent ? [[p.incumbent.employee_id, p] as const] : [])));
    let flagged = 0;
    for (const p of succession.positions) {
      const html = await site.read(`succession/${p.position_id}/index.html`);
      for (const c of p.candidates) {
        expect(c.slates, `${p.position_id} ${c.employee_id}`).toBe(slatesOf.get(c.employee_id));
        const held = incumbentOf.get(c.employee_id);
        expect(c.holds_position?.position_id ?? null, `${p.position_id} ${c.employee_id} holds`).toBe(held?.position_id ?? null);
        if (held) expect(c.holds_position!.successor?.employee_id ?? null).toBe(held.candidates[0]?.employee_id ?? null);
        // The slate's row of this candidate, by the name the page shows, linked to their talent card.
        const row = html.split('<tr>').map((r) => r.split('</tr>')[0]!).find((r) => r.startsWith(`<th scope="row" class="num">${c.rank}</th><td><a href="/people/${c.employee_id}/" class="person">${c.name ?? c.employee_id}</a></td>`)) ?? '';
        expect(row, `${p.position_id}: the slate row of ${c.employee_id}`).not.toBe('');
        if (c.slates >= 3) {
          flagged++;
          expect(row, `${p.position_id}: ${c.employee_id} on ${c.slates} slates, flagged in their row`).toContain(`${c.slates}枠（集中）`);
        } else expect(row).not.toContain('（集中）');
        if (held) expect(row).toContain(`${held.title}（`);
      }
    }
    // The sample's one section manager on 14 slates (issue 12) is among them.
    expect(Math.max(...slatesOf.values())).toBeGreaterThanOrEqual(3);
    expect(flagged).toBeGreaterThan(0);
  });

  it('says for every candidate what `explain` says: the same readiness test and smallest change, in both languages', async () => {
    const { config } = await loadConfig('talent-atlas.config.yaml');
    const succession = Succession.parse(JSON.parse(await readFile(join(first.artifactsDir, 'succession.json'), 'utf8')));
    const text = (html: string) => html.replace(/<[^>]+>/g, '').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
    let candidates = 0;
    let changes = 0;
    for (const p of succession.positions) {
      for (const c of p.candidates) {
        // The sample publishes HRIS ids (privacy.pseudonymize_ids: false): the artifact's id is the one explain takes.
        const x = await explainCandidate(db, config, p.position_id, c.employee_id);
        expect(x.slate?.rank, `${p.position_id} ${c.employee_id}`).toBe(c.rank);
        expect(x.slate?.score).toBe(c.score);
        expect(x.components.map((k) => [k.name, k.points])).toEqual(c.components.map((k) => [k.name, k.points]));
        expect(x.next_step).toEqual(c.next_step);
        for (const lang of ['ja', 'en'] as Lang[]) {
          const words = nextStepWords(x.next_step!, wordingContext(lang));
          const html = await site.read(`${lang === 'ja' ? '' : 'en/'}succession/${p.position_id}/index.html`);
          const start = html.indexOf(`data-candidate="${c.employee_id}"`);
          expect(start, `${lang} ${p.position_id}: the readiness block of ${c.employee_id}`).toBeGreaterThan(0);
          const block = text(html.slice(html.indexOf('>', start) + 1, html.indexOf('</div>', start)));
          expect(block).toBe(`${words.test}${words.change ?? ''}`);
        }
        candidates++;
        if (c.next_step.change) changes++;
      }
    }
    expect(candidates).toBe(first.counts.succession_candidates);
    expect(changes).toBeGreaterThan(10);
  });

  it('dates every development plan before its position\'s expected vacancy, and flags a vacancy that comes before readiness', async () => {
    const succession = Succession.parse(JSON.parse(await readFile(join(first.artifactsDir, 'succession.json'), 'utf8')));
    // From the export itself: the sample writes 2027/9, the first of that month.
    const raw = await db.all<{ position_id: string; expected_vacancy: string | null }>(`SELECT position_id, expected_vacancy FROM key_positions`);
    const vacancyOf = new Map(raw.map((r) => [r.position_id, r.expected_vacancy ? r.expected_vacancy.replace(/^(\d{4})\/(\d{1,2})$/, (_, y: string, m: string) => `${y}-${m.padStart(2, '0')}-01`) : null]));
    let before = 0;
    for (const p of succession.positions) {
      const vacancy = vacancyOf.get(p.position_id) ?? null;
      // The earliest the best candidate can be ready: ready now today (2026-10-01), 1–2 years a year on, 3+ three years on.
      const best = p.candidates.some((c) => c.readiness === 'ready_now') ? '2026-10-01' : p.candidates.some((c) => c.readiness === '1_2_years') ? '2027-10-01' : p.candidates.length ? '2029-10-01' : null;
      expect(p.vacancy_before_readiness, p.position_id).toBe(vacancy !== null && (best === null || (vacancy > '2026-10-01' ? vacancy : '2026-10-01') < best));
      for (const c of p.candidates) {
        const plan = c.development_plan;
        if (!plan || vacancy === null) continue;
        expect(plan.due_by < vacancy, `${p.position_id} ${c.employee_id}: due ${plan.due_by}, vacancy ${vacancy}`).toBe(true);
        for (const a of plan.actions) expect(a.by === null || a.by <= plan.due_by, `${p.position_id} ${c.employee_id}: ${a.text} ${a.by}`).toBe(true);
        const readyFrom = c.readiness === '1_2_years' ? '2027-10-01' : '2029-10-01';
        expect(plan.vacancy_before_readiness).toBe(vacancy < readyFrom);
        if (plan.due_by < (c.readiness === '1_2_years' ? '2027-10-01' : '2028-10-01')) {
          before++;
          expect(plan.goals[0]).toContain(`想定空席（${Number(vacancy.slice(0, 4))}年${Number(vacancy.slice(5, 7))}月）まで`);
        }
      }
    }
    // 浜松工場長 (KP-001) empties on 2027-09-01 and its best is 1–2 years away: the case of issue 12.
    const kp1 = succession.positions.find((p) => p.position_id === 'KP-001')!;
    expect(kp1.vacancy_before_readiness).toBe(true);
    expect(before).toBeGreaterThan(0);
    const html = await site.read('succession/KP-001/index.html');
    expect(html).toContain('想定空席が先');
    expect(html).toContain('すべてのアクションの期限: 2027年8月1日まで');
  });

  it('explains a candidate on the command line: inputs with their origins, the rank, the test and the change the page shows', async () => {
    // The second run's file: the first one is open in this process, and DuckDB lets one process write a file.
    const explain = (...args: string[]) => spawnSync(process.execPath, ['batch/explain-cli.ts', '--out', dirname(second.dbPath), ...args], { encoding: 'utf8' });
    const succession = Succession.parse(JSON.parse(await readFile(join(first.artifactsDir, 'succession.json'), 'utf8')));
    // A candidate who is not ready now and whose smallest change includes skill levels.
    const p = succession.positions.find((k) => k.candidates.some((c) => c.next_step.change?.reachable && c.next_step.change.skills.length))!;
    const c = p.candidates.find((k) => k.next_step.change?.reachable && k.next_step.change.skills.length)!;
    const r = explain('--position', p.position_id, '--employee', c.employee_id);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const words = nextStepWords(c.next_step, wordingContext('ja'));
    expect(r.stdout).toContain(words.test);
    expect(r.stdout).toContain(words.change!);
    expect(r.stdout).toContain(`rank ${c.rank} of ${p.candidates.length}`);
    // Every component with its points, and the inputs' origins: evaluation rows, the skill matrix, the employee row.
    for (const k of c.components) expect(r.stdout).toMatch(new RegExp(`${k.name} +weight ${k.weight} +value ${k.value} +points ${k.points}\\b`));
    expect(r.stdout).toMatch(/data\/sample\/evaluations\.csv:\d+/);
    expect(r.stdout).toMatch(/data\/sample\/skill_matrix\.csv:\d+/);
    expect(r.stdout).toMatch(/data\/sample\/employees\.csv:\d+/);
    const json = JSON.parse(explain('--position', p.position_id, '--employee', c.employee_id, '--json', '--lang', 'en').stdout);
    expect(json.next_step).toEqual(c.next_step);
    expect(json.words).toEqual(nextStepWords(c.next_step, wordingContext('en')));
    // Someone who is not on the slate is told why; a wrong id is a usage error that names the known ones.
    const outsider = await db.one<{ employee_id: string }>(`SELECT employee_id FROM employees WHERE status = 'left' ORDER BY employee_id LIMIT 1`);
    expect(explain('--position', p.position_id, '--employee', outsider.employee_id).stdout).toContain('not active (status left)');
    const wrong = explain('--position', 'KP-999', '--employee', c.employee_id);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('no key position "KP-999"');
    // A file an earlier version published is named as such, not answered with a missing column.
    const old = await tempDir('explain-old');
    const oldDb = await openDb(join(old, 'talent.duckdb'));
    await oldDb.run('CREATE TABLE employees (employee_id VARCHAR)');
    oldDb.close();
    const stale = spawnSync(process.execPath, ['batch/explain-cli.ts', '--out', old, '--position', p.position_id, '--employee', c.employee_id], { encoding: 'utf8' });
    expect(stale.status).toBe(4);
    expect(stale.stderr).toContain('was written by an earlier version of Talent Atlas');
  });

  it('shows no figure about a department of fewer than min_group_size people on any page, in either language', async () => {
    const small = await db.all<{ name: string }>(`
      SELECT d.name FROM employees e JOIN departments d USING (department_id)
      WHERE e.status = 'active' AND d.department_id NOT IN (SELECT parent_id FROM departments WHERE parent_id IS NOT NULL)
      GROUP BY d.name HAVING count(*) < 5 AND count(DISTINCT d.department_id) = 1 ORDER BY 1`);
    expect(small.length).toBeGreaterThan(0);
    const pages = [...(await readTree(site.outDir)).entries()].filter(([f]) => f.endsWith('.html')).map(([f, b]) => [f, b.toString('utf8')] as const);
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/\s+/g, ' ').trim();
    // What may stand where a figure would: the suppression mark (with its k), an empty mark, nothing.
    const figure = (cell: string) => /\d/.test(cell.replace(/n\s*<\s*5/g, ''));
    let rowsSeen = 0;
    for (const { name } of small) {
      for (const [file, html] of pages) {
        // Table rows headed by the department, and chart labels or tooltips naming it.
        for (const row of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
          const head = /^<tr>\s*<th scope="row"[^>]*>([\s\S]*?)<\/th>([\s\S]*)<\/tr>$/.exec(row);
          if (!head || !text(head[1]!).startsWith(name)) continue;
          rowsSeen++;
          const label = text(head[1]!).slice(name.length);
          const cells = (head[2]!.match(/<td[^>]*>[\s\S]*?<\/td>/g) ?? []).map(text);
          expect([label, ...cells].filter(figure), `${file}: ${name}`).toEqual([]);
        }
        for (const m of html.matchAll(/<(title|text)[^>]*>([^<]*)<\/\1>/g)) {
          const t = m[2]!.replace(/&lt;/g, '<');
          if (!(t.startsWith(name + ' ') || t.startsWith(name + '（') || t.startsWith(name + ' ('))) continue;
          // A tooltip reads "<department> × <skill>: <value>" (skill names may hold digits, e.g. 5S): the value is after the last colon.
          const value = t.includes(': ') ? t.slice(t.lastIndexOf(': ') + 2) : t.slice(name.length);
          expect(figure(value), `${file}: ${t}`).toBe(false);
        }
      }
    }
    // The departments are listed (as suppressed) on the skill map, interviews, retention and quality pages of both languages.
    expect(rowsSeen).toBeGreaterThanOrEqual(small.length * 2 * 4);
  });

  it('contains none of the interview notes or evaluation comments anywhere in dist/', async () => {
    const html = [...(await readTree(site.outDir)).values()].map((b) => b.toString('utf8')).join('\n');
    const leaked = (await privateSentences()).filter((s) => html.includes(s));
    expect(leaked).toEqual([]);
  });
});
