import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../batch/config/load-config.ts';
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
    expect(c.scoring.box_labels['9']).toBe('スター');
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
