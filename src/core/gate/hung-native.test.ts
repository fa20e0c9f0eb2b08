/**
 * A hung native kernel costs its sweep, never the run: a real vitest run of
 * src/core/gate/fixtures/hung-native (a C++ kernel that never returns, then one that
 * passes) through the twinpath reporter. The hung sweep fails with `timeout`,
 * shrunk to the smallest hanging case; the next kernel runs and passes; the
 * report is written and the run is marked finished.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import type { ResultsFile } from '../../reports/run/results-json.ts';

const root = resolve(import.meta.dirname, '../../..');
const fixture = join(root, 'src/core/gate/fixtures/hung-native');

test('planted: a C++ kernel that never returns is a timeout, shrunk; the run goes on to the next kernel and writes its report', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const env = {
    ...process.env,
    TWINPATH_REPORT: dir,
    TWINPATH_RUNS: '6',
    TWINPATH_SEED: '7',
    TWINPATH_DETERMINISM: '0',
    TWINPATH_CASE_DEADLINE_MS: '400',
  };
  const run = promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(fixture, 'vitest.config.ts')],
    { cwd: root, env, timeout: 240_000 },
  );
  const failed = await run.then(
    () => undefined,
    (e: { code?: number; stdout?: string }) => e,
  );
  expect(failed?.code).toBe(1);
  expect(failed?.stdout).toMatch(/^cpp_hang \[cpp\] +\d+ +fail \(timeout\) /m);
  expect(failed?.stdout).toMatch(/^cpp_fill \[cpp\] +6 +pass /m);
  expect(failed?.stdout).toMatch(/^twinpath: run finished: 1 pass, 1 fail$/m);

  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  expect(results.status).toBe('finished');
  const hung = results.sweeps.find((s) => s.kernel === 'cpp_hang')!;
  expect(hung.verdict).toEqual({ status: 'fail', outcome: 'timeout' });
  expect(hung.sweep!.failure!.result.case).toBe('3x1 pad 0 value 0');
  expect(hung.sweep!.failure!.result.error).toBe(
    'cpp_hang [cpp]: the C++ calls did not finish the case within 400 ms (TWINPATH_CASE_DEADLINE_MS); the runner process was killed and the next case gets a new one',
  );
  expect(results.sweeps.find((s) => s.kernel === 'cpp_fill')!.verdict).toEqual({ status: 'pass' });
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(
    /<testcase [^>]*name="parity: cpp_hang \[cpp\]"[^]*?<failure/,
  );
  expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('cpp_hang');
}, 300_000);
