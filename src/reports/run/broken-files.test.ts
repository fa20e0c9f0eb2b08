/**
 * A sweep file that fails to load is a failing entry, never a silent pass:
 * a real `twinpath run` of fixtures/broken-project (a kernel name defineKernel
 * refuses, a kernel module that does not exist, and a sweep that passes)
 * names each broken file with its error and the fix on the console, in
 * results.json, junit.xml and the page, and exits 1; `run --list` lists them
 * as broken and exits 1. A skipped test beside the sweeps is not counted
 * as a skipped sweep. A config file that throws (fixtures/broken-config)
 * is such an entry too.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import type { ResultsFile } from './results-json.ts';

const bin = resolve(import.meta.dirname, '../../../bin/twinpath.js');
const project = resolve(import.meta.dirname, 'fixtures/broken-project');

async function twinpath(args: readonly string[], cwd = project): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [bin, ...args], { cwd, timeout: 180_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

const BAD_NAME = 'cases/bad-name.fixture.ts';
const BAD_IMPORT = 'cases/bad-import.fixture.ts';
const NAME_ERROR = 'defineKernel: name "../../etc" must match [a-z0-9_]+';
const FIX = 'Fix: the file must import without throwing; `npx vitest run cases/bad-name.fixture.ts` shows the stack';

test('planted: two sweep files that fail to load are failing entries with the error and the fix; the run exits 1', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const r = await twinpath(['run', '--runs', '3', '--report', dir]);
  expect(r.code).toBe(1);
  expect(r.out).toContain(`twinpath ✗ ${BAD_NAME}: fail: ${BAD_NAME} failed to load: ${NAME_ERROR}. ${FIX}`);
  expect(r.out).toMatch(
    /twinpath ✗ cases\/bad-import\.fixture\.ts: fail: .*Cannot find package 'twinpath-planted-missing-kernel'/,
  );
  expect(r.out).toMatch(/^twinpath: run finished: 1 pass, 2 fail$/m);
  expect(r.out).toMatch(/^twinpath: 1 passed, 2 failed, 0 skipped$/m);
  expect(r.out).not.toContain('no kernel found');
  // No kernel here implements CUDA: however CUDA fares on this machine, the run does not speak of it.
  expect(r.out).not.toMatch(/cuda/i);

  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  const broken = results.sweeps.find((s) => s.file === BAD_NAME)!;
  expect(broken.kernel).toBe(BAD_NAME);
  expect(broken.verdict).toEqual({ status: 'fail', reason: `${BAD_NAME} failed to load: ${NAME_ERROR}. ${FIX}` });
  expect(results.sweeps.find((s) => s.file === BAD_IMPORT)?.verdict.status).toBe('fail');
  expect(results.statuses).toMatchObject({ pass: 1, fail: 2 });
  const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
  expect(junit).toContain('failures="2"');
  expect(junit).toMatch(/<testcase [^>]*name="parity: cases\/bad-name\.fixture\.ts"[^]*?<failure/);
  expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(NAME_ERROR.replace(/"/g, '&quot;'));
}, 240_000);

test('planted: run --list shows the files that fail to load as broken and exits 1', async () => {
  const r = await twinpath(['run', '--list']);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/^texel_address +wgsl +\(one\) +cases\/ok\.fixture\.ts$/m);
  expect(r.out).toContain(`broken  ${BAD_NAME}: ${NAME_ERROR}. ${FIX}`);
  expect(r.out).toMatch(
    /^broken {2}cases\/bad-import\.fixture\.ts: Cannot find package 'twinpath-planted-missing-kernel'/m,
  );
}, 240_000);

test('planted: a config file that throws is a failing entry of a report, the run exits 1', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const fixture = resolve(import.meta.dirname, 'fixtures/broken-config');
  const r = await twinpath(['run', '--report', dir], fixture);
  expect(r.code).toBe(1);
  const reason =
    `twinpath.config.ts failed to load: twinpath: cannot load ${fixture}/twinpath.config.ts: planted: the config throws. ` +
    'Fix: correct the config file (docs/config.md lists its fields)';
  expect(r.err).toContain(`twinpath ✗ twinpath.config.ts: fail: ${reason}`);
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  expect(results.status).toBe('finished');
  expect(results.sweeps).toEqual([
    {
      kernel: 'twinpath.config.ts',
      file: 'twinpath.config.ts',
      verdict: { status: 'fail', reason },
      error: reason,
      ms: 0,
    },
  ]);
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('failures="1"');
}, 120_000);
