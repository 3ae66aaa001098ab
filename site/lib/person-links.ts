import type { PageContext } from './page.ts';

/** A piece of a sentence: text, or a person's label linked to their talent card. */
export interface Segment {
  text: string;
  href?: string;
}

/**
 * A sentence the dictionary words with people's labels inside (「根拠: 山田 太郎（1位）」), cut into
 * segments so each label links to the person's card. The labels are found as the formatter writes them; a
 * label that does not occur stays plain text.
 */
export function linkNames(sentence: string, people: readonly { name: string | null; employee_id: string }[], ctx: PageContext): Segment[] {
  let segments: Segment[] = [{ text: sentence }];
  for (const p of people) {
    const { text: label, href } = ctx.personCell(p);
    if (!href) continue;
    segments = segments.flatMap((s) => {
      if (s.href || !s.text.includes(label)) return [s];
      const at = s.text.indexOf(label);
      return [{ text: s.text.slice(0, at) }, { text: label, href }, { text: s.text.slice(at + label.length) }].filter((x) => x.text !== '');
    });
  }
  return segments;
}
