// Astro configuration of the Talent Atlas dashboard: a fully static site built from the published artifacts.
//
// The pages read only the JSON artifacts (site/lib/artifacts.ts), from the folder in env
// TALENT_ATLAS_ARTIFACTS (default data/out/artifacts). The output folder is `dist/` unless env
// TALENT_ATLAS_DIST or the CLI flag `--outDir <dir>` says otherwise (the flag wins).
// Telemetry is not a config option: set ASTRO_TELEMETRY_DISABLED=1 in the environment of the scripts.
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.TALENT_ATLAS_DIST || './dist',
  output: 'static',
  build: {
    // `/skills/index.html` → links end with `/`.
    format: 'directory',
    // One self-contained HTML file per page: no stylesheet requests, prints and opens from a file share.
    inlineStylesheets: 'always',
  },
  trailingSlash: 'ignore',
  // Read-only dashboard for executives: pages are complete without JavaScript (one optional script adds
  // sorting, CSV download and a filter), so no prefetch and no dev toolbar.
  prefetch: false,
  devToolbar: { enabled: false },
  vite: {
    server: {
      // The batch rewrites data/out (DuckDB file, artifacts) every night: the dev server must not watch it,
      // nor the build output. Artifacts are read with node:fs at render time, never imported through Vite.
      watch: { ignored: ['**/data/out/**', '**/dist/**', '**/tests/.tmp/**'] },
    },
  },
});
