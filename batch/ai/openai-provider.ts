import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { TASKS, type TaskInput, type TaskName } from '../../schemas/ai-tasks.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import type { Logger } from '../log.ts';
import { estimateTokens, systemPrompt, userPrompt } from './prompts.ts';
import { AiCallError, type AiAnswer, type AiProvider } from './provider.ts';
import { retryAfterFromHeaders } from './retry-policy.ts';

export interface OpenAiProviderOptions {
  apiKey: string;
  baseURL: string | undefined;
  model: string;
  timeoutMs: number;
  maxCompletionTokens: number;
  structuredOutput: 'auto' | 'json_schema' | 'json_object';
  taxonomy: Taxonomy;
  log: Logger;
}

/**
 * Any OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 endpoint, vLLM, Ollama, llama.cpp) through the
 * official SDK. The SDK's own retries are off: our scheduler is the only one deciding when to call again.
 * Output is asked for as json_schema (structured output); a server that refuses it is asked in
 * json_object mode instead, and every answer is validated with zod either way.
 */
export function createOpenAiProvider(opts: OpenAiProviderOptions): AiProvider {
  const client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: 0, timeout: opts.timeoutMs });
  let mode: 'json_schema' | 'json_object' = opts.structuredOutput === 'json_object' ? 'json_object' : 'json_schema';
  const systems = new Map<TaskName, string>();
  const formats = new Map<TaskName, ReturnType<typeof zodResponseFormat>>();
  const system = (task: TaskName) => systems.get(task) ?? systems.set(task, systemPrompt(task, opts.taxonomy)).get(task)!;
  // The SDK's own zod 4 → strict JSON-schema conversion, the form OpenAI's structured outputs accept.
  const format = (task: TaskName) => formats.get(task) ?? formats.set(task, zodResponseFormat(TASKS[task].output, task)).get(task)!;
  const jsonSchema = (task: TaskName) => format(task).json_schema.schema;

  async function call<T extends TaskName>(task: T, input: TaskInput<T>): Promise<AiAnswer<T>> {
    const used = mode;
    const messages = [
      { role: 'system' as const, content: mode === 'json_object' ? `${system(task)}\n\nJSON schema of the answer:\n${JSON.stringify(jsonSchema(task))}` : system(task) },
      { role: 'user' as const, content: userPrompt(input) },
    ];
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await client.chat.completions.create({
        model: opts.model,
        messages,
        temperature: 0,
        max_completion_tokens: opts.maxCompletionTokens,
        response_format: mode === 'json_schema' ? { type: 'json_schema', json_schema: format(task).json_schema } : { type: 'json_object' },
      });
    } catch (e) {
      if (e instanceof OpenAI.BadRequestError && used === 'json_schema' && opts.structuredOutput === 'auto' && /response_format|json_schema/i.test(e.message)) {
        // Calls in flight when the first refusal came back switch too, but only the first says so.
        if (mode === 'json_schema') opts.log.warn(`the endpoint refuses json_schema output (${e.message.split('\n')[0]}); asking for json_object and validating answers instead`);
        mode = 'json_object';
        return call(task, input);
      }
      throw classify(e);
    }
    const usage = { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 };
    const content = completion.choices[0]?.message?.content ?? '';
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw new AiCallError('invalid_output', `${task}: the answer is not JSON (${content.slice(0, 80)}…)`, { usage });
    }
    const parsed = TASKS[task].output.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AiCallError('invalid_output', `${task}: the answer does not fit the schema at ${issue.path.join('.') || '(top)'}: ${issue.message}`, { usage });
    }
    return { output: parsed.data as AiAnswer<T>['output'], usage };
  }

  const promptOverheadTokens = (task: TaskName) => estimateTokens(system(task)) + (mode === 'json_object' ? estimateTokens(JSON.stringify(jsonSchema(task))) : 0);
  return { name: 'openai', model: opts.model, external: true, call, promptOverheadTokens };
}

function classify(e: unknown): AiCallError {
  if (e instanceof OpenAI.RateLimitError) return new AiCallError('rate_limited', `rate limited: ${e.message}`, { retryAfterMs: retryAfterFromHeaders(e.headers) });
  if (e instanceof OpenAI.APIConnectionTimeoutError) return new AiCallError('transient', 'the request timed out');
  if (e instanceof OpenAI.APIConnectionError) return new AiCallError('transient', `connection failed: ${e.message}`);
  if (e instanceof OpenAI.InternalServerError) return new AiCallError('transient', `server error ${e.status}: ${e.message}`, { retryAfterMs: retryAfterFromHeaders(e.headers) });
  if (e instanceof OpenAI.AuthenticationError || e instanceof OpenAI.PermissionDeniedError || e instanceof OpenAI.NotFoundError)
    return new AiCallError('fatal', `${e.status} ${e.message} — check OPENAI_API_KEY, OPENAI_BASE_URL and ai.openai.model`);
  if (e instanceof OpenAI.APIError && e.status === 409) return new AiCallError('transient', `conflict: ${e.message}`);
  if (e instanceof OpenAI.APIError) return new AiCallError('fatal', `${e.status ?? ''} ${e.message}`.trim());
  return new AiCallError('transient', (e as Error).message ?? String(e));
}
