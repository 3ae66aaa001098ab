import { availableParallelism } from 'node:os';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { CliError, EXIT } from './errors.ts';

/** A thin handle on one DuckDB database: the only place the batch talks to DuckDB. */
export interface Db {
  readonly connection: DuckDBConnection;
  /** Streams a query's rows in chunks on a connection of its own, so the main one stays free for appenders. */
  stream<T = Record<string, unknown>>(sql: string): AsyncGenerator<T[]>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: DuckDBValue[]): Promise<number>;
  all<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  one<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T>;
  /**
   * Another connection to the same database, for work that runs beside this connection's (its statements
   * execute concurrently; its temp tables are its own). Closing it closes only the connection.
   */
  fork(): Promise<Db>;
  close(): void;
}

export interface DuckDbSettings {
  threads: string;
  memory_limit: string;
}

/**
 * DuckDB's threads and memory limit: TALENT_ATLAS_DUCKDB_THREADS (default: every core) and
 * TALENT_ATLAS_DUCKDB_MEMORY_LIMIT (default 1GB, e.g. 512MB or 4GB). DuckDB's own default limit is 80% of
 * the machine's memory, which lets one large join crowd out everything else on the box; under the limit it
 * spills to a temp folder beside the database instead, so a 100,000-person night stays within ~2 GiB.
 */
export function duckdbSettings(env: NodeJS.ProcessEnv = process.env): DuckDbSettings {
  const threads = env.TALENT_ATLAS_DUCKDB_THREADS?.trim() || String(availableParallelism());
  if (!/^[1-9]\d*$/.test(threads)) throw new CliError(`TALENT_ATLAS_DUCKDB_THREADS must be a whole number ≥ 1, got "${threads}".`, EXIT.config);
  const memory = env.TALENT_ATLAS_DUCKDB_MEMORY_LIMIT?.trim() || '1GB';
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memory)) {
    throw new CliError(`TALENT_ATLAS_DUCKDB_MEMORY_LIMIT must be a size such as 512MB or 2GB, got "${memory}".`, EXIT.config);
  }
  return { threads, memory_limit: memory };
}

export async function openDb(path: string, settings: DuckDbSettings = duckdbSettings(), opts: { readOnly?: boolean } = {}): Promise<Db> {
  const instance = await DuckDBInstance.create(path, { threads: settings.threads, memory_limit: settings.memory_limit, ...(opts.readOnly ? { access_mode: 'READ_ONLY' } : {}) });
  const db = await connectTo(instance);
  return { ...db, close: () => { db.close(); instance.closeSync(); } };
}

async function connectTo(instance: DuckDBInstance): Promise<Db> {
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
    fork: () => connectTo(instance),
    close: () => connection.closeSync(),
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
