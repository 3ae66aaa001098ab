import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { Succession } from '../../schemas/artifacts.ts';
import { openDb } from '../../batch/db.ts';
import { parseTaxonomyCsv } from '../../batch/ingest/load-taxonomy.ts';
import { memoryLogger } from '../../batch/log.ts';
import { runBatch } from '../../batch/pipeline.ts';
import { formatSummary } from '../../batch/summary.ts';
import { offlineAnswerer } from '../../batch/ai/offline-provider.ts';
import { PROMPT_VERSIONS } from '../../batch/ai/prompts.ts';
import { cacheKey } from '../../batch/ai/result-cache.ts';
import { startFakeLlm, type FakeLlm, type FakeLlmOptions } from '../fake-llm/server.ts';
import { tempDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

/**
 * The nightly batch on the sample company with `ai.provider: openai`, switched on by config and
 * environment alone, against our fake OpenAI-compatible server on 127.0.0.1.
 */
const taxonomy = parseTaxonomyCsv(readFileSync('data/taxonomy/skills.csv', 'utf8'), 'skills.csv');
const titles = ['浜松工場長']; // any list: the fake only needs a deterministic answerer
const answer = offlineAnswerer(taxonomy, titles);

let fake: FakeLlm | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

/** The sample's config with the OpenAI provider on and every path made absolute. */
async function openAiConfig(dir: string, ai: Record<string, unknown>): Promise<string> {
  const config = parse(await readFile('talent-atlas.config.yaml', 'utf8'));
  config.taxonomy = resolve(config.taxonomy);
  for (const s of config.sources) s.path = resolve(s.path);
  config.output = { dir: join(dir, 'out') };
  config.ai = { provider: 'openai', ...ai };
  const file = join(dir, 'openai.yaml');
  await writeFile(file, stringify(config));
  return file;
}

async function startFake(options: Omit<FakeLlmOptions, 'answer'> = {}) {
  fake = await startFakeLlm({ answer, ...options });
  return { fake, env: { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'test-key' } };
}

describe('the batch with an OpenAI-compatible provider', () => {
  it('publishes AI results with evidence, model and prompt version, and sends no employee name', async () => {
    const dir = await tempDir('openai');
    const { fake, env } = await startFake({ faults: { rate429: 0.03, rate500: 0.02, rateMalformed: 0.02, rateOutOfTaxonomy: 0.02 }, seed: 4, timeCompression: 60 });
    const config = await openAiConfig(dir, { openai: { model: 'fake-llm', concurrency: 8, requests_per_minute: 100_000, tokens_per_minute: 100_000_000 } });
    const summary = await runBatch({ configPath: config, log: memoryLogger(), env });
    expect(summary.counts.ai_backlog).toBe(0);
    const db = await openDb(summary.dbPath);
    try {
      const inferred = await db.all<{ model: string; prompt_version: string; n: number; no_evidence: number }>(
        `SELECT model, prompt_version, count(*)::INTEGER n, count(*) FILTER (WHERE evidence IS NULL)::INTEGER no_evidence FROM employee_skills WHERE source = 'inferred' GROUP BY ALL`,
      );
      expect(inferred).toEqual([{ model: 'openai/fake-llm', prompt_version: PROMPT_VERSIONS.skill_tags, n: expect.any(Number), no_evidence: 0 }]);
      expect(inferred[0]!.n).toBeGreaterThan(100);
      const insights = await db.one<{ n: number; models: string }>(`SELECT count(*)::INTEGER n, string_agg(DISTINCT model || ' ' || prompt_version) models FROM interview_insights`);
      expect(insights).toEqual({ n: summary.counts.interviews, models: `openai/fake-llm ${PROMPT_VERSIONS.interview_insight}` });
      const run = await db.one<{ llm_calls: number; llm_tokens: number }>(`SELECT llm_calls, llm_tokens FROM runs`);
      expect(run.llm_calls).toBeGreaterThan(summary.counts.interviews ?? 0);
      expect(run.llm_tokens).toBeGreaterThan(0);
      const names = (await db.all<{ name: string }>(`SELECT name FROM employees WHERE name IS NOT NULL`)).map((r) => r.name);
      const sent = fake.requests().map((r) => r.messages.map((m) => m.content).join('\n')).join('\n');
      expect(names.filter((n) => sent.includes(n))).toEqual([]);
      expect(sent).toContain('〔氏名〕');
    } finally {
      db.close();
    }
    const succession = Succession.parse(JSON.parse(await readFile(join(summary.artifactsDir, 'succession.json'), 'utf8')));
    const plan = succession.positions.flatMap((p) => p.candidates).find((c) => c.development_plan)?.development_plan;
    expect(plan).toMatchObject({ model: 'openai/fake-llm', prompt_version: PROMPT_VERSIONS.development_plan });
    expect(fake.stats().outOfTaxonomy).toBeGreaterThan(0);
  });

  it('refuses to run an external provider when the config forbids it', async () => {
    const dir = await tempDir('openai-forbidden');
    const { env } = await startFake();
    const config = await openAiConfig(dir, { forbid_external: true });
    await expect(runBatch({ configPath: config, log: memoryLogger(), env })).rejects.toThrow('ai.forbid_external is true: no text may leave this machine');
  });

  it('stops at the run token cap, lists what is left, and finishes it the next night from where it stopped', async () => {
    const dir = await tempDir('openai-cap');
    const { fake, env } = await startFake();
    const config = await openAiConfig(dir, { tasks: ['skill_tags'], openai: { model: 'fake-llm', run_token_cap: 400_000, requests_per_minute: 100_000, tokens_per_minute: 100_000_000 } });
    const first = await runBatch({ configPath: config, log: memoryLogger(), env });
    expect(first.counts.ai_backlog ?? 0).toBeGreaterThan(0);
    const stored = storedKeys(join(dir, 'out', 'cache', 'ai-results.jsonl'));
    const sentBefore = fake.requests().length;
    expect(formatSummary(first)).toMatch(/ {2}AI: openai\/fake-llm, \d+ answers, \d+ from cache, \d+ calls .*, \d+ left for the next night \(ai_backlog\)/);
    const overview = JSON.parse(await readFile(join(first.artifactsDir, 'overview.json'), 'utf8'));
    expect(overview.notices.map((n: { code: string }) => n.code)).toContain('ai_left_over');

    const uncapped = await openAiConfig(dir, { tasks: ['skill_tags'], openai: { model: 'fake-llm', requests_per_minute: 100_000, tokens_per_minute: 100_000_000 } });
    const second = await runBatch({ configPath: uncapped, log: memoryLogger(), env });
    expect(second.counts.ai_backlog).toBe(0);
    const asked = requestedKeys(fake, sentBefore);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((k) => stored.has(k))).toEqual([]);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('resumes after kill -9 without asking again for any answer it had stored', async () => {
    const dir = await tempDir('openai-kill');
    // The fake answers 300 requests and holds every later one open: the batch is stuck mid-stage with exactly
    // 300 stored answers when it is killed, however fast or slow the machine is.
    const { fake: holding, env } = await startFake({ holdAfterAnswers: 300 });
    const config = await openAiConfig(dir, { tasks: ['skill_tags'], openai: { model: 'fake-llm', concurrency: 4, requests_per_minute: 100_000, tokens_per_minute: 100_000_000 } });
    const cacheFile = join(dir, 'out', 'cache', 'ai-results.jsonl');
    const lines = () => (existsSync(cacheFile) ? readFileSync(cacheFile, 'utf8').split('\n').filter(Boolean).length : 0);

    const child = spawn(process.execPath, ['batch/cli.ts', '--config', config], { env: { ...process.env, ...env }, stdio: 'ignore' });
    let exitedEarly = false;
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => { exitedEarly = signal === null; res(signal); }));
    await until(() => exitedEarly || (lines() >= 300 && holding.stats().held >= 4), 'the batch to store 300 answers and wait on its 4 held calls');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const stored = storedKeys(cacheFile);
    expect(stored.size).toBe(300);
    await holding.close(); // the held calls are answered by nobody
    expect(existsSync(join(dir, 'out', 'talent.duckdb'))).toBe(false);

    const again = await startFake();
    const resumed = await runBatch({ configPath: config, log: memoryLogger(), env: again.env });
    expect(resumed.counts.ai_backlog).toBe(0);
    const asked = requestedKeys(again.fake, 0);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((k) => stored.has(k))).toEqual([]);
    const db = await openDb(resumed.dbPath);
    try {
      const distinct = await db.one<{ n: number }>(`SELECT count(DISTINCT t)::INTEGER n FROM (SELECT notes t FROM interviews UNION ALL SELECT comment FROM evaluations WHERE comment IS NOT NULL)`);
      // Every distinct text was asked exactly once over the two runs (names are masked, so a few more may coincide).
      expect(stored.size + asked.length).toBeLessThanOrEqual(distinct.n);
    } finally {
      db.close();
    }
  });
});

/** Keys of the answers stored in the cache file. */
function storedKeys(cacheFile: string): Set<string> {
  return new Set(readFileSync(cacheFile, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { k: string }).k));
}

/** Cache keys of the requests the fake received from index `from` on. */
function requestedKeys(fake: FakeLlm, from: number): string[] {
  return fake.requests().slice(from).map((r) => {
    const input = JSON.parse(r.messages.at(-1)!.content);
    return cacheKey(r.task, PROMPT_VERSIONS[r.task as keyof typeof PROMPT_VERSIONS], 'openai/fake-llm', input);
  });
}
