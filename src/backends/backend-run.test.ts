/**
 * Kernels implemented in C++ alone are ordinary kernels in a real vitest run
 * of src/backends/fixtures/backend-run through the twinpath reporter: with no
 * backend named, `cpp_fill` sweeps on C++ and passes; `cpp_no_compile` ends
 * as compile-error with 0 cases (a failure, the compiler's log at
 * file:line:col, no replay line); and a run that selects only a backend they
 * do not implement counts each sweep unsupported, never a pass.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import type { ResultsFile } from '../reports/run/results-json.ts';

const root = resolve(import.meta.dirname, '../..');
const fixture = join(root, 'src/backends/fixtures/backend-run');

/** Runs the fixture's sweeps; its exit code, console and results.json. */
async function runFixture(env: NodeJS.ProcessEnv) {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const run = promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(fixture, 'vitest.config.ts')],
    { cwd: root, env: { ...process.env, TWINPATH_REPORT: dir, TWINPATH_RUNS: '8', TWINPATH_SEED: '3', ...env } },
  );
  const out = await run.then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  return { ...out, results };
}

test('C++-only kernels sweep on C++ with no backend named: a pass, and a compile-error of 0 cases that fails the run', async () => {
  const { code, stdout, results } = await runFixture({});
  console.log(stdout);
  expect(code).toBe(1);
  expect(stdout).toMatch(/^cpp_fill \[cpp\] +8 +pass /m);
  expect(stdout).toMatch(/^cpp_no_compile \[cpp\] +0 +fail \(compile-error\) /m);
  expect(stdout).toMatch(/^twinpath: run finished: 1 pass, 1 fail$/m);
  expect(stdout).not.toMatch(/replay: .*cpp_no_compile/);
  const broken = results.sweeps.find((s) => s.kernel === 'cpp_no_compile')!;
  expect(broken.verdict).toMatchObject({ status: 'fail', outcome: 'compile-error' });
  expect(broken.sweep).toMatchObject({ runs: 0, pass: false, cases: [] });
  expect(broken.sweep!.compileError).toMatch(/^src\/backends\/cpp\/fixtures\/cpp_no_compile\.cpp:6:52: error: /m);
  expect(results.sweeps.find((s) => s.kernel === 'cpp_fill')!.verdict).toEqual({ status: 'pass' });
}, 300_000);

test('a run that selects only a backend the kernels do not implement: each sweep unsupported, counted, never a pass', async () => {
  const { stdout, results } = await runFixture({ TWINPATH_BACKEND: 'cuda' });
  console.log(stdout);
  expect(results.sweeps.map((s) => [s.kernel, s.backend, s.verdict.status])).toEqual([
    ['cpp_fill', 'cuda', 'unsupported'],
    ['cpp_no_compile', 'cuda', 'unsupported'],
  ]);
  expect(results.sweeps[0]!.verdict.reason).toBe('the kernel has no cuda implementation (it implements cpp)');
  expect(stdout).toMatch(/^twinpath: run finished: 2 unsupported$/m);
  expect(stdout).not.toMatch(/^adapter \[cuda\]: /m);
}, 300_000);
