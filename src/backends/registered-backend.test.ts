/**
 * A backend a project adds in twinpath.config.ts `backends` is known to the
 * command line as to the sweeps: `twinpath run` sweeps it (no backend
 * named), takes `--backend echo`, and the replay line a failure prints
 * reproduces the failure through the same command.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const project = join(root, 'src/backends/fixtures/registered-backend');
/** This process's environment less its TWINPATH_* settings: the fixture project's config must decide them. */
const outside = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TWINPATH_')));

/** `twinpath run ARGS` in the fixture project: exit code and console. */
async function twinpath(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  const report = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const run = promisify(execFile)(process.execPath, [join(root, 'bin/twinpath.js'), 'run', ...args], {
    cwd: project,
    env: { ...outside, TWINPATH_REPORT: report, TWINPATH_RUNS: '20', TWINPATH_SEED: '7', ...env },
  });
  return run.then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

test('a backend from twinpath.config.ts sweeps through the command line; its replay line reproduces the failure', async () => {
  const all = await twinpath([]);
  expect(all.out).toMatch(/^echo_scale \[echo\] +20 +pass /m);
  expect(all.out).toMatch(/^echo_scale_off \[echo\] +\d+ +fail \(mismatch\) /m);
  expect(all.code).toBe(1);
  const replay = /replay: npx twinpath run (echo_scale_off --backend echo --seed 7 --path '[^']+')/.exec(all.out);
  expect(replay, all.out).not.toBeNull();
  const args = replay![1]!.replace(/'/g, '').split(' ');
  const again = await twinpath(args);
  expect(again.out).toMatch(/echo_scale_off \[echo\] failed after 1 case /);
  expect(again.out).toContain('shrunk case: 3 values [0, 0, 0]');
  expect(again.code).toBe(1);
}, 240_000);

test('planted: a backends entry whose module exports no such Backend is named, with the fix', async () => {
  const r = await twinpath(['--backend', 'echo'], { TWINPATH_BACKENDS: JSON.stringify({ echo: 'not-a-backend.ts' }) });
  expect(r.code).toBe(1);
  expect(r.out).toContain(
    'twinpath.config backends.echo: not-a-backend.ts exports no Backend named echo as `backend` or default. ' +
      "Fix: export const backend: Backend = { name: 'echo', … }",
  );
}, 240_000);
