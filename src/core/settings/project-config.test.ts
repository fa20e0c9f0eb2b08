import { expect, test } from 'vitest';
import { matchesAnyGlob } from './glob.ts';
import {
  applyConfigEnv,
  configEnv,
  DEFAULT_CONFIG,
  defineConfig,
  resolveConfig,
  sweepTestGlobs,
} from './project-config.ts';

test('no config file: every default is filled in', () => {
  expect(resolveConfig()).toEqual(DEFAULT_CONFIG);
  expect(configEnv(resolveConfig())).toEqual({
    TWINPATH_TESTS: '["cases/*.test.ts"]',
    TWINPATH_REPORT: 'twinpath-report',
    TWINPATH_EXPECTATIONS: 'twinpath.expectations.json',
    TWINPATH_REQUIRE_GPU: 'any',
  });
});

test('a misspelt field or a wrong value is an error that names the field', () => {
  expect(() => defineConfig({ test: ['x'] } as never)).toThrow(
    'twinpath.config: unknown field "test" (fields: kernels, tests,',
  );
  expect(() => resolveConfig({ tests: 'cases' as never })).toThrow(
    'twinpath.config: tests must be a list of globs, not "cases"',
  );
  expect(() => resolveConfig({ runs: 2.5 })).toThrow('twinpath.config: runs must be a whole number, not 2.5');
  expect(() => resolveConfig({ requireGpu: 'some' as never })).toThrow('requireGpu is hardware or any, not "some"');
  expect(() => resolveConfig({ tests: [] })).toThrow('tests is empty');
});

test('flags and variables already set win over the config file', () => {
  const env: NodeJS.ProcessEnv = { TWINPATH_RUNS: '7' };
  applyConfigEnv(
    resolveConfig({
      runs: 50,
      seed: 3,
      adapter: 'vulkan:',
      requiredFeatures: ['shader-f16'],
      tests: ['src/**/*.parity.test.ts'],
    }),
    env,
  );
  expect(env).toMatchObject({
    TWINPATH_RUNS: '7',
    TWINPATH_SEED: '3',
    TWINPATH_ADAPTER: 'vulkan:',
    TWINPATH_FEATURES: 'shader-f16',
  });
  expect(sweepTestGlobs(env)).toEqual(['src/**/*.parity.test.ts']);
  expect(sweepTestGlobs({})).toEqual(['cases/*.test.ts']);
});

test('sweep file globs: * stays in one folder, ** crosses folders', () => {
  expect(matchesAnyGlob('cases/im2col.test.ts', ['cases/*.test.ts'])).toBe(true);
  expect(matchesAnyGlob('src/core/judge/planted.test.ts', ['cases/*.test.ts'])).toBe(false);
  expect(matchesAnyGlob('src/a/b/blur.parity.test.ts', ['src/**/*.parity.test.ts'])).toBe(true);
  expect(matchesAnyGlob('src/blur.parity.test.ts', ['src/**/*.parity.test.ts'])).toBe(true);
  expect(matchesAnyGlob('src/blur.test.ts', ['src/**/*.parity.test.ts'])).toBe(false);
});
