import { z } from 'zod';

/** One skill of the taxonomy: the vocabulary every skill source, tag and required level is mapped onto. */
export const TaxonomySkill = z.strictObject({
  /** Stable id, lower-case ASCII (`plc`, `project_management`); analysts join on it. */
  skill_id: z.string().regex(/^[a-z0-9_]+$/, 'use lower-case letters, digits and _ only'),
  /** Japanese display name, e.g. `PLC制御`. */
  name_ja: z.string().min(1),
  /** English display name, e.g. `PLC programming`. */
  name_en: z.string().min(1),
  /** Grouping for the skill map filter, e.g. `製造技術` / `IT` / `マネジメント`. */
  category: z.string().min(1),
  /** Other spellings found in real text: abbreviations (PM, プロマネ), width and katakana variants. */
  synonyms: z.array(z.string().min(1)).default([]),
});
export type TaxonomySkill = z.infer<typeof TaxonomySkill>;

export const Taxonomy = z.array(TaxonomySkill).superRefine((skills, ctx) => {
  const seen = new Set<string>();
  skills.forEach((s, i) => {
    if (seen.has(s.skill_id)) ctx.addIssue({ code: 'custom', path: [i, 'skill_id'], message: `duplicate skill_id "${s.skill_id}"` });
    seen.add(s.skill_id);
  });
});
export type Taxonomy = z.infer<typeof Taxonomy>;
