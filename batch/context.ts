import type { Config } from '../schemas/config.ts';
import type { Db } from './db.ts';
import type { Logger } from './log.ts';

/** What every stage receives: effects (DuckDB, logger) are passed in, never reached for. */
export interface StageContext {
  db: Db;
  log: Logger;
  config: Config;
  runId: string;
  /** Reference date of the run, YYYY-MM-DD. */
  asOf: string;
}
