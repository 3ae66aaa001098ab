import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Paid answers, kept across nights in an append-only JSON-lines file: each result is written the moment it
 * arrives, so a crash (even kill -9) loses none, and a torn last line is skipped on reading. The key is the
 * task, prompt version, model and normalized input: a rerun calls only for new or changed texts.
 */
export class ResultCache {
  private readonly entries = new Map<string, unknown>();
  private readonly file: string;
  /** Lines that could not be read (a torn write at a crash); reported, then ignored. */
  readonly damagedLines: number = 0;

  constructor(dir: string, name = 'ai-results.jsonl') {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, name);
    let damaged = 0;
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const { k, v } = JSON.parse(line) as { k: string; v: unknown };
          this.entries.set(k, v);
        } catch {
          damaged++;
        }
      }
    }
    this.damagedLines = damaged;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): unknown {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  put(key: string, value: unknown): void {
    if (this.entries.has(key)) return;
    this.entries.set(key, value);
    // A leading newline closes a line torn by an earlier crash, so this one always parses.
    appendFileSync(this.file, `\n${JSON.stringify({ k: key, v: value })}\n`);
  }
}

/** Whitespace and width differences do not make a new text (NFKC, runs of spaces folded, trimmed). */
export function normalizeText(v: string): string {
  return v.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function normalizeInput(input: unknown, text: (v: string) => string = normalizeText): string {
  return JSON.stringify(input, (_k, v: unknown) => (typeof v === 'string' ? text(v) : v));
}

export function cacheKey(task: string, promptVersion: string, model: string, input: unknown): string {
  return createHash('sha256').update(`${task}\u0000${promptVersion}\u0000${model}\u0000${normalizeInput(input)}`).digest('hex');
}
