import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.ts';

/** The command HR's cron runs: exit codes and messages as a person reads them. */
function batch(...args: string[]) {
  const r = spawnSync(process.execPath, ['batch/cli.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run batch', () => {
  it('prints its usage with --help', () => {
    const r = batch('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run batch -- --config <file>');
  });

  it('exits 2 on an unknown option, with the usage', () => {
    const r = batch('--confg', 'x.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: Unknown option '--confg'");
    expect(r.stderr).toContain('Usage:');
  });

  it('exits 3 when the config file is missing, saying which file and how to pass one', () => {
    const r = batch('--config', 'no-such.yaml');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: cannot read the config file .*no-such\.yaml: ENOENT\. Pass it with --config <file>\.\n$/);
  });

  it('exits 4 when an export is missing, naming it and its config key, and publishes nothing', async () => {
    const dir = await tempDir('cli');
    await writeFile(join(dir, 'c.yaml'), `company: { name: x }\ntaxonomy: ${join(process.cwd(), 'data/taxonomy/skills.csv')}\nsources:\n  - { kind: employees, path: gone.csv, columns: { employee_id: id } }\n`);
    const r = batch('--config', join(dir, 'c.yaml'), '--out', join(dir, 'out'));
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('gone.csv: the export does not exist (sources.0.path in ');
    expect(r.stdout).toBe('');
  });
});
