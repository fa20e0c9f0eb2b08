import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { initProject, scaffoldFiles } from './scaffold.ts';

const fresh = (pkg: object) => {
  const dir = mkdtempSync(join(tmpdir(), 'twinpath-init-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  return dir;
};
const pkgOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

test('a fresh package: config, example kernel (four files), vitest config, tsconfig, scripts, dev dependencies', () => {
  const dir = fresh({ name: 'p', type: 'commonjs', scripts: { test: 'echo "Error: no test specified" && exit 1' } });
  const r = initProject(dir);
  for (const [, to] of scaffoldFiles()) expect(existsSync(join(dir, to)), to).toBe(true);
  expect(existsSync(join(dir, 'vitest.config.ts'))).toBe(true);
  expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).compilerOptions.strict).toBe(true);
  const pkg = pkgOf(dir);
  expect(pkg.type).toBe('module');
  expect(pkg.scripts).toEqual({ test: 'vitest run', parity: 'twinpath run', typecheck: 'tsc --noEmit -p .' });
  expect(Object.keys(pkg.devDependencies).sort()).toEqual(['@types/node', 'typescript', 'vitest']);
  expect(r.added).toHaveLength(3);
  expect(r.lines).toContain('created kernels/flip_y/flip-y.wgsl');
});

test('never overwrites: existing files, scripts and dependencies are kept and said so', () => {
  const dir = fresh({
    name: 'p',
    type: 'module',
    scripts: { test: 'jest', typecheck: 'tsc -b' },
    devDependencies: { typescript: '^5.9.0', vitest: '^4.1.0' },
  });
  writeFileSync(join(dir, 'tsconfig.json'), '{"mine": true}');
  writeFileSync(join(dir, 'vite.config.ts'), '// mine');
  initProject(dir);
  const again = initProject(dir);
  expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).toBe('{"mine": true}');
  expect(existsSync(join(dir, 'vitest.config.ts'))).toBe(false);
  expect(again.lines.filter((l) => l.startsWith('created'))).toEqual([]);
  expect(again.lines).toContain('kept kernels/flip_y/kernel.ts (exists)');
  expect(again.lines.some((l) => l.startsWith('kept vite.config.ts: add the preset to its plugins'))).toBe(true);
  const pkg = pkgOf(dir);
  expect(pkg.scripts).toMatchObject({ test: 'jest', typecheck: 'tsc -b', parity: 'twinpath run' });
  expect(pkg.devDependencies).toMatchObject({ typescript: '^5.9.0', vitest: '^4.1.0' });
  expect(again.added).toEqual([]);
});

test('a CommonJS project with sources is refused before anything is written', () => {
  const dir = fresh({ name: 'p' });
  writeFileSync(join(dir, 'index.js'), 'module.exports = 1;');
  expect(() => initProject(dir)).toThrow(
    /package\.json has no "type" and the project has sources.*Fix: set "type": "module"/,
  );
  expect(existsSync(join(dir, 'twinpath.config.ts'))).toBe(false);
  expect(() => initProject(mkdtempSync(join(tmpdir(), 'twinpath-init-')))).toThrow('no package.json in');
});
