/** Injected faults: a seeded PRNG drawn once per admitted request, and how each fault bends an answer. */

export type FaultKind = 'rate429' | 'rate500' | 'timeout' | 'malformed' | 'schemaViolation' | 'outOfTaxonomy';

export interface FaultRates {
  rate429?: number;
  rate500?: number;
  rateTimeout?: number;
  rateMalformed?: number;
  rateSchemaViolation?: number;
  rateOutOfTaxonomy?: number;
}


const ORDER: ReadonlyArray<[keyof FaultRates, FaultKind]> = [
  ['rate429', 'rate429'],
  ['rate500', 'rate500'],
  ['rateTimeout', 'timeout'],
  ['rateMalformed', 'malformed'],
  ['rateSchemaViolation', 'schemaViolation'],
  ['rateOutOfTaxonomy', 'outOfTaxonomy'],
];

/** Throws on rates outside 0..1 or summing over 1. */
export function validateFaultRates(rates: FaultRates): void {
  let sum = 0;
  for (const [key] of ORDER) {
    const r = rates[key] ?? 0;
    if (!Number.isFinite(r) || r < 0 || r > 1) throw new RangeError(`faults.${key} must be in 0..1, got ${r}`);
    sum += r;
  }
  if (sum > 1 + 1e-9) throw new RangeError(`fault rates sum to ${sum}, more than 1`);
}

/** One uniform draw in [0,1) picks at most one fault: the rates are stacked in a fixed order. */
export function pickFault(u: number, rates: FaultRates): FaultKind | null {
  let edge = 0;
  for (const [key, kind] of ORDER) {
    edge += rates[key] ?? 0;
    if (u < edge) return kind;
  }
  return null;
}

/** JSON text that does not parse: the answer cut in half (a trailing comma if the cut still parses). */
export function malformedContent(answer: unknown): string {
  const full = JSON.stringify(answer) ?? 'null';
  let broken = full.slice(0, Math.floor(full.length / 2));
  try {
    JSON.parse(broken);
    broken += ',';
  } catch {
    // already broken
  }
  return broken;
}

/**
 * Valid JSON that fits no task schema: the first key of the object is dropped (every field is required)
 * and `"unexpected": true` is added (every object is strict). A non-object becomes `{"unexpected":true}`.
 */
export function violateSchema(answer: unknown): unknown {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return { unexpected: true };
  const entries = Object.entries(answer as Record<string, unknown>).slice(1);
  return { ...Object.fromEntries(entries), unexpected: true };
}

/** First sentence of a text (up to and including 。！？!? or a line break), for a made-up evidence quote. */
function firstSentence(text: string): string {
  const m = /^[\s\S]*?(?:[。！？!?]|\n|$)/.exec(text.trim());
  const s = (m?.[0] ?? '').trim();
  return s.length > 0 ? s : text.trim().length > 0 ? text.trim() : '(empty text)';
}

/**
 * skill_tags only: the first skill's skill_id becomes `not_in_taxonomy_<n>`; an answer without skills gets one
 * such skill (kind has, evidence the input's first sentence). Returns null when the answer has no skills array.
 */
export function outOfTaxonomy(answer: unknown, input: unknown, n: number): unknown | null {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return null;
  const obj = answer as Record<string, unknown>;
  if (!Array.isArray(obj['skills'])) return null;
  const skills = (obj['skills'] as unknown[]).map((s) => (s !== null && typeof s === 'object' ? { ...(s as object) } : s));
  const id = `not_in_taxonomy_${n}`;
  const first = skills[0];
  if (first !== undefined && first !== null && typeof first === 'object') {
    (first as Record<string, unknown>)['skill_id'] = id;
  } else {
    const text =
      input !== null && typeof input === 'object' && typeof (input as Record<string, unknown>)['text'] === 'string'
        ? ((input as Record<string, unknown>)['text'] as string)
        : '';
    skills.unshift({ skill_id: id, kind: 'has', level_hint: null, evidence: firstSentence(text), confidence: 0.9 });
  }
  return { ...obj, skills };
}
