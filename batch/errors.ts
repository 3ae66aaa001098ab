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
