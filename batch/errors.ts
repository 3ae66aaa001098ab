/**
 * The one error type a user sees: its message is written for people (what, where, what to do) and it
 * carries the process exit code. Anything else that escapes is a bug and is printed with its stack.
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Exit codes, documented in the README so cron wrappers can tell failures apart. */
export const EXIT = { ok: 0, failed: 1, usage: 2, config: 3, input: 4 } as const;

/**
 * Runs a command's `main` and exits with its code: a CliError is printed as its message, anything else as a
 * bug with its stack, after `unexpected` (what it means for the user's outputs).
 */
export function runCommand(main: () => Promise<number>, unexpected: string): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof CliError) {
        process.stderr.write(`error: ${e.message}\n`);
        process.exit(e.exitCode);
      }
      process.stderr.write(`error: ${unexpected}\n${(e as Error).stack ?? String(e)}\n`);
      process.exit(EXIT.failed);
    },
  );
}
