import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableDocs } from '../../scripts/table-docs.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every DuckDB table and column exactly as batch/model/tables.ts declares them', () => {
    expect(readme).toContain(tableDocs());
  });
  it('keeps the two-command quick start', () => {
    expect(readme).toContain('```sh\nnpm install && npm run demo\nnpm test\n```');
  });
});
