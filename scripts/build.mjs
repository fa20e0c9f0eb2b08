// The package build (`npm run build`, run by `npm pack` through prepack):
// TypeScript to JavaScript with .d.ts in dist/, plus the files dist/ reads at
// run time — the WGSL library, the judge threads' entry, the C++ runner
// process's entry, the report page's script and styles, and the sources of
// twinpath's own kernels (the bench's streaming floor).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`], {
  stdio: 'inherit',
});
mkdirSync(`${dist}/kernels`, { recursive: true });
cpSync(`${root}kernels/lib`, `${dist}/kernels/lib`, { recursive: true });
cpSync(`${root}harness/judge-worker.mjs`, `${dist}/harness/judge-worker.mjs`);
cpSync(`${root}harness/backends/cpp/runner-process.mjs`, `${dist}/harness/backends/cpp/runner-process.mjs`);
cpSync(`${root}reports/client`, `${dist}/reports/client`, { recursive: true });
for (const file of readdirSync(`${root}harness/bench`, { recursive: true })) {
  if (/\.(wgsl|cu|cpp|h)$/.test(file)) cpSync(`${root}harness/bench/${file}`, `${dist}/harness/bench/${file}`);
}
