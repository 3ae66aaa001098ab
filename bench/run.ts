import { writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchAiThroughput } from './ai-throughput.ts';

/**
 * `npm run bench [-- --quick] [--json <file>]`: performance goals measured as ratios against a baseline
 * measured in the same run, never in a timed unit test. This first part measures the AI stage.
 */
const { values } = parseArgs({ args: process.argv.slice(2), options: { quick: { type: 'boolean' }, json: { type: 'string' } } });
const cacheDir = await mkdtemp(join(tmpdir(), 'talent-atlas-bench-'));
process.stderr.write('AI stage: 5,000 notes through the fake OpenAI server (binding rpm, 5% 429s, 1% 500s) …\n');
const ai = await benchAiThroughput({ notes: 5000, rpm: 1200, timeCompression: 10, cacheDir });
const rows: Array<[string, string, string]> = [
  ['AI throughput ÷ binding limit (steady state, whole windows)', String(ai.llm_throughput_ratio), '≥ 0.95'],
  ['AI throughput ÷ binding limit (whole run, start and tail included)', String(ai.llm_throughput_ratio_whole_run), ''],
  ['records lost', String(ai.llm_lost_records), '0'],
  ['records different from the expected answer', String(ai.llm_wrong_records), '0'],
  ['rerun with 1% changed: calls ÷ first run', `${ai.rerun_call_fraction} (${ai.rerun_calls}/${ai.first_run_calls})`, '≤ 0.0105'],
  ['injected 429 / 500 in the first run', `${ai.injected_429} / ${ai.injected_500}`, ''],
  ['first run wall time', `${ai.seconds} s (limit ${ai.limit_rpm} rpm, time ×${ai.time_compression})`, ''],
];
process.stdout.write(`| measure | value | goal |\n|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
if (values.json) await writeFile(values.json, `${JSON.stringify({ ...ai }, null, 2)}\n`);
