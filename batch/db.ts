import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

/** A thin handle on one DuckDB database: the only place the batch talks to DuckDB. */
export interface Db {
  readonly connection: DuckDBConnection;
  /** Streams a query's rows in chunks on a connection of its own, so the main one stays free for appenders. */
  stream<T = Record<string, unknown>>(sql: string): AsyncGenerator<T[]>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: DuckDBValue[]): Promise<number>;
  all<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  one<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T>;
  close(): void;
}

export async function openDb(path: string): Promise<Db> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  const all = async <T>(sql: string, params?: DuckDBValue[]) => {
    const reader = await connection.runAndReadAll(sql, params);
    // JSON conversion turns BIGINT into strings and DATE into ISO strings: what artifacts need.
    return reader.getRowObjectsJson() as unknown as T[];
  };
  return {
    connection,
    stream: async function* <T>(sql: string) {
      const reader = await instance.connect();
      try {
        const result = await reader.stream(sql);
        for await (const rows of result.yieldRowObjectJson()) yield rows as unknown as T[];
      } finally {
        reader.closeSync();
      }
    },
    run: async (sql, params) => {
      // TALENT_ATLAS_PROFILE=1 names every statement slower than half a second: where a large run spends its time.
      const t = performance.now();
      const r = Number((await connection.run(sql, params)).rowsChanged);
      const ms = performance.now() - t;
      if (process.env.TALENT_ATLAS_PROFILE && ms > 500) process.stderr.write(`[sql ${Math.round(ms)}ms] ${sql.replace(/\s+/g, ' ').slice(0, 300)}\n`);
      return r;
    },
    all,
    one: async <T>(sql: string, params?: DuckDBValue[]) => {
      const rows = await all<T>(sql, params);
      if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql.slice(0, 120)}`);
      return rows[0] as T;
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Quotes an identifier for SQL (column names come from users' export headers, in any language). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for SQL. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
