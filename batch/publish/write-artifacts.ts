import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACT_SCHEMA_VERSION, ARTIFACTS, Manifest, Runs, RUNS_FILE, type ArtifactName } from '../../schemas/artifacts.ts';
import type { ArtifactSet } from './build-artifacts.ts';

/** Stable JSON: the builders fix key and row order, so the same data always gives the same bytes. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Validates every artifact against its schema (a failure is a bug in the batch, and stops the run before
 * anything is published) and writes them with a manifest of their hashes.
 */
export async function writeArtifacts(dir: string, set: ArtifactSet, meta: { company: string; asOf: string; inputHash: string; ids: Manifest['ids'] }): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const files: Manifest['files'] = [];
  for (const name of Object.keys(ARTIFACTS).sort() as ArtifactName[]) {
    const checked = ARTIFACTS[name].safeParse(set[name]);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new Error(`artifact ${name} does not match its schema at ${issue.path.join('.')}: ${issue.message}`);
    }
    const text = stableJson(checked.data);
    await writeFile(join(dir, name), text);
    files.push({ name, sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) });
  }
  const manifest = Manifest.parse({ schema_version: ARTIFACT_SCHEMA_VERSION, company: meta.company, as_of: meta.asOf, input_hash: meta.inputHash, ids: meta.ids, files });
  await writeFile(join(dir, 'manifest.json'), stableJson(manifest));
  return manifest;
}

/**
 * runs.json, next to the artifacts but not in the manifest: when the batch ran and how long it took differ on
 * every run, while the artifacts and their manifest depend on the inputs alone.
 */
export async function writeRuns(dir: string, runs: Runs): Promise<void> {
  const checked = Runs.safeParse(runs);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`${RUNS_FILE} does not match its schema at ${issue.path.join('.')}: ${issue.message}`);
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, RUNS_FILE), stableJson(checked.data));
}
