/**
 * Loads the published artifacts — the only data the site reads — and validates each file against its zod
 * schema in schemas/artifacts.ts. Any problem stops the build with one `file: path: message` line per issue
 * and what to do next. The result is cached per process and folder: every page of a build shares one load.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  ARTIFACT_SCHEMA_VERSION,
  ARTIFACTS,
  Manifest,
  Runs,
  RUNS_FILE,
  type ArtifactName,
  type Interviews,
  type Overview,
  type People,
  type Quality,
  type Retention,
  type SkillMap,
  type Succession,
  type TalentPool,
} from '../../schemas/artifacts.ts';

export const ARTIFACTS_ENV = 'TALENT_ATLAS_ARTIFACTS';
export const DEFAULT_ARTIFACTS_DIR = 'data/out/artifacts';
const NEXT_STEP = `run \`npm run batch\` first, or set ${ARTIFACTS_ENV} to a folder of published artifacts`;
const MAX_ISSUES = 20;

export interface Artifacts {
  /** Absolute path of the folder the artifacts were read from. */
  dir: string;
  manifest: Manifest;
  overview: Overview;
  skillMap: SkillMap;
  talentPool: TalentPool;
  succession: Succession;
  interviews: Interviews;
  retention: Retention;
  quality: Quality;
  /** The talent cards' facts: the people the site names. */
  people: People;
  /**
   * The latest runs (runs.json, next to the artifacts but not in the manifest: it changes on every run);
   * null when the folder has none — the pages then say that no run history is available.
   */
  runs: Runs | null;
}

/** A missing, unreadable or invalid artifact; the message is meant to be read as is. */
export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

/** The artifacts folder: env TALENT_ATLAS_ARTIFACTS, else data/out/artifacts, relative to `cwd`. */
export function artifactsDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env[ARTIFACTS_ENV]?.trim();
  return path.resolve(cwd, fromEnv ? fromEnv : DEFAULT_ARTIFACTS_DIR);
}

const cache = new Map<string, Artifacts>();

/** Loads and validates every artifact of `dir` (default: `artifactsDir()`), once per process. */
export function loadArtifacts(dir: string = artifactsDir()): Artifacts {
  const abs = path.resolve(dir);
  let loaded = cache.get(abs);
  if (!loaded) {
    loaded = readArtifacts(abs);
    cache.set(abs, loaded);
  }
  return loaded;
}

/** Reads without the cache; exported for tests and for a `check` command. */
export function readArtifacts(dir: string): Artifacts {
  const manifestRaw = readJson(dir, 'manifest.json');
  const manifestVersion = (manifestRaw.json as { schema_version?: unknown } | null)?.schema_version;
  if (manifestVersion !== ARTIFACT_SCHEMA_VERSION) {
    throw new ArtifactError(
      `${display(dir, 'manifest.json')}: schema_version: the site reads version ${ARTIFACT_SCHEMA_VERSION}, ` +
        `found ${JSON.stringify(manifestVersion ?? null)} — rebuild the artifacts with this version of Talent Atlas (npm run batch)`,
    );
  }
  const manifest = validate(dir, 'manifest.json', Manifest, manifestRaw.json);

  const files = {} as { [K in ArtifactName]: z.infer<(typeof ARTIFACTS)[K]> };
  for (const name of Object.keys(ARTIFACTS) as ArtifactName[]) {
    const { json, bytes } = readJson(dir, name);
    // The cast keeps each file's own type: `name` indexes the same schema on both sides.
    (files as Record<ArtifactName, unknown>)[name] = validate(dir, name, ARTIFACTS[name], json);
    checkAgainstManifest(dir, name, bytes, manifest);
  }

  return {
    dir,
    manifest,
    overview: files['overview.json'],
    skillMap: files['skill_map.json'],
    talentPool: files['talent_pool.json'],
    succession: files['succession.json'],
    interviews: files['interviews.json'],
    retention: files['retention.json'],
    quality: files['quality.json'],
    people: files['people.json'],
    runs: readRuns(dir),
  };
}

/** runs.json when present (validated like an artifact), null when absent. */
function readRuns(dir: string): Runs | null {
  if (!existsSync(path.join(dir, RUNS_FILE))) return null;
  return validate(dir, RUNS_FILE, Runs, readJson(dir, RUNS_FILE).json);
}

/** `path.to.field: message` for one zod issue (the root is written `(root)`). */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  return `${where}: ${issue.message}`;
}

function validate<S extends z.ZodType>(dir: string, name: string, schema: S, json: unknown): z.infer<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const file = display(dir, name);
  const issues = result.error.issues;
  const lines = issues.slice(0, MAX_ISSUES).map((issue) => `${file}: ${formatIssue(issue)}`);
  if (issues.length > MAX_ISSUES) lines.push(`${file}: … and ${issues.length - MAX_ISSUES} more problems`);
  throw new ArtifactError(`${lines.join('\n')}\n— ${file} does not match schemas/artifacts.ts: ${NEXT_STEP}`);
}

function readJson(dir: string, name: string): { json: unknown; bytes: Buffer } {
  const file = path.join(dir, name);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? String(error)})`;
    throw new ArtifactError(`${display(dir, name)}: ${what} — ${NEXT_STEP}`);
  }
  try {
    return { json: JSON.parse(bytes.toString('utf8')), bytes };
  } catch (error) {
    throw new ArtifactError(`${display(dir, name)}: invalid JSON (${(error as Error).message}) — ${NEXT_STEP}`);
  }
}

/** Every artifact must be listed in the manifest with the same size and sha256: a half-written folder fails. */
function checkAgainstManifest(dir: string, name: string, bytes: Buffer, manifest: Manifest): void {
  const entry = manifest.files.find((f) => f.name === name);
  const file = display(dir, name);
  if (!entry) {
    throw new ArtifactError(`${display(dir, 'manifest.json')}: files: ${name} is not listed — ${NEXT_STEP}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (entry.bytes !== bytes.length || entry.sha256.toLowerCase() !== sha256) {
    throw new ArtifactError(
      `${file}: differs from manifest.json (${bytes.length} bytes, sha256 ${sha256.slice(0, 12)}…; ` +
        `manifest: ${entry.bytes} bytes, sha256 ${entry.sha256.slice(0, 12)}…) — the folder was changed after ` +
        `publishing or is incomplete: ${NEXT_STEP}`,
    );
  }
}

/** The path as the user typed it: relative to the working directory when inside it. */
function display(dir: string, name: string): string {
  const abs = path.join(dir, name);
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}
