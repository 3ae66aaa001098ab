import { describe, expect, it } from 'vitest';
import type { Taxonomy } from '../../../schemas/taxonomy.ts';
import { parseConfigText, pseudonymKeyOf } from '../../../batch/config/load-config.ts';
import { checkTaxonomyReferences } from '../../../batch/config/taxonomy-references.ts';
import { CliError } from '../../../batch/errors.ts';

const minimal = `
company: { name: テスト株式会社 }
taxonomy: skills.csv
sources:
  - kind: employees
    path: employees.csv
    columns: { employee_id: 社員番号, name: 氏名 }
`;

function errorOf(text: string): string {
  try {
    parseConfigText(text, 'talent-atlas.config.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('parseConfigText', () => {
  it('fills in the documented defaults', () => {
    const c = parseConfigText(minimal, 'x.yaml');
    expect(c.sources[0]).toMatchObject({ encoding: 'auto', delimiter: ',', header_line: 1, date_formats: ['%Y/%m/%d', '%Y-%m-%d', 'wareki'] });
    expect(c.privacy.min_group_size).toBe(5);
    expect(c.scoring.succession.weights).toEqual({ performance: 0.3, potential: 0.25, skill_fit: 0.25, experience: 0.1, aspiration: 0.1 });
    expect(c.scoring.box_labels['9']).toEqual({ ja: 'スター', en: 'Star' });
    expect(c.privacy).toMatchObject({ pseudonymize_ids: false, pool_members: true, pool_members_max: 50 });
    expect(c.interviews).toEqual({ cycle_months: 6, career_kinds: ['career'] });
    expect(c.retention).toEqual({ window_months: 12, vacancy_soon_months: 12 });
    expect(c.skill_map).toEqual({ level_threshold: 3, holders_target: 2, strategic_skills: [] });
  });
  it('names the key path, what was expected and the file for each problem', () => {
    const msg = errorOf(minimal.replace('path: employees.csv', 'path: employees.csv\n    encoding: sjis') + 'scoring: { succession: { slate_size: 0 } }\n');
    expect(msg).toContain('talent-atlas.config.yaml: the config is not valid (2 problems):');
    expect(msg).toContain('  sources.0.encoding: Invalid option: expected one of "auto"|"utf-8"|"utf-8-bom"|"cp932"');
    expect(msg).toContain('  scoring.succession.slate_size: Too small: expected number to be >=1');
  });
  it('refuses unknown keys, so a typo is not silently ignored', () => {
    expect(errorOf(minimal + 'privasy: { min_group_size: 3 }\n')).toContain('(top level): Unrecognized key: "privasy"');
  });
  it('gives the line and column of broken YAML', () => {
    expect(errorOf('company: { name: x\nsources: [')).toMatch(/^talent-atlas\.config\.yaml:\d+:\d+: this is not valid YAML/);
  });
  it('needs exactly one employees source', () => {
    expect(errorOf(minimal.replace('kind: employees', 'kind: interviews'))).toContain('sources.0.columns');
    expect(errorOf(minimal.replace('sources:', 'sources:\n  - { kind: employees, path: b.csv, columns: { employee_id: id } }'))).toContain(
      'sources: exactly one source of kind "employees" is needed, found 2.',
    );
  });
});

function thrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('the pseudonym key', () => {
  const withIds = (extra: string) => parseConfigText(`${minimal}privacy: { pseudonymize_ids: true${extra} }\n`, 'x.yaml');
  it('is not needed when ids are published as they are', () => {
    expect(pseudonymKeyOf(parseConfigText(minimal, 'x.yaml'), { TALENT_ATLAS_PSEUDONYM_KEY: 'whatever-it-is-16' }, 'x.yaml')).toBeNull();
  });
  it('comes from the environment first, else from privacy.pseudonym_key', () => {
    expect(pseudonymKeyOf(withIds(', pseudonym_key: from-the-config-file'), { TALENT_ATLAS_PSEUDONYM_KEY: 'from-the-environment' }, 'x.yaml')).toBe('from-the-environment');
    expect(pseudonymKeyOf(withIds(', pseudonym_key: from-the-config-file'), {}, 'x.yaml')).toBe('from-the-config-file');
  });
  it('stops the run when neither is set, naming both', () => {
    const msg = thrown(() => pseudonymKeyOf(withIds(''), {}, 'x.yaml'));
    expect(msg).toContain('x.yaml: privacy.pseudonymize_ids is true but no pseudonym key is set');
    expect(msg).toContain('TALENT_ATLAS_PSEUDONYM_KEY');
    expect(msg).toContain('privacy.pseudonym_key');
  });
  it('refuses a short key in the environment or the file', () => {
    expect(thrown(() => pseudonymKeyOf(withIds(''), { TALENT_ATLAS_PSEUDONYM_KEY: 'short' }, 'x.yaml'))).toContain('at least 16');
    expect(errorOf(`${minimal}privacy: { pseudonymize_ids: true, pseudonym_key: short }\n`)).toContain('privacy.pseudonym_key: Too small');
  });
});

describe('box labels', () => {
  it('accept a plain string or a label per language', () => {
    const labels = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7', '8'].map((b) => [b, `箱${b}`]));
    const c = parseConfigText(`${minimal}scoring: { box_labels: ${JSON.stringify({ ...labels, '9': { ja: '至宝', en: 'Gem' } })} }\n`, 'x.yaml');
    expect(c.scoring.box_labels['1']).toBe('箱1');
    expect(c.scoring.box_labels['9']).toEqual({ ja: '至宝', en: 'Gem' });
  });
});

describe('skills named by the config', () => {
  const taxonomy: Taxonomy = [{ skill_id: 'python', name_ja: 'Python', name_en: 'Python', category: 'IT', synonyms: [] }];
  const where = { configFile: 'talent-atlas.config.yaml', taxonomyFile: 'data/taxonomy/skills.csv' };
  it('must exist in the taxonomy, each unknown one named by its key', () => {
    const c = parseConfigText(`${minimal}skill_map: { strategic_skills: [{ skill_id: python, target_share: 0.2 }, { skill_id: pyton, target_share: 0.1 }] }\n`, 'x.yaml');
    const msg = thrown(() => checkTaxonomyReferences(c, taxonomy, where));
    expect(msg).toContain('talent-atlas.config.yaml: the config names skills the taxonomy does not have:');
    expect(msg).toContain('  skill_map.strategic_skills.1.skill_id: "pyton" is not a skill_id of the taxonomy data/taxonomy/skills.csv');
    expect(msg).not.toContain('strategic_skills.0');
  });
  it('pass when they all exist', () => {
    const c = parseConfigText(`${minimal}skill_map: { strategic_skills: [{ skill_id: python, target_share: 0.2 }] }\n`, 'x.yaml');
    expect(() => checkTaxonomyReferences(c, taxonomy, where)).not.toThrow();
  });
});
