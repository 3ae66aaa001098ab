/// <reference types="astro/client" />
// Types of `import.meta.env` and of `.astro` imports for `tsc --noEmit` (site/ is in tsconfig's include).
