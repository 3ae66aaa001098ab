/** Where the batch writes its progress: passed in, so tests run the pipeline silently and can read what it said. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export function consoleLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  return {
    info: (m) => stream.write(`${m}\n`),
    warn: (m) => stream.write(`warning: ${m}\n`),
  };
}

export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`) };
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** Runs one unit of work and logs one line for it: `ingest employees.csv → 402 rows in 120ms`. */
export async function timed<T>(log: Logger, label: string, work: () => Promise<T>, describe: (r: T) => string): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  log.info(`${label} → ${describe(result)} in ${formatDuration(ms)}`);
  return { result, ms };
}
