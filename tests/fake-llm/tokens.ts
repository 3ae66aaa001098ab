/**
 * The fake server's token estimate: deliberately simple and deterministic, not a tokenizer.
 * One token per two characters (Unicode code points), rounded up: close enough for Japanese-heavy text,
 * where real tokenizers give roughly 0.7–1.5 tokens per character, and it over-counts English a little.
 * Exported so tests and the benchmark compute exactly what the server counts.
 */
export function estimateTokens(text: string): number {
  let chars = 0;
  for (const _ of text) chars++;
  return Math.ceil(chars / 2);
}

/** Prompt tokens of a request: the sum of estimateTokens(content) over its messages (no per-message overhead). */
export function estimatePromptTokens(messages: ReadonlyArray<{ content: string }>): number {
  let n = 0;
  for (const m of messages) n += estimateTokens(m.content);
  return n;
}
