import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
  writeFileSync(join(dir, 'vite.config.ts'), "import { twinpath } from 'twinpath/vitest';\n");
  expect(initProject(dir).lines).toContain('kept vite.config.ts (it has the twinpath preset)');
  const pkg = pkgOf(dir);
  expect(pkg.scripts).toMatchObject({
    test: 'jest',
    typecheck: 'tsc -b && tsc --noEmit -p tsconfig.twinpath.json',
    parity: 'twinpath run',
  });
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

test('an existing project: tsconfig.twinpath.json covers kernels, oracles and cases; the typecheck runs it', () => {
  const dir = fresh({ name: 'p', type: 'module', scripts: { typecheck: 'tsc --noEmit -p .' } });
  writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true }, "include": ["src"] }');
  writeFileSync(join(dir, '.gitignore'), 'node_modules');
  const r = initProject(dir);
  expect(JSON.parse(readFileSync(join(dir, 'tsconfig.twinpath.json'), 'utf8'))).toEqual({
    extends: './tsconfig.json',
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true, noEmit: true },
    include: ['kernels', 'oracles', 'cases', 'twinpath.config.ts', 'vitest.config.ts'],
  });
  expect(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).toContain('"include": ["src"]');
  expect(pkgOf(dir).scripts.typecheck).toBe('tsc --noEmit -p . && tsc --noEmit -p tsconfig.twinpath.json');
  expect(r.lines).toContain('added twinpath-report/ to .gitignore');
  expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules\ntwinpath-report/\n');
  const again = initProject(dir);
  expect(again.lines).toEqual(
    expect.arrayContaining(['kept tsconfig.twinpath.json (exists)', 'kept .gitignore (twinpath-report is ignored)']),
  );
  expect(pkgOf(dir).scripts.typecheck).toBe('tsc --noEmit -p . && tsc --noEmit -p tsconfig.twinpath.json');
  expect(initProject(fresh({ name: 'q', type: 'module' })).lines).toContain('created .gitignore with twinpath-report/');
});

test('planted: init refuses to write through a symbolic link, dangling or to a folder, before writing anything', () => {
  const dangling = fresh({ name: 'p', type: 'module' });
  mkdirSync(join(dangling, 'kernels/flip_y'), { recursive: true });
  symlinkSync('/nonexistent/kernel.ts', join(dangling, 'kernels/flip_y/kernel.ts'));
  expect(() => initProject(dangling)).toThrow(
    'twinpath init: kernels/flip_y/kernel.ts is a symbolic link (to /nonexistent/kernel.ts); init writes no file ' +
      'through a link. Fix: remove the link, or put the file it points to in its place',
  );
  expect(existsSync(join(dangling, 'twinpath.config.ts'))).toBe(false);
  const folder = fresh({ name: 'p', type: 'module' });
  symlinkSync(mkdtempSync(join(tmpdir(), 'twinpath-elsewhere-')), join(folder, 'oracles'));
  expect(() => initProject(folder)).toThrow(/^twinpath init: oracles is a symbolic link/);
  const gitignore = fresh({ name: 'p', type: 'module' });
  symlinkSync('/nonexistent/.gitignore', join(gitignore, '.gitignore'));
  expect(() => initProject(gitignore)).toThrow(/^twinpath init: \.gitignore is a symbolic link/);
});
