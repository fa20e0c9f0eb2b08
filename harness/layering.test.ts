import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import {
  backendSpecific,
  forbiddenImports,
  isHarnessCore,
  outsideHarness,
  sourceFiles,
  touchesGpu,
} from './layering.ts';

const root = resolve(import.meta.dirname, '..');

test('no oracle can reach the GPU', () => {
  const oracles = sourceFiles(resolve(root, 'oracles'));
  expect(oracles.length).toBeGreaterThan(0);
  expect(oracles.flatMap((f) => forbiddenImports(root, f, touchesGpu))).toEqual([]);
});

test('twinpath/oracle, the entry oracles import, reaches no GPU', () => {
  expect(forbiddenImports(root, resolve(root, 'harness/oracle.ts'), touchesGpu)).toEqual([]);
  expect(forbiddenImports(root, resolve(root, 'oracles/photo.ts'), touchesGpu)).toEqual([]);
});

test('the harness core imports no kernel, case, report or project tooling', () => {
  const core = sourceFiles(resolve(root, 'harness')).filter(isHarnessCore);
  expect(core.length).toBeGreaterThan(20);
  expect(core.flatMap((f) => forbiddenImports(root, f, outsideHarness))).toEqual([]);
});

test('the core check sees a core file reaching the reporter, and leaves the command line out', () => {
  expect(forbiddenImports(root, resolve(root, 'harness/cli/run.ts'), outsideHarness)).toContain(
    'harness/cli/run.ts -> reports/twinpath-reporter.ts',
  );
  expect(isHarnessCore(resolve(root, 'harness/cli/run.ts'))).toBe(false);
  expect(isHarnessCore(resolve(root, 'harness/sweep.ts'))).toBe(true);
});

test('element formats, comparisons and generators reach no GPU: oracles and the judge use them', () => {
  const dirs = ['harness/elements', 'harness/compare', 'harness/arbitraries'];
  const pure = dirs.flatMap((d) => sourceFiles(resolve(root, d)));
  expect(pure.length).toBeGreaterThan(0);
  expect(pure.flatMap((f) => forbiddenImports(root, f, touchesGpu))).toEqual([]);
});

test('the check fails on an oracle that reaches the GPU through a helper', () => {
  const paths = forbiddenImports(root, resolve(root, 'cases/fixtures/gpu-oracle.ts'), touchesGpu);
  expect(paths).toContain('cases/fixtures/gpu-oracle.ts -> harness/index.ts -> harness/gpu/session.ts');
  expect(paths).toContain('cases/fixtures/gpu-oracle.ts -> harness/index.ts -> harness/gpu/context.ts');
});

test('the core loads no backend folder statically: only the registry does, on demand', () => {
  const core = sourceFiles(resolve(root, 'harness')).filter((f) => !/harness\/backends\/(cuda|cpp)\//.test(f));
  expect(core.flatMap((f) => forbiddenImports(root, f, backendSpecific, { dynamic: false }))).toEqual([]);
  // The check can fail: the registry reaches both backends through import().
  const registry = forbiddenImports(root, resolve(root, 'harness/backends/registry.ts'), backendSpecific);
  expect(registry).toContain('harness/backends/registry.ts -> harness/backends/cuda/backend.ts');
  expect(registry).toContain('harness/backends/registry.ts -> harness/backends/cpp/backend.ts');
});
