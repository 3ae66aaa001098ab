import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingOptionalEntries } from '../../scripts/complete-lockfile.ts';

describe('package-lock.json', () => {
  it('names every platform build npm ci checks for (run scripts/complete-lockfile.ts after a dependency change)', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));
    expect(Object.keys(missingOptionalEntries(lock.packages))).toEqual([]);
  });
  it('describes a missing platform build with its os and cpu so other platforms skip it', () => {
    const packages = { 'node_modules/@duckdb/node-bindings': { version: '1', optionalDependencies: { '@duckdb/node-bindings-darwin-arm64': '1' } } };
    expect(JSON.stringify(missingOptionalEntries(packages))).toEqual(JSON.stringify({
      'node_modules/@duckdb/node-bindings-darwin-arm64': { version: '1', cpu: ['arm64'], optional: true, os: ['darwin'] },
    }));
  });
});
