import type { DuckDBAppender } from '@duckdb/node-api';
import type { Db } from './db.ts';
import { lit } from './db.ts';

export type RejectAction = 'row_rejected' | 'value_cleared' | 'value_cleaned' | 'value_flagged';

export interface Reject {
  source_file: string;
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
  action: RejectAction;
}

const MAX_VALUE = 200;

/** Collects rejects found in JavaScript (structure of the file) straight into the rejects table. */
export interface RejectSink {
  add(r: Reject): void;
  flush(): void;
  /** Flushes and closes the appender (before its connection is closed). */
  close(): void;
}

export async function openRejectSink(db: Db, runId: string): Promise<RejectSink> {
  const a: DuckDBAppender = await db.connection.createAppender('rejects');
  return {
    add(r) {
      a.appendVarchar(runId);
      a.appendVarchar(r.source_file);
      a.appendInteger(r.line);
      if (r.column === null) a.appendNull();
      else a.appendVarchar(r.column);
      if (r.value === null) a.appendNull();
      else a.appendVarchar(r.value.slice(0, MAX_VALUE));
      a.appendVarchar(r.reason);
      a.appendVarchar(r.action);
      a.endRow();
    },
    flush() {
      a.flushSync();
    },
    close() {
      a.closeSync();
    },
  };
}

/** One file's rejecter: `reject(column, action, select)` where `select` yields `line, value, reason`. */
export function rejecterFor(db: Db, runId: string, sourceFile: string) {
  return (column: string | null | undefined, action: RejectAction, select: string) => rejectWhere(db, runId, { sourceFile, column: column ?? null, action, select });
}

/**
 * Rejects found in SQL, set-based: `select` yields `line, value, reason` for every faulty row.
 * Returns how many were recorded.
 */
export async function rejectWhere(
  db: Db,
  runId: string,
  spec: { sourceFile: string; column: string | null; action: RejectAction; select: string },
): Promise<number> {
  const col = spec.column === null ? 'NULL' : lit(spec.column);
  return db.run(
    `INSERT INTO rejects SELECT ${lit(runId)}, ${lit(spec.sourceFile)}, line, ${col}, left(CAST(value AS VARCHAR), ${MAX_VALUE}), reason, ${lit(spec.action)}
     FROM (${spec.select}) bad`,
  );
}
