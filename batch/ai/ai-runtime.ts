import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../schemas/config.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { CliError, EXIT } from '../errors.ts';
import type { Logger } from '../log.ts';
import { realClock, type Clock } from './clock.ts';
import { createNameMasker, type NameMasker, type Person } from './masking.ts';
import { createOfflineProvider } from './offline-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';
import type { AiProvider } from './provider.ts';
import { RateLimiter } from './rate-limiter.ts';
import { ResultCache } from './result-cache.ts';
import { createOfflineRunner, type JobRunner } from './offline-runner.ts';
import { createScheduler } from './scheduler.ts';
import { mulberry32 } from '../seeded-random.ts';

export interface AiRuntime {
  provider: AiProvider;
  scheduler: JobRunner;
  /** null offline: no text leaves the machine. */
  masker: NameMasker | null;
  cache: ResultCache | null;
}

/**
 * Chooses and wires the provider from the config and the environment (OPENAI_API_KEY, OPENAI_BASE_URL —
 * never from the config file, never logged). External providers get name masking, the rate limiter, the
 * persistent cache and the caps; the offline provider needs none of them.
 */
export async function createAiRuntime(opts: {
  config: Config;
  /** Key-position titles (found as goals in notes) and people's names (masked before text leaves). */
  positionTitles: string[];
  people: Person[];
  taxonomy: Taxonomy;
  cacheDir: string;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
}): Promise<AiRuntime> {
  const { config, taxonomy, log } = opts;
  const env = opts.env ?? process.env;
  const clock = opts.clock ?? realClock;
  const titles = opts.positionTitles;
  const ai = config.ai;
  if (ai.provider === 'offline') {
    const provider = createOfflineProvider(taxonomy, titles);
    // No limits, retries or cache to manage offline: the lean runner gives the scheduler's results and counts,
    // on worker threads when there are cores to spare.
    const scheduler = createOfflineRunner({ taxonomy, positionTitles: titles, workers: offlineWorkers(env) });
    return { provider, scheduler, masker: null, cache: null };
  }
  if (ai.forbid_external) throw new CliError(`ai.provider is "${ai.provider}" but ai.forbid_external is true: no text may leave this machine. Use provider: offline, or lift the ban.`, EXIT.config);
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) throw new CliError(`ai.provider is "openai" but OPENAI_API_KEY is not set. Export it in the environment of the batch (never in the config file); set OPENAI_BASE_URL for a non-OpenAI endpoint.`, EXIT.config);
  const masker = createNameMasker(opts.people);
  if (masker.people === 0) {
    throw new CliError(`ai.provider is "openai" but no employee names were loaded to mask: texts would leave the machine with people's names in them. Configure the employee export (sources, kind: employees) with its name columns.`, EXIT.config);
  }
  const o = ai.openai;
  const provider = createOpenAiProvider({
    apiKey, baseURL: env.OPENAI_BASE_URL || undefined, model: o.model, timeoutMs: o.timeout_ms, maxCompletionTokens: o.max_completion_tokens,
    structuredOutput: o.structured_output, taxonomy, log,
  });
  const cache = new ResultCache(opts.cacheDir);
  if (cache.damagedLines) log.warn(`${join(opts.cacheDir, 'ai-results.jsonl')}: ${cache.damagedLines} damaged line(s) skipped (a write cut short by a crash); those texts will be asked again`);
  log.info(`AI: ${provider.name}/${provider.model} at ${env.OPENAI_BASE_URL || 'the OpenAI API'}; ${cache.size} cached answers; ${o.requests_per_minute} req/min, ${o.tokens_per_minute} tokens/min, ${o.concurrency} at once; names of ${masker.people} people are masked before texts leave${masker.split < masker.people ? ` (${masker.people - masker.split} without family and given name apart: full names only)` : ''}`);
  const scheduler = createScheduler({
    provider, cache, clock, random: mulberry32(0x7a11),
    limiter: new RateLimiter({ rpm: o.requests_per_minute, tpm: o.tokens_per_minute, clock }),
    concurrency: o.concurrency, maxAttempts: o.max_attempts, maxCompletionTokens: o.max_completion_tokens,
    circuitBreakerFailures: o.circuit_breaker_failures, tokenCap: o.run_token_cap, costCapUsd: o.run_cost_cap_usd,
    pricePerMillion: { input: o.price_per_million_input_tokens, output: o.price_per_million_output_tokens },
  });
  return { provider, scheduler, masker, cache };
}

/** Worker threads for the offline rules: TALENT_ATLAS_AI_WORKERS, else one per core but one, up to 4 (none on one core). */
export function offlineWorkers(env: NodeJS.ProcessEnv): number {
  const set = env.TALENT_ATLAS_AI_WORKERS?.trim();
  if (set) {
    if (!/^\d+$/.test(set)) throw new CliError(`TALENT_ATLAS_AI_WORKERS must be a whole number (0: no worker threads), got "${set}".`, EXIT.config);
    return Number(set);
  }
  // The main thread is busy too (reading texts, writing results): one core is left to it.
  return Math.min(4, availableParallelism() - 1);
}
