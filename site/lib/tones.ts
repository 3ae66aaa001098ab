/** Badge tones of readiness and position status, shared by the succession pages. */
import type { KeyPosition, Readiness } from '../../schemas/artifacts.ts';
import type { Tone } from '../components/Badge.astro';

export const readinessTone: Record<Readiness, Tone> = { ready_now: 'good', '1_2_years': 'warn', '3_plus_years': 'neutral' };
export const statusTone: Record<KeyPosition['status'], Tone> = { ready_now: 'good', '1_2_years': 'warn', none: 'bad' };
