/**
 * A project without twinpath.expectations.json has no known failures: the default file alone may be missing
 * (expectations-file.test.ts shows any other missing file refused). The file system is mocked to lack it, as a
 * worker thread cannot change its working directory.
 */
import { expect, test, vi } from 'vitest';
import { DEFAULT_EXPECTATIONS_FILE, loadExpectations } from './expectations.ts';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, existsSync: (path: string) => path !== 'twinpath.expectations.json' && fs.existsSync(path) };
});

test('a missing default expectations file means no expectations', () => {
  expect(loadExpectations(DEFAULT_EXPECTATIONS_FILE)).toEqual([]);
  vi.stubEnv('TWINPATH_EXPECTATIONS', '');
  expect(loadExpectations()).toEqual([]);
  vi.unstubAllEnvs();
});
