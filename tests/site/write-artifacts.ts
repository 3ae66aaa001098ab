/**
 * The fixture artifacts, and writing a changed set the way the publisher does (it is the publisher's own
 * writer: schema validation, stable JSON, manifest with sha256 and sizes), so tests derive edge cases.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS, type ArtifactName } from '../../schemas/artifacts.ts';
import type { ArtifactSet as PublishedSet } from '../../batch/publish/build-artifacts.ts';
import { writeArtifacts as publishArtifacts } from '../../batch/publish/write-artifacts.ts';
import { ROOT } from './build-site.ts';

export type ArtifactSet = { [K in ArtifactName]: unknown };

export const FIXTURE_DIR = path.join(ROOT, 'tests', 'fixtures', 'artifacts');

/** The fixture artifacts as plain JSON, to be changed by a test. */
export async function readFixture(dir: string = FIXTURE_DIR): Promise<ArtifactSet> {
  const set = {} as ArtifactSet;
  for (const name of Object.keys(ARTIFACTS) as ArtifactName[]) {
    set[name] = JSON.parse(await readFile(path.join(dir, name), 'utf8'));
  }
  return set;
}

export async function writeArtifacts(dir: string, set: ArtifactSet, meta: { company: string; as_of: string; ids?: 'employee_id' | 'pseudonym' }): Promise<void> {
  // The writer validates every file against its schema, so a malformed test set fails here, loudly.
  await publishArtifacts(dir, set as PublishedSet, { company: meta.company, asOf: meta.as_of, inputHash: `fixture:${meta.company}`, ids: meta.ids ?? 'employee_id' });
}
