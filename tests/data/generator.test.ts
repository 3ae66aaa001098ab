import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES, type GenerateResult, generate } from '../../data/generator/generate.ts';
import { loadTaxonomy, synonymCollisions, termKey } from '../../data/generator/taxonomy.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const taxonomyPath = join(root, 'data/taxonomy/skills.csv');
const sampleDir = join(root, 'data/sample');
const DATA_FILES = [FILES.employees, FILES.skillMatrix, FILES.evaluations, FILES.interviews, FILES.keyPositions, FILES.badRows];

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'talent-atlas-gen-'));
  dirs.push(d);
  return d;
};

const decode = (buf: Buffer, encoding: 'cp932' | 'utf-8'): string => {
  const text = encoding === 'cp932' ? iconv.decode(buf, 'cp932') : buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};
const rows = (text: string): string[][] => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

let first: GenerateResult;
let dirA: string;
let dirB: string;

beforeAll(() => {
  dirA = tempDir();
  dirB = tempDir();
  first = generate({ outDir: dirA, employees: 400, seed: 20261001 });
  generate({ outDir: dirB, employees: 400, seed: 20261001 });
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('sample generator', () => {
  it('writes byte-identical files for the same seed', () => {
    for (const f of DATA_FILES) expect(readFileSync(join(dirA, f)).equals(readFileSync(join(dirB, f))), f).toBe(true);
  });

  it('matches the committed data/sample (regenerate with `npm run generate` after changing the generator)', () => {
    for (const f of DATA_FILES) expect(readFileSync(join(sampleDir, f)).equals(readFileSync(join(dirA, f))), f).toBe(true);
  });

  it('writes employees.csv as CP932 with CRLF and the configured headers', () => {
    const buf = readFileSync(join(dirA, FILES.employees));
    const text = decode(buf, 'cp932');
    expect(text).not.toContain('\uFFFD');
    expect(iconv.encode(text, 'cp932').equals(buf)).toBe(true);
    expect(buf.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(text.split('\r\n')[0]).toBe('社員番号,姓,名,部署,役職,等級,雇用形態,入社年月日,上長社員番号,勤務地,在籍区分');
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('points every manager id at an existing employee, except the planted bad row', () => {
    const data = rows(decode(readFileSync(join(dirA, FILES.employees)), 'cp932')).slice(1);
    const ids = new Set(data.map((r) => r[0]));
    const unknown = data.map((r, i) => ({ line: i + 2, manager: r[8]! })).filter((r) => r.manager !== '' && !ids.has(r.manager));
    const planted = first.badRows.filter((b) => b.file === FILES.employees && b.column === '上長社員番号');
    expect(unknown.map((u) => u.line)).toEqual(planted.map((b) => b.line));
    expect(data.filter((r) => r[8] === '').map((r) => r[4])).toEqual(['社長']);
  });

  it('plants exactly the documented bad rows, on the lines BAD_ROWS.md gives', () => {
    const kinds = first.badRows.map((b) => `${b.file}:${b.file === FILES.skillMatrix ? b.value : b.column}`).sort();
    expect(kinds).toEqual(
      ['employees.csv:上長社員番号', 'employees.csv:入社年月日', 'employees.csv:社員番号', 'evaluations.csv:総合評価', 'skill_matrix.csv:□'].sort(),
    );
    const md = readFileSync(join(dirA, FILES.badRows), 'utf8');
    for (const b of first.badRows) {
      expect(md).toContain(`| ${b.file} | ${b.line} | ${b.column} | ${b.value} |`);
      const encoding = b.file === FILES.employees || b.file === FILES.interviews ? 'cp932' : 'utf-8';
      const physical = decode(readFileSync(join(dirA, b.file)), encoding).split('\n');
      expect(physical[b.line - 1], `${b.file}:${b.line}`).toContain(b.value);
    }
    const readme = readFileSync(join(sampleDir, 'README.md'), 'utf8');
    for (const b of first.badRows) expect(readme, 'data/sample/README.md lists the bad rows').toContain(`| ${b.file} | ${b.line} | ${b.column} | ${b.value} |`);
    const dup = first.badRows.find((b) => b.column === '社員番号')!;
    const employeeLines = decode(readFileSync(join(dirA, FILES.employees)), 'cp932').split('\r\n');
    const firstUse = employeeLines.findIndex((l) => l.startsWith(`${dup.value},`)) + 1;
    expect(firstUse).toBeLessThan(dup.line);
  });

  it('writes the other files with their configured encodings and line ends', () => {
    const matrix = readFileSync(join(dirA, FILES.skillMatrix));
    expect(matrix.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(decode(matrix, 'utf-8').replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    for (const f of [FILES.evaluations, FILES.keyPositions]) {
      const buf = readFileSync(join(dirA, f));
      expect(buf[0]).not.toBe(0xef);
      expect(buf.includes('\r')).toBe(false);
    }
    const notes = readFileSync(join(dirA, FILES.interviews));
    const text = decode(notes, 'cp932');
    expect(iconv.encode(text, 'cp932').equals(notes)).toBe(true);
    expect(text.startsWith('面談ID,社員番号,面談者社員番号,実施日,面談種別,面談メモ\r\n')).toBe(true);
    const parsed = rows(text).slice(1);
    expect(parsed.some((r) => r[5]!.includes('\n'))).toBe(true);
  });

  it('names skill-map columns and required skills from the taxonomy', () => {
    const skills = loadTaxonomy(taxonomyPath);
    const terms = new Map<string, string>();
    for (const s of skills) for (const t of [s.name_ja, ...s.synonyms]) terms.set(t, s.skill_id);
    const header = rows(decode(readFileSync(join(dirA, FILES.skillMatrix)), 'utf-8'))[0]!;
    expect(header.slice(0, 3)).toEqual(['社員番号', '氏名', '部署']);
    const skillHeaders = header.slice(3);
    expect(skillHeaders.length).toBeGreaterThanOrEqual(35);
    for (const h of skillHeaders) expect(terms.has(h), h).toBe(true);
    expect(skillHeaders.filter((h) => !skills.some((s) => s.name_ja === h)).length).toBeGreaterThan(0);

    const names = new Set(skills.map((s) => s.name_ja));
    const positions = rows(readFileSync(join(dirA, FILES.keyPositions), 'utf8')).slice(1);
    expect(positions.length).toBe(16);
    for (const p of positions) {
      const items = p[5]!.split(';');
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(items.length).toBeLessThanOrEqual(5);
      for (const item of items) {
        const [name, level] = item.split(':');
        expect(names.has(name!), name).toBe(true);
        expect(Number(level)).toBeGreaterThanOrEqual(1);
        expect(Number(level)).toBeLessThanOrEqual(4);
      }
    }
  });

  it('scales proportionally to 2,000 employees', () => {
    const dir = tempDir();
    const big = generate({ outDir: dir, employees: 2000, seed: 20261001, badRows: false });
    const count = (r: GenerateResult, f: string) => r.files.find((x) => x.file === f)!.rows;
    expect(count(big, FILES.employees)).toBe(2000);
    expect(count(big, FILES.keyPositions)).toBe(80);
    expect(big.badRows).toEqual([]);
    for (const f of [FILES.skillMatrix, FILES.evaluations, FILES.interviews]) {
      const ratio = count(big, f) / count(first, f);
      expect(ratio, f).toBeGreaterThan(4.2);
      expect(ratio, f).toBeLessThan(5.8);
    }
  });
});

describe('generator at benchmark scale', () => {
  let big: GenerateResult;
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    big = generate({ outDir: dir, employees: 12_000, seed: 7, badRows: false, interviews: 'half-yearly' });
  });

  it('has a manager for about every hundred people, each over at most a couple of dozen people or units', () => {
    const { people } = big.company;
    const managers = people.filter((p) => /^[ME]/.test(p.grade));
    expect(managers.length / people.length).toBeGreaterThan(0.008);
    const reports = new Map<string, number>();
    for (const p of people) if (p.manager) reports.set(p.manager.id, (reports.get(p.manager.id) ?? 0) + 1);
    expect(Math.max(...reports.values())).toBeLessThanOrEqual(24);
    // Grades fall down the tree: nobody's head ranks below the head of a unit under it.
    const rank = (g: string) => ['G1', 'G2', 'G3', 'G4', 'G5', 'M1', 'M2', 'M3', 'E1'].indexOf(g);
    for (const d of big.company.depts) {
      if (d.head && d.parent?.head) expect(rank(d.parent.head.grade), d.path).toBeGreaterThanOrEqual(rank(d.head.grade));
    }
  });

  it('has key positions for about 1% of headcount, held by managers, with unique titles', () => {
    const { positions } = big.company;
    expect(positions.length).toBe(120);
    expect(positions.filter((p) => !/^[ME]/.test(p.incumbent.grade))).toEqual([]);
    expect(new Set(positions.map((p) => p.title)).size).toBe(positions.length);
  });

  it('writes six half-yearly career interviews for people there three years, about ten skill levels a person', () => {
    const notes = rows(decode(readFileSync(join(dir, FILES.interviews)), 'cp932')).slice(1);
    const perPerson = new Map<string, number>();
    for (const r of notes) perPerson.set(r[1]!, (perPerson.get(r[1]!) ?? 0) + 1);
    expect(Math.max(...perPerson.values())).toBe(6);
    const six = [...perPerson.values()].filter((n) => n === 6).length;
    expect(six / perPerson.size).toBeGreaterThan(0.7);
    const matrix = rows(decode(readFileSync(join(dir, FILES.skillMatrix)), 'utf-8')).slice(1);
    const cells = matrix.reduce((a, r) => a + r.slice(3).filter((c) => c !== '' && c !== '-').length, 0);
    expect(cells / matrix.length).toBeGreaterThan(8);
    expect(cells / matrix.length).toBeLessThan(20);
  });
});

describe('skill taxonomy', () => {
  const skills = loadTaxonomy(taxonomyPath);

  it('has at least 80 unique lower-case ids', () => {
    const ids = skills.map((s) => s.skill_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(80);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_]+$/);
  });

  it('has no term shared by two skills, even after width and case folding', () => {
    expect(synonymCollisions(skills)).toEqual([]);
    const owner = new Map<string, string>();
    for (const s of skills) {
      for (const t of [s.name_ja, s.name_en, ...s.synonyms]) {
        const prev = owner.get(termKey(t));
        if (prev !== undefined) expect(prev, t).toBe(s.skill_id);
        owner.set(termKey(t), s.skill_id);
      }
    }
  });

  it('is UTF-8 without BOM, LF line ends', () => {
    const buf = readFileSync(taxonomyPath);
    expect(buf[0]).not.toBe(0xef);
    expect(buf.includes('\r')).toBe(false);
    expect(buf.toString('utf8').split('\n')[0]).toBe('skill_id,name_ja,name_en,category,synonyms');
  });
});
