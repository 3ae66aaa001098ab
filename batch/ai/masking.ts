/**
 * Masks people's names before a text leaves the machine. The names are those of the employee export loaded in
 * the same run (family and given name apart when the export has them apart, or when the name holds a space).
 *
 * What is masked, wherever it stands:
 *  - a full name, with one space (ASCII or U+3000) between family and given name or none (高橋 健, 高橋健);
 *  - a family name or a given name, of one character or more, when a title or honorific follows it
 *    (林さん, 原部長, 美咲さん, 佐藤マネージャー, 田中様; the whole list is HONORIFICS) — unless the name and
 *    what follows are a title themselves (本部長 is a title even when 本 is someone's family name);
 *  - a family name or a given name used as a speaker label: at the start of a line, after an optional
 *    timestamp (`[00:03:12]`, `00:03:12`) and an optional opening bracket (`【`, `[`, `<v `), and followed by
 *    `:` `：` `】` `]` `>`, a bracketed role (`田中（上長）:`), or a timestamp (`田中 00:01:05`, as minutes tools
 *    write a speaker's header).
 * A family name alone in running text (「田中が担当」) is not masked: two-character family names are also
 * ordinary words (中村, 本田, 大川 …) and masking them would garble the text the model reads.
 *
 * Placeholders keep the roles the model needs and nothing else: the interviewer of the interview is
 * 〔面談者〕, the person interviewed 〔本人〕, anyone else 〔氏名1〕, 〔氏名2〕 … numbered in the order they
 * first appear in the text (the same name, the same number). Titles and honorifics stay (〔氏名1〕部長).
 * The masked text lists, per numbered placeholder, the name it stands for, so an answer can be given its
 * names back locally.
 *
 * The scan walks a character trie from every position (cost: text length × longest name), so a 100,000-name
 * export costs no more per text than a short one. Pure apart from building the trie.
 */

export const INTERVIEWER_MASK = '〔面談者〕';
export const EMPLOYEE_MASK = '〔本人〕';
export const personMask = (n: number) => `〔氏名${n}〕`;

/** Titles and honorifics after a name, longest first when matched. */
export const HONORIFICS = [
  'さん', 'サン', '様', 'さま', '氏', '君', 'くん', 'ちゃん', '殿', '先輩', '先生',
  '社長', '副社長', '専務', '常務', '取締役', '本部長', '副本部長', '事業部長', '部長', '副部長', '部長代理', '次長', '室長', '所長', '副所長',
  '工場長', '副工場長', '課長', '課長代理', '課長補佐', '係長', '主任', '主査', '主幹', '参事', '班長', '職長', '組長', '店長', 'センター長',
  'グループ長', 'チーム長', 'マネージャー', 'マネジャー', 'マネージャ', 'リーダー', 'リーダ', 'チーフ', 'GL', 'PL', 'PM',
].sort((a, b) => b.length - a.length);

export interface Person {
  /** employees.employee_id. */
  id: string;
  /** As stored: `family given` (one space) when the export has them apart; any other form is a full name only. */
  name: string | null;
}

export interface MaskRoles {
  /** employee_id of the interviewer: masked 〔面談者〕. */
  interviewer?: string | null;
  /** employee_id of the person interviewed (or evaluated): masked 〔本人〕. */
  employee?: string | null;
}

export interface MaskedText {
  text: string;
  /** Names masked in this text. */
  masked: number;
  /** The name behind 〔氏名N〕 at index N − 1. */
  names: string[];
}

export interface NameMasker {
  mask(text: string, roles?: MaskRoles): MaskedText;
  /** People whose names are known, and how many of them have family and given name apart. */
  people: number;
  split: number;
}

type Part = 'full' | 'family' | 'given';

interface Entry {
  part: Part;
  ids: string[];
  surface: string;
}

interface Node {
  next: Map<number, Node>;
  entries: Entry[];
}

export function createNameMasker(people: readonly Person[]): NameMasker {
  const root: Node = { next: new Map(), entries: [] };
  let count = 0;
  let split = 0;
  const add = (term: string, part: Part, id: string) => {
    let node = root;
    for (let i = 0; i < term.length; i++) {
      const c = term.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), entries: [] }));
      node = child;
    }
    let entry = node.entries.find((e) => e.part === part);
    if (!entry) node.entries.push((entry = { part, ids: [], surface: term }));
    if (!entry.ids.includes(id)) entry.ids.push(id);
  };
  for (const p of people) {
    const name = p.name?.trim().replace(/[\s\u3000]+/g, ' ');
    if (!name) continue;
    count++;
    const parts = name.split(' ');
    if (parts.length >= 2) {
      split++;
      const family = parts[0]!;
      const given = parts.slice(1).join('');
      for (const full of [`${family} ${given}`, `${family}\u3000${given}`, `${family}${given}`]) add(full, 'full', p.id);
      add(family, 'family', p.id);
      add(given, 'given', p.id);
    } else if (name.length >= 2) add(name, 'full', p.id);
  }
  return { mask: (text, roles = {}) => maskText(root, text, roles), people: count, split };
}

const LABEL_BEFORE = /^[ \t\u3000]*(?:[[(（]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])）]?[ \t\u3000]*)?(?:【|\[|<v[ \t]+|［)?[ \t\u3000]*$/;
const LABEL_AFTER = /^[ \t\u3000]*(?:[:：】\]>］]|[（(][^（）()\n]{0,12}[）)][ \t\u3000]*[:：]|[ \t\u3000]+[[(（]?\d{1,2}:\d{2})/;

function maskText(root: Node, text: string, roles: MaskRoles): MaskedText {
  let out = '';
  let masked = 0;
  const names: string[] = [];
  const numberOf = new Map<string, number>();
  let lineStart = 0;
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      lineStart = i + 1;
      i++;
      continue;
    }
    // The longest name starting here that its context allows.
    let best: { end: number; entry: Entry } | null = null;
    let node = root.next.get(c);
    for (let j = i + 1; node; j++) {
      for (const entry of node.entries) if (allowed(entry, text, lineStart, i, j)) best = { end: j, entry };
      node = j < text.length ? node.next.get(text.charCodeAt(j)) : undefined;
    }
    if (!best) {
      i++;
      continue;
    }
    out += text.slice(copied, i) + placeholder(best.entry, roles, names, numberOf);
    masked++;
    i = copied = best.end;
  }
  return { text: copied === 0 ? text : out + text.slice(copied), masked, names };
}

function allowed(entry: Entry, text: string, lineStart: number, start: number, end: number): boolean {
  if (entry.part === 'full') return true;
  const after = text.slice(end, end + 12);
  const title = HONORIFICS.find((h) => after.startsWith(h));
  if (title !== undefined) {
    // 本部長 is a title even when 本 is a family name: the name and what follows must not be a title.
    const joined = text.slice(start, end + title.length + 1);
    return !HONORIFICS.some((t) => t.length > title.length && joined.startsWith(t));
  }
  return LABEL_BEFORE.test(text.slice(lineStart, start)) && LABEL_AFTER.test(text.slice(end, end + 24));
}

function placeholder(entry: Entry, roles: MaskRoles, names: string[], numberOf: Map<string, number>): string {
  if (roles.interviewer && entry.ids.includes(roles.interviewer)) return INTERVIEWER_MASK;
  if (roles.employee && entry.ids.includes(roles.employee)) return EMPLOYEE_MASK;
  const key = entry.ids.length === 1 ? `id:${entry.ids[0]}` : `name:${entry.surface}`;
  let n = numberOf.get(key);
  if (n === undefined) {
    names.push(entry.surface);
    numberOf.set(key, (n = names.length));
  }
  return personMask(n);
}
