import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ASTRO_BIN = path.join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');

/**
 * Runs the real `astro build` with this process's Node (Astro needs ≥ 22.12; a bare `astro` on PATH could
 * pick the machine's older one), reading the artifacts in `artifactsDir` and writing the site to `outDir`.
 * Resolves with what Astro printed; rejects with it when the build fails or outlasts `timeoutMs`.
 */
export function buildSite(opts: { artifactsDir: string; outDir: string; timeoutMs?: number }): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 300_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO_BIN, 'build', '--root', ROOT, '--outDir', path.resolve(ROOT, opts.outDir)], {
      cwd: ROOT,
      env: { ...process.env, TALENT_ATLAS_ARTIFACTS: path.resolve(ROOT, opts.artifactsDir), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`astro build timed out after ${timeoutMs} ms\n${out}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`astro build exited with code ${code}\n${out.slice(-6000)}`));
    });
  });
}
