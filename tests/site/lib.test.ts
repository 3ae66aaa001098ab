import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArtifactError, artifactsDir, readArtifacts } from '../../site/lib/artifacts.ts';
import { formatDate, formatPercent, formatVacancy, personLabel, readinessLabel, statusLabel } from '../../site/lib/format.ts';
import { renderPlot, stabilizeIds } from '../../site/lib/plot.ts';
import { assertDistinctSlugs, positionSlug, routes } from '../../site/lib/routes.ts';
import { FIXTURE_DIR } from './write-artifacts.ts';
import * as Plot from '@observablehq/plot';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function fixtureCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'talent-atlas-artifacts-'));
  temps.push(dir);
  await cp(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

describe('artifact loader', () => {
  it('reads and validates the fixture artifacts', () => {
    const a = readArtifacts(FIXTURE_DIR);
    expect(a.overview.company).toBe('株式会社あおば工業');
    expect(a.succession.positions.map((p) => p.position_id)).toEqual(['KP-001', 'KP-002', 'KP-003']);
  });

  it('defaults to data/out/artifacts under the working directory, or TALENT_ATLAS_ARTIFACTS', () => {
    expect(artifactsDir({}, '/srv/atlas')).toBe(path.resolve('/srv/atlas/data/out/artifacts'));
    expect(artifactsDir({ TALENT_ATLAS_ARTIFACTS: 'fixtures/a' }, '/srv/atlas')).toBe(path.resolve('/srv/atlas/fixtures/a'));
  });

  it('names the missing file and what to do', async () => {
    const dir = await fixtureCopy();
    await rm(path.join(dir, 'talent_pool.json'));
    expect(() => readArtifacts(dir)).toThrow(ArtifactError);
    expect(() => readArtifacts(dir)).toThrow(`${path.join(dir, 'talent_pool.json')}: not found — run \`npm run batch\` first`);
  });

  it('names the file, the path and the problem of an invalid field', async () => {
    const dir = await fixtureCopy();
    const file = path.join(dir, 'succession.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.positions[0].candidates[0].score = 'high';
    await writeFile(file, JSON.stringify(json));
    expect(() => readArtifacts(dir)).toThrow(
      `${file}: positions.0.candidates.0.score: Invalid input: expected number, received string\n`,
    );
  });

  it('rejects a file that differs from the manifest (changed after publishing)', async () => {
    const dir = await fixtureCopy();
    const file = path.join(dir, 'quality.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"rejects_total": 3', '"rejects_total": 4'));
    expect(() => readArtifacts(dir)).toThrow(`${file}: differs from manifest.json`);
  });

  it('rejects another schema version with a clear message', async () => {
    const dir = await fixtureCopy();
    const file = path.join(dir, 'manifest.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"schema_version": 1', '"schema_version": 2'));
    expect(() => readArtifacts(dir)).toThrow('schema_version: the site reads version 1, found 2');
  });
});

describe('position URLs', () => {
  it('keeps safe ids and hashes the others deterministically', () => {
    expect(positionSlug('KP-001')).toBe('KP-001');
    expect(positionSlug('営業本部長/01')).toMatch(/^01-[0-9a-f]{10}$/);
    expect(positionSlug('営業本部長/01')).toBe(positionSlug('営業本部長/01'));
    expect(positionSlug('営業本部長')).toMatch(/^p-[0-9a-f]{10}$/);
    expect(positionSlug('../x')).not.toContain('/');
    expect(routes.position('KP-001')).toBe('/succession/KP-001/');
  });

  it('refuses ids that would share a page', () => {
    expect(() => assertDistinctSlugs(['KP-001', 'kp-001'])).toThrow('would share the page');
    expect(() => assertDistinctSlugs(['KP-001', 'KP-002'])).not.toThrow();
  });
});

describe('formatting', () => {
  it('writes dates, shares and labels the Japanese way', () => {
    expect(formatDate('2026-10-01')).toBe('2026年10月1日');
    expect(formatVacancy('2027-03')).toBe('2027年3月');
    expect(formatVacancy('2028年度')).toBe('2028年度');
    expect(formatPercent(1 / 3)).toBe('33%');
    expect(formatPercent(null)).toBe('非表示');
    expect(readinessLabel('1_2_years')).toBe('1〜2年');
    expect(statusLabel('none')).toBe('後継者なし');
    expect(personLabel({ name: null, employee_id: 'E0040' })).toBe('社員番号 E0040');
  });
});

describe('chart rendering', () => {
  it('renames Plot ids per chart, references included', () => {
    const svg = '<svg><clipPath id="plot-clip-7"></clipPath><g clip-path="url(#plot-clip-7)"></g><use href="#plot-clip-7"/></svg>';
    expect(stabilizeIds(svg, 'c')).toBe('<svg><clipPath id="c-1"></clipPath><g clip-path="url(#c-1)"></g><use href="#c-1"/></svg>');
  });

  it('gives the same markup for the same chart, whatever was rendered before', () => {
    const chart = () => renderPlot({ marks: [Plot.barX([1, 2, 3], { x: (d: number) => d, y: (d: number) => d, clip: true })] }, { id: 'x' });
    const first = chart();
    renderPlot({ marks: [Plot.dot([1], { x: (d: number) => d, clip: true })] }, { id: 'other' });
    expect(chart()).toBe(first);
    expect(first).toContain('clip-path="url(#x-1)"');
    expect(first).not.toContain('<script');
  });
});
