import { describe, expect, it } from 'vitest';
import { Config } from '../../../schemas/config.ts';
import { openDb } from '../../../batch/db.ts';
import { memoryLogger } from '../../../batch/log.ts';
import { createTablesSql } from '../../../batch/model/tables.ts';
import { storeEmergencyCovers } from '../../../batch/scoring/succession.ts';

describe('emergency covers', () => {
  it('takes the best ready-now candidate, else acting at most one grade below, and a key-position holder only when nobody else qualifies', async () => {
    const db = await openDb(':memory:');
    try {
      await db.run(createTablesSql());
      // position, person, rank, readiness, grade gap, key position they hold
      const rows: Array<[string, string, number, string, number | null, string | null]> = [
        ['P1', 'a', 1, 'ready_now', 0, 'KX'], ['P1', 'b', 2, 'ready_now', 1, null], // a holds a seat: b
        ['P2', 'c', 1, 'ready_now', 0, 'KX'], ['P2', 'd', 2, '1_2_years', 1, null], // acting d before holder c
        ['P3', 'e', 1, 'ready_now', 1, 'KY'], ['P3', 'f', 2, '3_plus_years', 2, null], // only e qualifies: e, and says so
        ['P4', 'g', 1, '1_2_years', null, null], ['P4', 'h', 2, '3_plus_years', 1, null], // an unknown gap does not act
        ['P5', 'i', 1, '3_plus_years', 2, null], // nobody
      ];
      const values = rows.map(([p, e, r, ready, gap, holds]) => `('${p}', '${e}', ${r}, '${ready}', ${gap ?? 'NULL'}, ${holds ? `'${holds}'` : 'NULL'})`);
      // Columns: position, person, rank, score, readiness, the five components, grade gap, slates, holds_position.
      await db.run(`INSERT INTO succession_candidates SELECT p, e, r, 50, ready, 0, 0, 0, 0, 0, gap, 1, holds, 'department', 0 FROM (VALUES ${values.join(', ')}) c(p, e, r, ready, gap, holds)`);
      const config = Config.parse({ company: { name: 'x' }, taxonomy: 't.csv', sources: [{ kind: 'employees', path: 'e.csv', columns: { employee_id: 'id' } }] });
      await storeEmergencyCovers({ db, log: memoryLogger(), config, runId: 'r', asOf: '2026-10-01' });
      expect(await db.all(`SELECT position_id, employee_id, rank, basis, holds_position FROM emergency_covers ORDER BY 1`)).toEqual([
        { position_id: 'P1', employee_id: 'b', rank: 2, basis: 'ready_now', holds_position: null },
        { position_id: 'P2', employee_id: 'd', rank: 2, basis: 'acting', holds_position: null },
        { position_id: 'P3', employee_id: 'e', rank: 1, basis: 'ready_now', holds_position: 'KY' },
        { position_id: 'P4', employee_id: 'h', rank: 2, basis: 'acting', holds_position: null },
      ]);
    } finally {
      db.close();
    }
  });
});
