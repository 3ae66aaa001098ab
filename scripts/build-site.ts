import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Runs the real `astro build` with this process's Node (Astro needs ≥ 22.12; a bare `astro` on PATH could
 * pick the machine's older one), reading the artifacts in `artifactsDir` and writing the site to `outDir`.
 */
export function buildSite(opts: { artifactsDir: string; outDir: string; cwd?: string; quiet?: boolean }): Promise<void> {
  const astroBin = join(dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--outDir', opts.outDir], {
      cwd: opts.cwd ?? process.cwd(),
      env: { ...process.env, TALENT_ATLAS_ARTIFACTS: opts.artifactsDir, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed with exit code ${code}\n${output.slice(-4000)}`))));
  });
}
