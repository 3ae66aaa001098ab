import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The npm registry reachable here lacks the other platforms' builds of some native packages (DuckDB's
 * bindings, Astro's compiler), so `npm install` leaves them out of package-lock.json — and `npm ci` then
 * refuses the lockfile as out of sync. This adds an entry for each missing platform build with its os/cpu,
 * which npm ci skips on every other platform. Run after any dependency change: node scripts/complete-lockfile.ts
 */
type Entry = { version?: string; optional?: boolean; os?: string[]; cpu?: string[]; libc?: string[]; optionalDependencies?: Record<string, string> };

const PLATFORMS: Array<[suffix: string, os: string[] | null, cpu: string[], libc: string[] | null]> = [
  ['linux-arm64-musl', ['linux'], ['arm64'], ['musl']],
  ['linux-arm64-gnu', ['linux'], ['arm64'], ['glibc']],
  ['linux-x64-musl', ['linux'], ['x64'], ['musl']],
  ['linux-x64-gnu', ['linux'], ['x64'], ['glibc']],
  ['linux-arm64', ['linux'], ['arm64'], ['glibc']],
  ['linux-x64', ['linux'], ['x64'], ['glibc']],
  ['win32-arm64-msvc', ['win32'], ['arm64'], null],
  ['win32-x64-msvc', ['win32'], ['x64'], null],
  ['win32-arm64', ['win32'], ['arm64'], null],
  ['win32-x64', ['win32'], ['x64'], null],
  ['darwin-arm64', ['darwin'], ['arm64'], null],
  ['darwin-x64', ['darwin'], ['x64'], null],
  ['android-arm64', ['android'], ['arm64'], null],
  ['wasm32-wasi', null, ['wasm32'], null],
];

/** Returns the entries a lockfile lacks for the optional dependencies its packages declare. */
export function missingOptionalEntries(packages: Record<string, Entry>): Record<string, Entry> {
  const missing: Record<string, Entry> = {};
  for (const entry of Object.values(packages)) {
    for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const key = `node_modules/${dep}`;
      if (packages[key] || missing[key]) continue;
      const platform = PLATFORMS.find(([suffix]) => dep.endsWith(`-${suffix}`));
      if (!platform) throw new Error(`${dep}@${version} is missing from package-lock.json and is not a known platform build: install it or add its platform here.`);
      const [, os, cpu, libc] = platform;
      // Keys in the order npm writes them, so a later `npm install` leaves the file as it is.
      missing[key] = { version, cpu, ...(libc ? { libc } : {}), optional: true, ...(os ? { os } : {}) };
    }
  }
  return missing;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, Entry> };
  const missing = missingOptionalEntries(lock.packages);
  lock.packages = Object.fromEntries(Object.entries({ ...lock.packages, ...missing }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
  process.stdout.write(`package-lock.json: added ${Object.keys(missing).length} platform entries\n`);
}
