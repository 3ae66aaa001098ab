import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from 'openai';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { TASKS, SkillTagsOutput, TaskName } from '../../schemas/ai-tasks.ts';
import { until } from '../helpers/until.ts';
import { virtualClock } from '../helpers/virtual-clock.ts';
import { estimatePromptTokens, estimateTokens, formatDuration, startFakeLlm, type FakeLlm, type FakeLlmOptions } from './server.ts';
import { stubAnswer } from './stub-answer.ts';

const open: FakeLlm[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

async function fake(options: Partial<FakeLlmOptions> = {}): Promise<FakeLlm> {
  const f = await startFakeLlm({ answer: stubAnswer, ...options });
  open.push(f);
  return f;
}

/** A client with the SDK's retries off and a timeout far above any loopback answer, unless a test needs one. */
function client(f: FakeLlm, opts: { timeout?: number; maxRetries?: number; fetch?: typeof fetch } = {}): OpenAI {
  return new OpenAI({ baseURL: f.url, apiKey: 'test-key', maxRetries: opts.maxRetries ?? 0, timeout: opts.timeout ?? 60_000, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
}

function messages(task: string, input: unknown): Array<{ role: 'system' | 'user'; content: string }> {
  return [
    { role: 'system', content: `task: ${task}\nprompt_version: 1\nあなたは人事データのアシスタントです。JSONだけを返してください。` },
    { role: 'user', content: JSON.stringify(input) },
  ];
}

function jsonSchemaFormat(task: TaskName) {
  return {
    type: 'json_schema' as const,
    json_schema: { name: task, schema: z.toJSONSchema(TASKS[task].output) as Record<string, unknown>, strict: true },
  };
}

function ask(c: OpenAI, task: TaskName, input: unknown, format: 'json_schema' | 'json_object' = 'json_schema') {
  return c.chat.completions.create({
    model: 'gpt-test',
    messages: messages(task, input),
    response_format: format === 'json_schema' ? jsonSchemaFormat(task) : { type: 'json_object' },
    temperature: 0,
  });
}

/** The rejection of a promise that must fail. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

const PY = { text: 'Pythonで検査データの集計を自動化した。来年はPLC制御を学びたい。' };
const INPUTS: Record<TaskName, unknown> = {
  skill_tags: PY,
  interview_insight: { text: '課長職を目指したい。残業が多い。', held_on: '2025-06-12' },
  comment_quality: { text: 'よく頑張った。' },
  development_plan: { position_title: '生産技術課長', as_of: '2025-10-01', readiness: '1_2_years', expected_vacancy: null, vacancy_before_readiness: false, gaps: [], aspirations: [] },
};

describe('fake LLM server: protocol', () => {
  it('answers a json_schema request with a standard chat.completion and logs the body', async () => {
    const f = await fake();
    const { data, response } = await ask(client(f), 'skill_tags', PY).withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.id).toBe('chatcmpl-fake-1');
    expect(data.model).toBe('gpt-test');
    expect(typeof data.created).toBe('number');
    const choice = data.choices[0]!;
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.role).toBe('assistant');
    const content = choice.message.content!;
    expect(JSON.parse(content)).toEqual(stubAnswer('skill_tags', PY));
    expect(SkillTagsOutput.safeParse(JSON.parse(content)).success).toBe(true);
    const prompt = estimatePromptTokens(messages('skill_tags', PY));
    expect(data.usage).toEqual({ prompt_tokens: prompt, completion_tokens: estimateTokens(content), total_tokens: prompt + estimateTokens(content) });
    expect(response.headers.get('x-request-id')).toBe('req_fake_1');

    const [logged] = f.requests();
    expect(logged).toMatchObject({ model: 'gpt-test', task: 'skill_tags', messages: messages('skill_tags', PY) });
    expect(logged!.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'skill_tags', strict: true } });
    expect(f.stats()).toMatchObject({ requests: 1, ok: 1, tokens: data.usage!.total_tokens });
  });

  it('answers every task, for json_object too', async () => {
    const f = await fake();
    const c = client(f);
    for (const task of TaskName.options) {
      for (const format of ['json_schema', 'json_object'] as const) {
        const r = await ask(c, task, INPUTS[task], format);
        expect(TASKS[task].output.safeParse(JSON.parse(r.choices[0]!.message.content!)).success).toBe(true);
      }
    }
    expect(f.stats().ok).toBe(8);
  });

  it('rejectJsonSchema: BadRequestError on json_schema, json_object still answered', async () => {
    const f = await fake({ rejectJsonSchema: true });
    const c = client(f);
    const e = await failure(ask(c, 'comment_quality', INPUTS.comment_quality));
    expect(e).toBeInstanceOf(BadRequestError);
    expect((e as BadRequestError).status).toBe(400);
    expect((e as BadRequestError).param).toBe('response_format');
    expect((e as BadRequestError).type).toBe('invalid_request_error');
    expect((e as BadRequestError).message).toContain('response_format json_schema is not supported');
    const ok = await ask(c, 'comment_quality', INPUTS.comment_quality, 'json_object');
    expect(JSON.parse(ok.choices[0]!.message.content!)).toEqual(stubAnswer('comment_quality', INPUTS.comment_quality));
    expect(f.stats()).toMatchObject({ requests: 2, ok: 1, badRequests: 1 });
  });

  it('401 without a bearer token, 400 for a request outside the protocol', async () => {
    const f = await fake();
    const body = JSON.stringify({ model: 'm', messages: messages('skill_tags', PY) });
    const noAuth = await fetch(`${f.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
    const emptyBearer = await fetch(`${f.url}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer ' }, body });
    expect(emptyBearer.status).toBe(401);
    const sdkNoKey = new OpenAI({ baseURL: f.url, apiKey: 'x', maxRetries: 0, defaultHeaders: { authorization: null } });
    expect(await failure(ask(sdkNoKey, 'skill_tags', PY))).toBeInstanceOf(AuthenticationError);

    const notJson = await fetch(`${f.url}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{"model":' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_json' } });

    const c = client(f);
    const noTask = await failure(
      c.chat.completions.create({ model: 'm', messages: [{ role: 'system', content: 'タグ付けして' }, { role: 'user', content: '{}' }] }),
    );
    expect(noTask).toBeInstanceOf(BadRequestError);
    expect((noTask as BadRequestError).code).toBe('invalid_prompt_header');
    const noVersion = await failure(
      c.chat.completions.create({ model: 'm', messages: [{ role: 'system', content: 'task: skill_tags\n' }, { role: 'user', content: '{}' }] }),
    );
    expect((noVersion as BadRequestError).code).toBe('invalid_prompt_header');
    const notJsonInput = await failure(
      c.chat.completions.create({ model: 'm', messages: [{ role: 'system', content: 'task: skill_tags\nprompt_version: 1' }, { role: 'user', content: 'Python' }] }),
    );
    expect((notJsonInput as BadRequestError).code).toBe('invalid_input');
    const unknownTask = await failure(ask(c, 'nope' as TaskName, {}, 'json_object'));
    expect((unknownTask as BadRequestError).code).toBe('answer_failed');

    expect(f.stats()).toMatchObject({ requests: 8, ok: 0, badRequests: 8, tokens: 0 });
    expect(f.requests().map((r) => r.task)).toEqual(['skill_tags', 'skill_tags', 'skill_tags', '', 'skill_tags', 'skill_tags', 'nope']); // the broken body is not logged
  });

  it('GET /v1/models lists one model', async () => {
    const f = await fake();
    const models = await client(f).models.list();
    expect(models.data.map((m) => m.id)).toEqual(['fake-llm']);
  });
});

describe('fake LLM server: faults as the openai SDK sees them', () => {
  it('rate429 → RateLimitError with retry-after headers, costing no budget', async () => {
    const f = await fake({ faults: { rate429: 1 }, rpm: 5, timeCompression: 60 });
    const e = await failure(ask(client(f), 'skill_tags', PY));
    expect(e).toBeInstanceOf(RateLimitError);
    const err = e as RateLimitError;
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limit_exceeded');
    expect(err.headers?.get('retry-after')).toBe('1');
    expect(Number(err.headers?.get('retry-after-ms'))).toBe(17); // one compressed second at 60×
    expect(err.headers?.get('x-ratelimit-remaining-requests')).toBe('5');
    expect(f.stats()).toMatchObject({ requests: 1, status429: 1, tokens: 0 });
  });

  it('rate500 → InternalServerError', async () => {
    const f = await fake({ faults: { rate500: 1 } });
    const e = await failure(ask(client(f), 'skill_tags', PY));
    expect(e).toBeInstanceOf(InternalServerError);
    expect((e as InternalServerError).status).toBe(500);
    expect((e as InternalServerError).type).toBe('server_error');
    expect(f.stats().status500).toBe(1);
  });

  it('timeout fault → APIConnectionTimeoutError when the client gives up first, APIConnectionError when the server hangs up', async () => {
    // The server would hang for an hour: a timeout error means the client gave up first.
    const slow = await fake({ faults: { rateTimeout: 1 }, timeoutHangMs: 3_600_000 });
    const e1 = await failure(ask(client(slow, { timeout: 300 }), 'skill_tags', PY));
    expect(e1).toBeInstanceOf(APIConnectionTimeoutError);

    const quick = await fake({ faults: { rateTimeout: 1 }, timeoutHangMs: 100 });
    const e2 = await failure(ask(client(quick), 'skill_tags', PY));
    expect(e2).toBeInstanceOf(APIConnectionError);
    expect(e2).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect(slow.stats().timeouts + quick.stats().timeouts).toBe(2);
  });

  it('malformed → 200 whose content does not parse', async () => {
    const f = await fake({ faults: { rateMalformed: 1 } });
    for (const task of TaskName.options) {
      const r = await ask(client(f), task, INPUTS[task]);
      expect(r.choices[0]!.finish_reason).toBe('stop');
      expect(() => JSON.parse(r.choices[0]!.message.content!)).toThrow(SyntaxError);
    }
    expect(f.stats()).toMatchObject({ requests: 4, malformed: 4, ok: 0 });
  });

  it('schema violation → valid JSON that fails the task schema, for every task', async () => {
    const f = await fake({ faults: { rateSchemaViolation: 1 } });
    for (const task of TaskName.options) {
      const r = await ask(client(f), task, INPUTS[task]);
      const parsed: unknown = JSON.parse(r.choices[0]!.message.content!);
      expect(parsed).toMatchObject({ unexpected: true });
      expect(TASKS[task].output.safeParse(parsed).success).toBe(false);
    }
    expect(f.stats().schemaViolations).toBe(4);
  });

  it('out-of-taxonomy → first skill_id replaced, or a skill added; other tasks untouched', async () => {
    const f = await fake({ faults: { rateOutOfTaxonomy: 1 } });
    const c = client(f);
    const first = SkillTagsOutput.parse(JSON.parse((await ask(c, 'skill_tags', PY)).choices[0]!.message.content!));
    expect(first.skills.map((s) => s.skill_id)).toEqual(['not_in_taxonomy_1']);
    const empty = { text: '品質管理の勉強会に参加した。次は資格を取りたい。' };
    const added = SkillTagsOutput.parse(JSON.parse((await ask(c, 'skill_tags', empty)).choices[0]!.message.content!));
    expect(added.skills).toEqual([{ skill_id: 'not_in_taxonomy_2', kind: 'has', level_hint: null, evidence: '品質管理の勉強会に参加した。', confidence: 0.9 }]);
    const other = await ask(c, 'comment_quality', INPUTS.comment_quality);
    expect(JSON.parse(other.choices[0]!.message.content!)).toEqual(stubAnswer('comment_quality', INPUTS.comment_quality));
    expect(f.stats()).toMatchObject({ requests: 3, outOfTaxonomy: 2, ok: 1 });
  });

  it('the same seed gives the same fault sequence; the counters add up', async () => {
    const faults = { rate429: 0.12, rate500: 0.12, rateTimeout: 0.12, rateMalformed: 0.12, rateSchemaViolation: 0.12, rateOutOfTaxonomy: 0.12 };
    const run = async (seed: number) => {
      const f = await fake({ faults, seed, timeoutHangMs: 30 }); // the server hangs up long before the client's timeout
      const c = client(f);
      const seen: string[] = [];
      for (let i = 0; i < 25; i++) {
        try {
          const content = (await ask(c, 'skill_tags', PY)).choices[0]!.message.content!;
          let parsed: unknown;
          try {
            parsed = JSON.parse(content);
          } catch {
            seen.push('malformed');
            continue;
          }
          const r = SkillTagsOutput.safeParse(parsed);
          seen.push(!r.success ? 'schema' : r.data.skills[0]?.skill_id.startsWith('not_in_taxonomy_') ? 'oot' : 'ok');
        } catch (e) {
          seen.push(e instanceof RateLimitError ? '429' : e instanceof InternalServerError ? '500' : e instanceof APIConnectionError ? 'conn' : 'other');
        }
      }
      const s = f.stats();
      expect(s.requests).toBe(25);
      expect(s.ok + s.status429 + s.status500 + s.timeouts + s.malformed + s.schemaViolations + s.outOfTaxonomy + s.badRequests).toBe(25);
      expect(seen.filter((x) => x === 'ok').length).toBe(s.ok);
      expect(seen.filter((x) => x === 'conn').length).toBe(s.timeouts);
      expect(seen.filter((x) => x === '429').length).toBe(s.status429);
      return seen;
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThanOrEqual(5);
    expect(a).not.toContain('other');
  });

  it('close() does not wait for a request hanging on a timeout fault', async () => {
    // The hang (an hour) and the client's timeout (ten minutes) both outlast the test: if close() waited for
    // either, the test would time out instead of passing.
    const f = await startFakeLlm({ answer: stubAnswer, faults: { rateTimeout: 1 }, timeoutHangMs: 3_600_000 });
    const pending = failure(ask(client(f, { timeout: 600_000 }), 'skill_tags', PY));
    await until(() => f.stats().timeouts === 1, 'the request to reach the timeout fault');
    await f.close();
    const e = await pending;
    expect(e).toBeInstanceOf(APIConnectionError);
    expect(e).not.toBeInstanceOf(APIConnectionTimeoutError);
    await f.close(); // idempotent
  });
});

describe('fake LLM server: rate limits', () => {
  it('rpm: rpm+1 requests at one moment → exactly one 429 with retry-after for the window; rejected requests cost nothing', async () => {
    const clock = virtualClock();
    const f = await fake({ rpm: 3, timeCompression: 60, clock }); // a minute lasts 1000 ms
    const c = client(f);
    const results = await Promise.allSettled([0, 1, 2, 3].map(() => ask(c, 'skill_tags', PY)));
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const err = (rejected[0] as PromiseRejectedResult).reason as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.type).toBe('requests');
    expect(err.code).toBe('rate_limit_exceeded');
    expect(err.message).toContain('requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.');
    // All three were admitted at t = 0: the first slot frees at t = 1000.
    expect(err.headers?.get('retry-after-ms')).toBe('1000');
    expect(err.headers?.get('retry-after')).toBe('1');
    expect(err.headers?.get('x-ratelimit-limit-requests')).toBe('3');
    expect(err.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(err.headers?.get('x-ratelimit-reset-requests')).toBe('1s');

    clock.advance(250);
    const again = (await failure(ask(c, 'skill_tags', PY))) as RateLimitError;
    expect(again).toBeInstanceOf(RateLimitError);
    expect(again.headers?.get('retry-after-ms')).toBe('750'); // the refused request did not take a slot
    expect(again.headers?.get('x-ratelimit-reset-requests')).toBe('750ms');
    expect(again.message).toContain('Please try again in 750ms.');

    clock.advance(750);
    const { response } = await ask(c, 'skill_tags', PY).withResponse();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('2'); // the three first have left the window
    expect(response.headers.get('x-ratelimit-reset-requests')).toBe('1s');
    clock.advance(1);
    const next = await ask(c, 'skill_tags', PY).withResponse();
    expect(next.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(next.response.headers.get('x-ratelimit-reset-requests')).toBe('1s');
    expect(f.stats()).toMatchObject({ requests: 7, ok: 5, status429: 2 });
  });

  it('tpm: over the token budget → 429 type tokens; a request larger than tpm is not retryable', async () => {
    const perRequest =
      estimatePromptTokens(messages('skill_tags', PY)) + estimateTokens(JSON.stringify(stubAnswer('skill_tags', PY)));
    const tpm = Math.floor(perRequest * 2.5);
    const clock = virtualClock();
    const f = await fake({ tpm, timeCompression: 30, clock }); // a minute lasts 2000 ms
    const c = client(f);
    const first = await ask(c, 'skill_tags', PY).withResponse();
    expect(first.data.usage!.total_tokens).toBe(perRequest);
    expect(first.response.headers.get('x-ratelimit-remaining-tokens')).toBe(String(tpm - perRequest));
    clock.advance(400);
    await ask(c, 'skill_tags', PY);
    clock.advance(100);
    const e = (await failure(ask(c, 'skill_tags', PY))) as RateLimitError;
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.type).toBe('tokens');
    expect(e.message).toContain(`tokens per min (TPM): Limit ${tpm}, Used ${2 * perRequest}, Requested ${perRequest}`);
    // Admitted at t = 0 and t = 400, refused at t = 500: it fits once the first leaves, at t = 2000.
    expect(e.headers?.get('retry-after-ms')).toBe('1500');
    expect(e.headers?.get('retry-after')).toBe('2');
    expect(e.message).toContain('Please try again in 1.5s.');
    expect(e.headers?.get('x-ratelimit-limit-tokens')).toBe(String(tpm));
    expect(e.headers?.get('x-ratelimit-remaining-tokens')).toBe(String(tpm - 2 * perRequest));
    expect(e.headers?.get('x-ratelimit-reset-tokens')).toBe('1.9s'); // the window is empty at t = 2400

    const huge = (await failure(ask(c, 'skill_tags', { text: 'あ'.repeat(tpm * 2) }))) as RateLimitError;
    expect(huge).toBeInstanceOf(RateLimitError);
    expect(huge.message).toContain('Request too large');
    expect(huge.headers?.get('x-should-retry')).toBe('false');
    expect(f.stats()).toMatchObject({ requests: 4, ok: 2, status429: 2, tokens: 2 * perRequest });
  });

  it('the SDK retries on its own after retry-after-ms and gets through', async () => {
    // The server's clock moves only when the SDK comes back after a 429: by exactly what the 429 told it. So the
    // third request is refused whatever the machine's speed; the real time the SDK waited is measured apart.
    const clock = virtualClock();
    const f = await fake({ rpm: 2, timeCompression: 120, clock }); // a minute lasts 500 ms
    const told: number[] = [];
    const waited: number[] = [];
    let refusedAt: number | null = null;
    const watching: typeof fetch = async (input, init) => {
      if (refusedAt !== null) {
        waited.push(performance.now() - refusedAt);
        clock.advance(told.at(-1)!);
        refusedAt = null;
      }
      const response = await fetch(input, init);
      if (response.status === 429) {
        told.push(Number(response.headers.get('retry-after-ms')));
        refusedAt = performance.now();
      }
      return response;
    };
    const c = client(f, { maxRetries: 3, fetch: watching });
    for (let i = 0; i < 4; i++) await ask(c, 'skill_tags', PY);
    expect(f.stats()).toMatchObject({ requests: 5, ok: 4, status429: 1 });
    expect(told).toEqual([500]);
    // setTimeout may fire up to a millisecond early against performance.now().
    expect(waited[0]).toBeGreaterThanOrEqual(told[0]! - 1);
  });
});

describe('formatDuration: the reset headers as OpenAI writes them (Go durations)', () => {
  it.each([
    [0, '0s'],
    [-5, '0s'],
    [0.2, '1ms'],
    [20, '20ms'],
    [999, '999ms'],
    [999.4, '1s'],
    [1000, '1s'],
    [1001, '1.001s'],
    [1500, '1.5s'],
    [59_999, '59.999s'],
    [60_000, '1m0s'],
    [61_000, '1m1s'],
    [360_000, '6m0s'],
    [3_600_000, '1h0m0s'],
    [3_723_456, '1h2m3.456s'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('estimateTokens', () => {
  it('is ceil(code points / 2)', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('a')).toBe(1);
    expect(estimateTokens('品質管理')).toBe(2);
    expect(estimateTokens('𠮷野家')).toBe(2); // a surrogate pair is one character
    expect(estimatePromptTokens([{ content: 'abc' }, { content: 'de' }])).toBe(3);
  });
});
