// The package build (`npm run build`, run by `npm pack` through prepack):
// TypeScript to JavaScript with .d.ts in dist/ (src/x.ts becomes dist/x.js),
// plus the files dist/ reads at run time — the WGSL/C library, the judge
// threads' entry, the C++ runner process's entry, the report page's script
// and styles, and the sources of twinpath's own kernels (the bench's
// streaming floor).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = `${root}src`;
const dist = `${root}dist`;
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`], {
  stdio: 'inherit',
});
for (const dir of ['lib', 'reports/page/client']) cpSync(`${src}/${dir}`, `${dist}/${dir}`, { recursive: true });
for (const file of ['core/judge/judge-worker.mjs', 'backends/cpp/runner-process.mjs'])
  cpSync(`${src}/${file}`, `${dist}/${file}`);
for (const file of readdirSync(`${src}/bench`, { recursive: true })) {
  // The bench's fixtures (a planted slowdown) stay out of the package, as every fixture does.
  if (/\.(wgsl|cu|cpp|h)$/.test(file) && !file.split(/[\\/]/).includes('fixtures'))
    cpSync(`${src}/bench/${file}`, `${dist}/bench/${file}`);
}
