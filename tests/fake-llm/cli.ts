import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseTaxonomyCsv } from '../../batch/ingest/load-taxonomy.ts';
import { offlineAnswerer } from '../../batch/ai/offline-provider.ts';
import { startFakeLlm } from './server.ts';

/**
 * `npm run fake-llm [-- --port 8787 --rpm 600 --fault-rate 0.05]`: our fake OpenAI-compatible server on
 * 127.0.0.1, answering with the offline rules, to try the openai provider by hand without any network.
 */
const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' }, rpm: { type: 'string' }, 'fault-rate': { type: 'string', default: '0' } } });
const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
const rate = Number(values['fault-rate']);
const fake = await startFakeLlm({
  answer: offlineAnswerer(taxonomy),
  port: Number(values.port),
  ...(values.rpm ? { rpm: Number(values.rpm) } : {}),
  faults: { rate429: rate, rate500: rate / 5, rateMalformed: rate / 5 },
});
process.stdout.write(`fake OpenAI-compatible server on ${fake.url} (Ctrl-C to stop)\n  OPENAI_BASE_URL=${fake.url} OPENAI_API_KEY=anything npm run batch -- --config data/examples/sample-openai.yaml\n`);
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)));
