/** Badge tones of readiness, position status and retention risk, shared by the pages. */
import type { KeyPosition, Overview, Readiness, RetentionRisk } from '../../schemas/artifacts.ts';

/** Colour family of a badge; the text always says the same thing on its own. */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

export const readinessTone: Record<Readiness, Tone> = { ready_now: 'good', '1_2_years': 'warn', '3_plus_years': 'neutral' };
export const statusTone: Record<KeyPosition['status'], Tone> = { ready_now: 'good', '1_2_years': 'warn', none: 'bad' };
export const riskTone: Record<RetentionRisk, Tone> = { high: 'bad', medium: 'warn', low: 'good', unknown: 'neutral' };
export const severityTone: Record<Overview['positions_at_risk'][number]['severity'], Tone> = { high: 'bad', medium: 'warn', low: 'neutral' };
