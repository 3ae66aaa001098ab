import { lstat, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';

export const DB_FILE = 'talent.duckdb';
export const ARTIFACTS_LINK = 'artifacts';
const RELEASE_PREFIX = 'artifacts.';
const KEEP_RELEASES = 2;

/**
 * Moves a finished run from its staging folder into place. The DuckDB file is replaced by one rename;
 * `artifacts` is a symbolic link switched by one rename to the new release folder — so readers see either
 * last night's outputs or tonight's, never a mix or a half-written file. Older releases are pruned.
 */
export async function publishStaged(outDir: string, stagingDir: string, runId: string): Promise<{ db: string; artifacts: string }> {
  const release = `${RELEASE_PREFIX}${runId}`;
  await rename(join(stagingDir, ARTIFACTS_LINK), join(outDir, release));
  await replaceLegacyArtifactsDir(outDir);
  const tmpLink = join(outDir, `.${ARTIFACTS_LINK}.${runId}`);
  await symlink(release, tmpLink);
  await rename(tmpLink, join(outDir, ARTIFACTS_LINK));
  await rename(join(stagingDir, DB_FILE), join(outDir, DB_FILE));
  await rm(join(outDir, `${DB_FILE}.wal`), { force: true });
  await rm(stagingDir, { recursive: true, force: true });
  await pruneReleases(outDir, release);
  return { db: join(outDir, DB_FILE), artifacts: join(outDir, ARTIFACTS_LINK) };
}

/** A real `artifacts` folder (not a link) cannot be swapped atomically: move it aside once. */
async function replaceLegacyArtifactsDir(outDir: string): Promise<void> {
  const path = join(outDir, ARTIFACTS_LINK);
  const st = await lstat(path).catch(() => null);
  if (st && !st.isSymbolicLink()) await rename(path, join(outDir, `${RELEASE_PREFIX}legacy`));
}

async function pruneReleases(outDir: string, current: string): Promise<void> {
  const releases = (await readdir(outDir)).filter((n) => n.startsWith(RELEASE_PREFIX)).sort();
  const keep = new Set([current, ...releases.filter((r) => r !== current).slice(-(KEEP_RELEASES - 1))]);
  const linked = await readlink(join(outDir, ARTIFACTS_LINK)).catch(() => null);
  if (linked) keep.add(linked);
  for (const r of releases) if (!keep.has(r)) await rm(join(outDir, r), { recursive: true, force: true });
}
