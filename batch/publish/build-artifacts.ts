import type { z } from 'zod';
import type { ARTIFACTS, ArtifactName, Notice, Quality } from '../../schemas/artifacts.ts';
import type { StageContext } from '../context.ts';
import { buildInterviews } from './interviews.ts';
import { buildOverview } from './overview.ts';
import { buildPeople } from './people.ts';
import { publicIdFunction } from './pseudonym.ts';
import { buildQuality, type SourceStats } from './quality.ts';
import { buildRetention } from './retention.ts';
import { createPublishTables } from './shared-tables.ts';
import { buildSkillMap, recordSkillHistory } from './skill-map.ts';
import { buildSuccession } from './succession.ts';
import { buildTalentPool } from './talent-pool.ts';

export type { SourceStats } from './quality.ts';

export type ArtifactSet = { [K in ArtifactName]: z.infer<(typeof ARTIFACTS)[K]> };

export interface ArtifactInput {
  notices: Notice[];
  sources: SourceStats[];
  /** Highest level of the skill scales (published as the skill map's range). */
  levelMax: number;
  ai: Quality['ai'];
  /** Skill categories in taxonomy order (the skills table keeps ids, not the file's order). */
  categoryOrder: string[];
  /** Key of published pseudonyms (privacy.pseudonymize_ids), or null to publish ids as they are. */
  pseudonymKey: string | null;
}

/**
 * Builds every artifact from the unified tables, after scoring: aggregates, key positions and slates only —
 * no free text. Records this run's skill snapshot in skill_history on the way (the trend reads it back).
 */
export async function buildArtifacts(ctx: StageContext, input: ArtifactInput): Promise<ArtifactSet> {
  const publicId = publicIdFunction(input.pseudonymKey);
  await createPublishTables(ctx);
  await recordSkillHistory(ctx);
  const succession = await buildSuccession(ctx, publicId);
  const skillMap = await buildSkillMap(ctx, { levelMax: input.levelMax, categoryOrder: input.categoryOrder });
  const talentPool = await buildTalentPool(ctx, publicId);
  const interviews = await buildInterviews(ctx);
  const retention = await buildRetention(ctx, succession.positions);
  const quality = await buildQuality(ctx, input.sources, input.ai);
  const people = await buildPeople(ctx, publicId, talentPool);
  const overview = await buildOverview(ctx, { positions: succession.positions, interviews, rejects: quality.rejects_total, notices: input.notices });
  return {
    'overview.json': overview,
    'skill_map.json': skillMap,
    'talent_pool.json': talentPool,
    'succession.json': succession,
    'interviews.json': interviews,
    'retention.json': retention,
    'quality.json': quality,
    'people.json': people,
  };
}
