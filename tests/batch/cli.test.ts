import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** `npm run validate`: the batch's checks, nothing written, the batch's exit codes. */
function validate(...args: string[]) {
  const r = spawnSync(process.execPath, ['batch/validate-cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, TALENT_ATLAS_AI_WORKERS: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run validate', () => {
  it('checks the sample, prints the load report with every reject, and writes nothing', async () => {
    const dir = await tempDir('validate');
    const r = validate('--config', 'talent-atlas.config.yaml', '--out', join(dir, 'out'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Validation (as of 2026-10-01): every export read and checked; the breakers held; nothing was written.');
    expect(r.stdout).toContain('data/sample/employees.csv [employees]: 401 rows read, 400 loaded, 1 rows rejected');
    expect(r.stdout).toContain('data/sample/evaluations.csv:931 [総合評価] grade is not in performance_scale (S/A/B/C/D) — row not loaded');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 4 as the batch would when a breaker trips, with the figures and how to accept it', async () => {
    const dir = await tempDir('validate-trip');
    await writeFile(join(dir, 'e.csv'), 'id\nE1\nE2\nE2\n');
    await writeFile(join(dir, 'c.yaml'), `company: { name: x }\ntaxonomy: ${join(process.cwd(), 'data/taxonomy/skills.csv')}\nsources:\n  - { kind: employees, path: e.csv, columns: { employee_id: id } }\n`);
    const r = validate('--config', join(dir, 'c.yaml'));
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('e.csv: 1 of 3 records rejected (33.3%, over the limit of 5%). To publish anyway, run with --accept-rejects once, or raise sources.0.max_reject_rate in ');
    expect(r.stderr).toContain('e.csv:4 (id): duplicate employee id (first at line 3)');
    expect(validate('--config', join(dir, 'c.yaml'), '--accept-rejects').code).toBe(0);
  });
});
