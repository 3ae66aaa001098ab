import type { TaskInput, TaskName, TaskOutput } from '../../schemas/ai-tasks.ts';

export interface AiUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface AiAnswer<T extends TaskName> {
  output: TaskOutput<T>;
  usage: AiUsage;
}

/**
 * How a call failed, which decides what the scheduler does: wait as told (rate_limited), back off and retry
 * (transient, invalid_output), or stop the run (fatal: a wrong key or model will not fix itself).
 */
export type AiErrorKind = 'rate_limited' | 'transient' | 'invalid_output' | 'fatal';

export class AiCallError extends Error {
  readonly kind: AiErrorKind;
  readonly retryAfterMs: number | null;
  readonly usage: AiUsage | null;
  constructor(kind: AiErrorKind, message: string, opts: { retryAfterMs?: number | null; usage?: AiUsage | null } = {}) {
    super(message);
    this.name = 'AiCallError';
    this.kind = kind;
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.usage = opts.usage ?? null;
  }
}

/** A source of task answers: the offline rules, or a model behind an OpenAI-compatible endpoint. */
export interface AiProvider {
  readonly name: 'offline' | 'openai';
  readonly model: string;
  /** True when text leaves the machine: names are masked, calls are rate-limited, cached and paid for. */
  readonly external: boolean;
  call<T extends TaskName>(task: T, input: TaskInput<T>): Promise<AiAnswer<T>>;
  /** Estimated tokens every call of `task` carries besides its input (instructions, taxonomy, schema). */
  promptOverheadTokens(task: TaskName): number;
}
