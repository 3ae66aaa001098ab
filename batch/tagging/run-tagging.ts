import { lit } from '../db.ts';
import type { StageContext } from '../context.ts';
import type { TaggingProvider, TextItem } from './provider.ts';

export interface TaggingResult {
  texts: number;
  inferredSkills: number;
  aspirations: number;
  belowConfidence: number;
}

const PROGRESS_EVERY = 50_000;

/**
 * Tags every interview note and evaluation comment, streaming them out of DuckDB in chunks, and writes
 * the best evidence per person and skill to employee_skills (source `inferred`) and what people want to
 * aspirations. Assessed levels are never overwritten: inferred rows sit beside them.
 */
export async function runTagging(ctx: StageContext, provider: TaggingProvider): Promise<TaggingResult> {
  const { db, log, config } = ctx;
  await db.run(`CREATE TEMP TABLE tag_matches (employee_id VARCHAR, skill_id VARCHAR, level INTEGER, evidence VARCHAR, confidence DOUBLE, on_date DATE, origin VARCHAR)`);
  const tags = await db.connection.createAppender('tag_matches');
  const wants = await db.connection.createAppender('aspirations');
  const providerName = `${provider.name}/${provider.model}-${provider.promptVersion}`;
  let texts = 0;
  let aspirations = 0;
  const appendWant = (item: TextItem, kind: string, target: string, evidence: string) => {
    wants.appendVarchar(item.employee_id);
    wants.appendVarchar(kind);
    wants.appendVarchar(target);
    wants.appendVarchar(evidence);
    wants.appendVarchar(item.origin.slice('interview:'.length));
    wants.appendVarchar(item.date!);
    wants.appendVarchar(providerName);
    wants.endRow();
    aspirations++;
  };
  const query = `
    SELECT 'interview:' || interview_id AS origin, employee_id, CAST(held_on AS VARCHAR) AS date, 'interview' AS source, notes AS text FROM interviews
    UNION ALL
    SELECT 'evaluation:' || employee_id || ':' || period, employee_id, NULL, 'evaluation', comment FROM evaluations WHERE comment IS NOT NULL
    ORDER BY origin`;
  for await (const chunk of db.stream<TextItem>(query)) {
    for (const item of chunk) {
      const found = await provider.tag(item);
      for (const s of found.skills) {
        if (s.kind === 'wants') {
          if (item.source === 'interview') appendWant(item, 'skill', s.skill_id, s.evidence);
          continue;
        }
        tags.appendVarchar(item.employee_id);
        tags.appendVarchar(s.skill_id);
        if (s.level_hint === null) tags.appendNull();
        else tags.appendInteger(s.level_hint);
        tags.appendVarchar(s.evidence);
        tags.appendDouble(s.confidence);
        if (item.date === null) tags.appendNull();
        else tags.appendVarchar(item.date);
        tags.appendVarchar(item.origin);
        tags.endRow();
      }
      for (const p of found.positions) appendWant(item, 'position', p.position_id, p.evidence);
      texts++;
      if (texts % PROGRESS_EVERY === 0) log.info(`  tagging: ${texts.toLocaleString('en')} texts`);
    }
  }
  tags.closeSync();
  wants.closeSync();
  const min = config.ai.min_confidence;
  // One row per person and skill: the most confident evidence, then the latest, then the first origin.
  const inferredSkills = await db.run(`INSERT INTO employee_skills
    SELECT employee_id, skill_id, arg_max(level, key), 'inferred', arg_max(evidence, key), round(max(confidence), 4), arg_max(on_date, key), arg_max(origin, key)
    FROM (SELECT *, (confidence, COALESCE(on_date, DATE '0001-01-01'), origin) AS key FROM tag_matches WHERE confidence >= ${min})
    GROUP BY employee_id, skill_id ORDER BY employee_id, skill_id`);
  const below = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM tag_matches WHERE confidence < ${lit(String(min))}::DOUBLE`);
  await db.run('DROP TABLE tag_matches');
  return { texts, inferredSkills, aspirations, belowConfidence: below.n };
}
