/**
 * A worker thread of the offline runner: answers pages of the tagging stage's texts with the deterministic
 * local rules (offline-pages.ts). workerData: { taxonomy, positionTitles }. Message in: { id, page, setup? }
 * (the setup — tasks and key positions — comes with a worker's first page); out: { id, result } or
 * { id, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { createPageAnswerer, type PageResult, type PageSetup, type TextPage } from './offline-pages.ts';

const { taxonomy, positionTitles } = workerData as { taxonomy: Taxonomy; positionTitles: string[] };
let answerPage: ((page: TextPage) => PageResult) | null = null;

parentPort!.on('message', (m: { id: number; page: TextPage; setup?: PageSetup }) => {
  try {
    if (m.setup) answerPage = createPageAnswerer({ taxonomy, positionTitles, ...m.setup });
    const result = answerPage!(m.page);
    parentPort!.postMessage({ id: m.id, result }, Object.values(result.lines).map((b) => b.buffer));
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});
