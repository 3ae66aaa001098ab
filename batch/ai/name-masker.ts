/**
 * Masks people's names before text leaves the machine: full names (with or without the space between
 * family and given name) anywhere, and family names when a title or honorific follows (田中さん, 佐藤課長).
 * Names come from the employees table; matching is a longest-first scan bucketed by first character,
 * so a 100,000-name list costs no more per text than a short one.
 */
export const NAME_MASK = '〔氏名〕';

const HONORIFICS = ['さん', '様', 'さま', '氏', '君', 'くん', 'ちゃん', '課長', '部長', '係長', '主任', '室長', '所長', '工場長', '本部長', '社長', 'マネージャー', 'リーダー'];

export function createNameMasker(people: Array<{ name: string | null }>): (text: string) => string {
  const byFirst = new Map<string, Array<{ term: string; needsTitle: boolean }>>();
  const add = (term: string, needsTitle: boolean) => {
    if (term.length < 2) return;
    const list = byFirst.get(term[0]!) ?? [];
    if (!list.some((t) => t.term === term && t.needsTitle === needsTitle)) list.push({ term, needsTitle });
    byFirst.set(term[0]!, list);
  };
  for (const { name } of people) {
    if (!name) continue;
    const full = name.trim().replace(/\s+/g, ' ');
    add(full, false);
    const parts = full.split(/[ \u3000,]+/).filter(Boolean);
    if (parts.length >= 2) {
      add(parts.join(''), false);
      add(parts[0]!, true);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.term.length - a.term.length);
  return (text) => {
    let out = '';
    for (let i = 0; i < text.length; ) {
      const hit = byFirst.get(text[i]!)?.find((t) => text.startsWith(t.term, i) && (!t.needsTitle || HONORIFICS.some((h) => text.startsWith(h, i + t.term.length))));
      if (hit) {
        out += NAME_MASK;
        i += hit.term.length;
      } else {
        out += text[i];
        i++;
      }
    }
    return out;
  };
}
