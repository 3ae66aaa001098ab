/**
 * What the tagging stage asks of an AI provider. The offline provider answers from the taxonomy; later
 * providers (an OpenAI-compatible endpoint) answer the same questions with the same shapes.
 */
export interface TextItem {
  /** `interview:<id>` or `evaluation:<employee>:<period>`. */
  origin: string;
  employee_id: string;
  /** Date of the text (YYYY-MM-DD) when known. */
  date: string | null;
  source: 'interview' | 'evaluation';
  text: string;
}

export interface SkillTag {
  skill_id: string;
  /** has: the person shows the skill; wants: the person wishes to gain it. */
  kind: 'has' | 'wants';
  evidence: string;
  confidence: number;
  level_hint: number | null;
}

export interface PositionAspiration {
  position_id: string;
  evidence: string;
}

export interface TaggingProvider {
  /** `offline`, `openai`, … */
  readonly name: string;
  readonly model: string;
  readonly promptVersion: string;
  tag(item: TextItem): Promise<{ skills: SkillTag[]; positions: PositionAspiration[] }>;
}
