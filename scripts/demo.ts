import { resolve } from 'node:path';
import { consoleLogger, formatDuration } from '../batch/log.ts';
import { runBatch } from '../batch/pipeline.ts';
import { formatSummary } from '../batch/summary.ts';
import { buildSite } from './build-site.ts';

/** `npm run demo`: the whole nightly job on the bundled sample (offline AI provider), then the site. */
const t0 = performance.now();
const log = consoleLogger();
try {
  const summary = await runBatch({ configPath: 'talent-atlas.config.yaml', log });
  process.stdout.write(`${formatSummary(summary)}\n\n`);
  log.info('building the dashboard (astro build) …');
  const dist = resolve('dist');
  await buildSite({ artifactsDir: summary.artifactsDir, outDir: dist });
  process.stdout.write(
    [
      `Done in ${formatDuration(performance.now() - t0)}.`,
      `  DuckDB file: ${summary.dbPath}`,
      `    open it with any DuckDB client, e.g.  duckdb -readonly ${summary.dbPath}  then  SELECT * FROM succession_candidates LIMIT 10;`,
      `  Dashboard:   ${dist}/index.html`,
      `    serve it with  npm run preview  and open http://127.0.0.1:4321/`,
      '',
    ].join('\n'),
  );
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exit(1);
}
