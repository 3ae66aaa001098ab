/**
 * The request protocol between the project's OpenAI client and the fake server:
 * POST /v1/chat/completions with messages [system, user]; the system message's first line is
 * `task: <task_name>`, its second `prompt_version: <v>`; the user message is the task input as JSON.
 */

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAiError(message: string, type: string, param: string | null = null, code: string | null = null): OpenAiErrorBody {
  return { error: { message, type, param, code } };
}

export interface ChatMessage {
  role: string;
  content: string;
}

export interface ParsedChatRequest {
  model: string;
  task: string;
  promptVersion: string;
  input: unknown;
  messages: ChatMessage[];
  responseFormat: unknown;
  responseFormatType: 'json_schema' | 'json_object' | 'text' | null;
}

export type ParseResult = { ok: true; request: ParsedChatRequest } | { ok: false; error: OpenAiErrorBody };

function bad(message: string, code: string, param: string | null = null): ParseResult {
  return { ok: false, error: openAiError(message, 'invalid_request_error', param, code) };
}

/** Content as a string: a string, or an array of text parts joined (OpenAI allows both). Null otherwise. */
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    let out = '';
    for (const part of content) {
      if (part === null || typeof part !== 'object') return null;
      const p = part as Record<string, unknown>;
      if (p['type'] !== 'text' || typeof p['text'] !== 'string') return null;
      out += p['text'];
    }
    return out;
  }
  return null;
}

/** Messages as {role, content} with text content, as far as they can be read (for the request log). */
export function readMessages(body: unknown): ChatMessage[] {
  if (body === null || typeof body !== 'object') return [];
  const raw = (body as Record<string, unknown>)['messages'];
  if (!Array.isArray(raw)) return [];
  return raw.map((m) => {
    const r = m !== null && typeof m === 'object' ? (m as Record<string, unknown>) : {};
    return { role: typeof r['role'] === 'string' ? r['role'] : '', content: contentText(r['content']) ?? JSON.stringify(r['content'] ?? null) };
  });
}

const TASK_LINE = /^task:[ \t]*([A-Za-z0-9_.-]+)[ \t]*$/;
const VERSION_LINE = /^prompt_version:[ \t]*(\S+)[ \t]*$/;

/** The task name from a system prompt's first line, or '' (for the request log of unparseable requests). */
export function taskOf(messages: ChatMessage[]): string {
  const system = messages.find((m) => m.role === 'system' || m.role === 'developer');
  const line = system?.content.split(/\r?\n/, 1)[0] ?? '';
  return TASK_LINE.exec(line)?.[1] ?? '';
}

export function parseChatRequest(body: unknown): ParseResult {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return bad('The request body must be a JSON object.', 'invalid_body');
  const b = body as Record<string, unknown>;
  if (typeof b['model'] !== 'string' || b['model'].length === 0) return bad('you must provide a model parameter', 'missing_model', 'model');
  if (!Array.isArray(b['messages']) || b['messages'].length === 0) return bad("'messages' must be a non-empty array", 'invalid_messages', 'messages');
  const messages: ChatMessage[] = [];
  for (const [i, m] of (b['messages'] as unknown[]).entries()) {
    if (m === null || typeof m !== 'object') return bad(`messages[${i}] is not an object`, 'invalid_messages', `messages.[${i}]`);
    const r = m as Record<string, unknown>;
    const content = contentText(r['content']);
    if (typeof r['role'] !== 'string' || content === null) {
      return bad(`messages[${i}] needs a string role and text content`, 'invalid_messages', `messages.[${i}]`);
    }
    messages.push({ role: r['role'], content });
  }
  const system = messages.find((m) => m.role === 'system' || m.role === 'developer');
  if (!system) return bad('fake-llm protocol: no system message (its first line must be `task: <name>`)', 'invalid_prompt_header', 'messages');
  const lines = system.content.split(/\r?\n/);
  const task = TASK_LINE.exec(lines[0] ?? '')?.[1];
  if (!task) return bad('fake-llm protocol: the system message must start with a line `task: <name>`', 'invalid_prompt_header', 'messages');
  const promptVersion = VERSION_LINE.exec(lines[1] ?? '')?.[1];
  if (!promptVersion) {
    return bad('fake-llm protocol: the second line of the system message must be `prompt_version: <v>`', 'invalid_prompt_header', 'messages');
  }
  const user = messages.findLast((m) => m.role === 'user');
  if (!user) return bad('fake-llm protocol: no user message with the task input', 'invalid_input', 'messages');
  let input: unknown;
  try {
    input = JSON.parse(user.content);
  } catch {
    return bad('fake-llm protocol: the user message must be the task input as JSON', 'invalid_input', 'messages');
  }

  const rf = b['response_format'];
  let responseFormatType: ParsedChatRequest['responseFormatType'] = null;
  if (rf !== undefined && rf !== null) {
    if (typeof rf !== 'object') return bad("Invalid type for 'response_format'", 'invalid_type', 'response_format');
    const t = (rf as Record<string, unknown>)['type'];
    if (t === 'json_schema') {
      const js = (rf as Record<string, unknown>)['json_schema'];
      const ok =
        js !== null &&
        typeof js === 'object' &&
        typeof (js as Record<string, unknown>)['name'] === 'string' &&
        (js as Record<string, unknown>)['schema'] !== null &&
        typeof (js as Record<string, unknown>)['schema'] === 'object';
      if (!ok) return bad("response_format.json_schema needs a 'name' and a 'schema' object", 'invalid_value', 'response_format.json_schema');
      responseFormatType = 'json_schema';
    } else if (t === 'json_object' || t === 'text') {
      responseFormatType = t;
    } else {
      return bad(`Invalid value for 'response_format.type': ${JSON.stringify(t)}`, 'invalid_value', 'response_format.type');
    }
  }
  return { ok: true, request: { model: b['model'], task, promptVersion, input, messages, responseFormat: rf ?? null, responseFormatType } };
}
