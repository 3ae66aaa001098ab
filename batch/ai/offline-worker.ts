/**
 * A worker thread of the offline runner: answers batches of one task with the deterministic local rules.
 * workerData: { taxonomy, positionTitles }. Message in: { id, task, inputs }; out: { id, answers }, where
 * each answer is { ok: true, output } or { ok: false, error }. The task `position_goals` (not an AI task)
 * finds key-position titles named as goals; its first input is the positions, sent once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { positionGoalMatcher, positionGoals } from '../tagging/position-goals.ts';
import type { TaxonomyMatcher } from '../tagging/taxonomy-matcher.ts';
import { offlineAnswerer } from './offline-provider.ts';

const { taxonomy, positionTitles } = workerData as { taxonomy: Taxonomy; positionTitles: string[] };
const answer = offlineAnswerer(taxonomy, positionTitles);

let positions: TaxonomyMatcher | null = null;

parentPort!.on('message', (m: { id: number; task: string; inputs: unknown[]; positions?: Array<{ position_id: string; title: string }> }) => {
  if (m.positions) positions = positionGoalMatcher(m.positions);
  const answerOne = m.task === 'position_goals' ? (input: unknown) => positionGoals(positions!, input as string) : (input: unknown) => answer(m.task, input);
  const answers = m.inputs.map((input) => {
    try {
      return { ok: true, output: answerOne(input) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  });
  parentPort!.postMessage({ id: m.id, answers });
});

