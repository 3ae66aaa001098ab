/**
 * Builds the dashboard with the real `astro build` in a child process, against a given artifacts folder,
 * into a fresh folder under `tests/.tmp/` (git-ignored; never `dist/`). Shared by the site tests and by
 * tests on real batch output.
 *
 * Why not os.tmpdir(): Astro stages the prerender bundle in `<outDir>/.prerender/` and imports it from
 * there, so outDir must be inside the project to resolve node_modules; when outDir is outside the working
 * directory Astro falls back to the shared `<project>/.astro/` instead, which builds running side by side
 * (vitest runs test files in parallel) would overwrite and delete under each other.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildSite as runAstroBuild, ROOT } from '../../scripts/build-site.ts';

export { ROOT };

export interface BuildSiteOptions {
  /** Folder holding manifest.json and the artifacts (absolute, or relative to the repository root). */
  artifactsDir: string;
  /** Output folder (absolute, or relative to the repository root); default: a new folder under tests/.tmp/. */
  outDir?: string;
  /** Give up after this many ms (default 120 s). */
  timeoutMs?: number;
}

export interface BuiltSite {
  outDir: string;
  /** Output files relative to outDir, `/`-separated, sorted. */
  files: string[];
  /** Combined stdout and stderr of `astro build`. */
  log: string;
  /** The text of an output file, e.g. `read('succession/KP-001/index.html')`. */
  read(file: string): Promise<string>;
  /** Deletes the temporary folder (with outDir, unless outDir was given). */
  cleanup(): Promise<void>;
}

export async function buildSite(options: BuildSiteOptions): Promise<BuiltSite> {
  const artifactsDir = path.resolve(ROOT, options.artifactsDir);
  await mkdir(path.join(ROOT, 'tests', '.tmp'), { recursive: true });
  const work = await mkdtemp(path.join(ROOT, 'tests', '.tmp', 'site-'));
  const outDir = options.outDir ? path.resolve(ROOT, options.outDir) : path.join(work, 'dist');

  let log: string;
  try {
    log = await runAstroBuild({ artifactsDir, outDir, timeoutMs: options.timeoutMs ?? 120_000 });
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }

  const files = await listFiles(outDir);
  return {
    outDir,
    files,
    log,
    read: (file) => readFile(path.join(outDir, file), 'utf8'),
    cleanup: async () => {
      // A caller-chosen outDir is the caller's to keep or delete.
      await rm(work, { recursive: true, force: true });
    },
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
