/**
 * A fake OpenAI-compatible chat-completions server on 127.0.0.1 for tests and the benchmark: deterministic
 * answers, rpm/tpm limits in a sliding (compressed) minute with OpenAI-style 429s and headers, and seeded
 * fault injection (429, 500, hanging requests, malformed JSON, schema violations, out-of-taxonomy skills).
 * See README.md in this folder for the protocol.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mulberry32 } from '../../batch/seeded-random.ts';
import { malformedContent, outOfTaxonomy, pickFault, validateFaultRates, violateSchema, type FaultRates } from './faults.ts';
import { openAiError, parseChatRequest, readMessages, taskOf, type OpenAiErrorBody } from './protocol.ts';
import { RateWindow, formatDuration } from './rate-window.ts';
import { estimatePromptTokens, estimateTokens } from './tokens.ts';

export { estimateTokens, estimatePromptTokens } from './tokens.ts';
export { formatDuration } from './rate-window.ts';

export interface FakeLlmOptions {
  /** Deterministic answer for a request (task name and input JSON parsed from the messages). Throwing → 400. */
  answer: (task: string, input: unknown) => unknown;
  /** Requests per (compressed) minute; over it → 429. */
  rpm?: number;
  /** Tokens per (compressed) minute, prompt + completion estimate; over it → 429. */
  tpm?: number;
  /** 1 = real minutes; 60 = a minute lasts 1 s. */
  timeCompression?: number;
  faults?: FaultRates;
  /** Seed of the fault PRNG (default 1): same seed + same order of admitted requests → same faults. */
  seed?: number;
  /** 400 on response_format.type === 'json_schema', like a server without structured outputs. */
  rejectJsonSchema?: boolean;
  /** How long a "timeout" fault holds the request before destroying the socket (default 30 000 ms). */
  timeoutHangMs?: number;
  /** Fixed delay before every 200 answer (default 0). */
  latencyMs?: number;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /**
   * Where the rate windows read the time, in ms (default: `performance.now()`). Tests pass a virtual clock
   * shared with the client, so what the limits admit does not depend on how fast the machine is.
   */
  clock?: { now(): number };
  /**
   * After this many 200 answers, every further admitted request is held open, unanswered, until `close()`
   * (default: never): a client can be stopped at a known point, whatever its speed.
   */
  holdAfterAnswers?: number;
}

export interface FakeLlmStats {
  /** POST /v1/chat/completions received; = ok + status429 + status500 + timeouts + malformed + schemaViolations + outOfTaxonomy + badRequests + held. */
  requests: number;
  ok: number;
  /** Real (rpm/tpm) and injected 429s. */
  status429: number;
  status500: number;
  timeouts: number;
  malformed: number;
  schemaViolations: number;
  outOfTaxonomy: number;
  /** 400 (unparseable, json_schema refused, answer() threw), 401 (no bearer token), 413 (body too large). */
  badRequests: number;
  /** Requests held open by `holdAfterAnswers`. */
  held: number;
  /** Tokens charged against tpm: prompt + completion estimate of every admitted request (not of 429s or 4xx). */
  tokens: number;
}

export interface FakeLlmRequestRecord {
  model: string;
  /** '' when the system prompt has no `task:` line. */
  task: string;
  messages: Array<{ role: string; content: string }>;
  response_format: unknown;
}

export interface FakeLlm {
  /** http://127.0.0.1:PORT/v1 */
  url: string;
  stats(): FakeLlmStats;
  /** Every chat-completions body that was valid JSON, as received (after auth or not), in arrival order. */
  requests(): FakeLlmRequestRecord[];
  close(): Promise<void>;
}

/** The model id listed by GET /v1/models (requests may name any model; responses echo it). */
export const FAKE_MODEL_ID = 'fake-llm';
/** `created` of every response: fixed, so responses are byte-for-byte deterministic. */
export const FAKE_CREATED = 1_767_225_600;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

function positive(name: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new RangeError(`${name} must be a positive number, got ${v}`);
}

export async function startFakeLlm(options: FakeLlmOptions): Promise<FakeLlm> {
  positive('rpm', options.rpm);
  positive('tpm', options.tpm);
  positive('timeCompression', options.timeCompression);
  positive('timeoutHangMs', options.timeoutHangMs);
  if (options.holdAfterAnswers !== undefined && !(Number.isInteger(options.holdAfterAnswers) && options.holdAfterAnswers >= 0)) {
    throw new RangeError(`holdAfterAnswers must be a whole number >= 0, got ${options.holdAfterAnswers}`);
  }
  if (options.latencyMs !== undefined && !(Number.isFinite(options.latencyMs) && options.latencyMs >= 0)) {
    throw new RangeError(`latencyMs must be >= 0, got ${options.latencyMs}`);
  }
  const rates: FaultRates = options.faults ?? {};
  validateFaultRates(rates);

  const compression = options.timeCompression ?? 1;
  const windowMs = 60_000 / compression;
  const hangMs = options.timeoutHangMs ?? 30_000;
  const latencyMs = options.latencyMs ?? 0;
  const random = mulberry32(options.seed ?? 1);
  const window = new RateWindow({ rpm: options.rpm, tpm: options.tpm, windowMs });
  const clock = options.clock ?? { now: () => performance.now() };
  const now = (): number => clock.now();

  const stats: FakeLlmStats = {
    requests: 0,
    ok: 0,
    status429: 0,
    status500: 0,
    timeouts: 0,
    malformed: 0,
    schemaViolations: 0,
    outOfTaxonomy: 0,
    badRequests: 0,
    held: 0,
    tokens: 0,
  };
  const log: FakeLlmRequestRecord[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const wakers = new Set<() => void>();
  let closing = false;

  /**
   * Resolves after ms (never, for Infinity), at once when the server closes (callers then check `closing`),
   * or when `res` closes.
   */
  const delay = (ms: number, res?: ServerResponse): Promise<void> =>
    new Promise((resolve) => {
      if (ms <= 0 || closing || res?.destroyed) return resolve();
      const wake = (): void => {
        if (timer) clearTimeout(timer);
        if (timer) timers.delete(timer);
        wakers.delete(wake);
        res?.off('close', wake);
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(wake, ms) : null;
      if (timer) timers.add(timer);
      wakers.add(wake);
      res?.once('close', wake);
    });

  const rateHeaders = (): Record<string, string> => {
    const snap = window.snapshot(now());
    const h: Record<string, string> = {};
    if (options.rpm !== undefined) {
      h['x-ratelimit-limit-requests'] = String(options.rpm);
      h['x-ratelimit-remaining-requests'] = String(Math.max(0, options.rpm - snap.requestsUsed));
      h['x-ratelimit-reset-requests'] = formatDuration(snap.resetMs);
    }
    if (options.tpm !== undefined) {
      h['x-ratelimit-limit-tokens'] = String(options.tpm);
      h['x-ratelimit-remaining-tokens'] = String(Math.max(0, options.tpm - snap.tokensUsed));
      h['x-ratelimit-reset-tokens'] = formatDuration(snap.resetMs);
    }
    return h;
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    if (closing || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  };

  const retryHeaders = (waitMs: number): Record<string, string> => {
    const ms = Math.max(1, Math.ceil(waitMs));
    return { 'retry-after-ms': String(ms), 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) };
  };

  const authorized = (req: IncomingMessage): boolean => /^Bearer\s+\S+/i.test(req.headers.authorization ?? '');

  const unauthorized = (res: ServerResponse, req: IncomingMessage): void => {
    const message = req.headers.authorization
      ? 'Incorrect API key provided. The Authorization header must be `Bearer <key>` with a non-empty key.'
      : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
    send(res, 401, openAiError(message, 'invalid_request_error', null, 'invalid_api_key'));
  };

  const readBody = (req: IncomingMessage): Promise<string | null> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY_BYTES) chunks.push(c);
      });
      req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  async function chatCompletions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const seq = stats.requests;
    res.setHeader('x-request-id', `req_fake_${seq}`);
    const raw = await readBody(req);
    if (raw === null) {
      stats.badRequests++;
      return send(res, 413, openAiError('Request body too large.', 'invalid_request_error', null, 'request_too_large'));
    }
    let body: unknown;
    let json = true;
    try {
      body = JSON.parse(raw);
    } catch {
      json = false;
    }
    if (json && body !== null && typeof body === 'object' && !Array.isArray(body)) {
      const b = body as Record<string, unknown>;
      const messages = readMessages(b);
      log.push({ model: typeof b['model'] === 'string' ? b['model'] : '', task: taskOf(messages), messages, response_format: b['response_format'] ?? null });
    }
    // 1. auth
    if (!authorized(req)) {
      stats.badRequests++;
      return unauthorized(res, req);
    }
    // 2. parse
    if (!json) {
      stats.badRequests++;
      return send(res, 400, openAiError('We could not parse the JSON body of your request.', 'invalid_request_error', null, 'invalid_json'));
    }
    const parsed = parseChatRequest(body);
    if (!parsed.ok) {
      stats.badRequests++;
      return send(res, 400, parsed.error);
    }
    const request = parsed.request;
    if (options.rejectJsonSchema && request.responseFormatType === 'json_schema') {
      stats.badRequests++;
      return send(res, 400, openAiError('response_format json_schema is not supported', 'invalid_request_error', 'response_format', 'unsupported_value'));
    }
    let answer: unknown;
    try {
      answer = options.answer(request.task, request.input);
    } catch (e) {
      stats.badRequests++;
      const why = e instanceof Error ? e.message : String(e);
      return send(res, 400, openAiError(`fake-llm: answer() failed for task ${request.task}: ${why}`, 'invalid_request_error', null, 'answer_failed'));
    }
    const promptTokens = estimatePromptTokens(request.messages);
    const charged = promptTokens + estimateTokens(JSON.stringify(answer) ?? 'null');

    // 3. rate limit (real): a refused request is not recorded, so it costs nothing.
    const decision = window.check(now(), charged);
    if (!decision.ok) {
      stats.status429++;
      const wait = retryHeaders(decision.waitMs);
      const snap = window.snapshot(now());
      const isRequests = decision.limit === 'requests';
      const message = decision.tooLarge
        ? `Request too large for ${request.model} on tokens per min (TPM): Limit ${options.tpm}, Requested ${charged}. The input or output tokens must be reduced in order to run successfully.`
        : isRequests
          ? `Rate limit reached for ${request.model} on requests per min (RPM): Limit ${options.rpm}, Used ${snap.requestsUsed}, Requested 1. Please try again in ${formatDuration(decision.waitMs)}.`
          : `Rate limit reached for ${request.model} on tokens per min (TPM): Limit ${options.tpm}, Used ${snap.tokensUsed}, Requested ${charged}. Please try again in ${formatDuration(decision.waitMs)}.`;
      const extra: Record<string, string> = decision.tooLarge ? { 'x-should-retry': 'false' } : {};
      return send(res, 429, openAiError(message, isRequests ? 'requests' : 'tokens', null, 'rate_limit_exceeded'), {
        ...rateHeaders(),
        ...wait,
        ...extra,
      });
    }

    // 4. injected faults: one draw per request admitted by the rate limit, in arrival order.
    const fault = pickFault(random(), rates);
    if (fault === 'rate429') {
      stats.status429++;
      const waitMs = 1000 / compression; // one compressed second
      return send(
        res,
        429,
        openAiError(
          `Rate limit reached for ${request.model} on requests per min (RPM): injected fault. Please try again in ${formatDuration(waitMs)}.`,
          'requests',
          null,
          'rate_limit_exceeded',
        ),
        { ...rateHeaders(), ...retryHeaders(waitMs) },
      );
    }
    window.record(now(), charged);
    stats.tokens += charged;
    if (fault === 'rate500') {
      stats.status500++;
      return send(
        res,
        500,
        openAiError(
          'The server had an error while processing your request. Sorry about that! (fake-llm injected fault)',
          'server_error',
        ),
        rateHeaders(),
      );
    }
    if (fault === 'timeout') {
      stats.timeouts++;
      await delay(hangMs, res); // the client may give up first
      req.socket.destroy();
      return;
    }

    // 5. answer, unless answers are held from here on
    if (options.holdAfterAnswers !== undefined && stats.ok + stats.malformed + stats.schemaViolations + stats.outOfTaxonomy >= options.holdAfterAnswers) {
      stats.held++;
      await delay(Infinity, res);
      req.socket.destroy();
      return;
    }
    let content: string;
    if (fault === 'malformed') {
      stats.malformed++;
      content = malformedContent(answer);
    } else if (fault === 'schemaViolation') {
      stats.schemaViolations++;
      content = JSON.stringify(violateSchema(answer));
    } else if (fault === 'outOfTaxonomy' && request.task === 'skill_tags') {
      const bent = outOfTaxonomy(answer, request.input, stats.outOfTaxonomy + 1);
      if (bent === null) {
        stats.ok++;
        content = JSON.stringify(answer) ?? 'null';
      } else {
        stats.outOfTaxonomy++;
        content = JSON.stringify(bent);
      }
    } else {
      stats.ok++;
      content = JSON.stringify(answer) ?? 'null';
    }
    const completionTokens = estimateTokens(content);
    const headers = rateHeaders();
    await delay(latencyMs, res);
    send(
      res,
      200,
      {
        id: `chatcmpl-fake-${seq}`,
        object: 'chat.completion',
        created: FAKE_CREATED,
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
        system_fingerprint: 'fp_fake_llm',
      },
      { ...headers, 'openai-processing-ms': String(latencyMs) },
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
    if (path === '/v1/chat/completions') {
      if (req.method === 'POST') return chatCompletions(req, res);
      return send(res, 405, openAiError(`Invalid method for URL (${req.method} ${path})`, 'invalid_request_error', null, 'method_not_allowed'));
    }
    if (path === '/v1/models' && req.method === 'GET') {
      if (!authorized(req)) return unauthorized(res, req);
      return send(res, 200, { object: 'list', data: [{ id: FAKE_MODEL_ID, object: 'model', created: FAKE_CREATED, owned_by: 'talent-atlas-tests' }] });
    }
    req.resume();
    const err: OpenAiErrorBody = openAiError(`Invalid URL (${req.method} ${path})`, 'invalid_request_error', null, 'unknown_url');
    send(res, 404, err);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, openAiError(`fake-llm internal error: ${e instanceof Error ? e.message : String(e)}`, 'server_error'));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stats: () => ({ ...stats }),
    requests: () => log.map((r) => ({ ...r, messages: r.messages.map((m) => ({ ...m })) })),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        for (const wake of [...wakers]) wake();
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
