// A judge worker thread (see judge-pool.ts): tsx first, so kernel modules
// written in TypeScript load, then the job loop — the sources in a checkout,
// the built module in an installed package.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const source = new URL('./judge-worker.ts', import.meta.url);
await import(existsSync(fileURLToPath(source)) ? source.href : new URL('./judge-worker.js', import.meta.url).href);
