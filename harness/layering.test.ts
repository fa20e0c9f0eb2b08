import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { backendSpecific, forbiddenImports, outsideHarness, sourceFiles, touchesGpu } from './layering.ts';

const root = resolve(import.meta.dirname, '..');

test('no oracle can reach the GPU', () => {
  const oracles = sourceFiles(resolve(root, 'oracles'));
  expect(oracles.length).toBeGreaterThan(0);
  expect(oracles.flatMap((f) => forbiddenImports(root, f, touchesGpu))).toEqual([]);
});

test('the harness imports no kernel, case or report', () => {
  expect(sourceFiles(resolve(root, 'harness')).flatMap((f) => forbiddenImports(root, f, outsideHarness))).toEqual([]);
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
