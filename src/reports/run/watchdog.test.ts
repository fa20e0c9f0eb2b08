/**
 * A WGSL kernel that never ends costs its sweep, never the run: a real vitest
 * run of fixtures/wgsl-hang (an endless loop on the GPU, then a kernel that
 * passes) through the twinpath reporter. The worker's event loop is stuck in
 * the device, so only the watchdog in vitest's main process can end it: the
 * hung sweep fails as `timeout` within the deadline + 10 s, the next sweep
 * runs and passes, and the report is written.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import type { ResultsFile } from './results-json.ts';
import { overdue } from './watchdog.ts';
import type { Heartbeat } from './heartbeat.ts';

const root = resolve(import.meta.dirname, '../../..');
const fixture = join(import.meta.dirname, 'fixtures/wgsl-hang');
const DEADLINE_MS = 3000;

test('planted: a WGSL endless loop ends as timeout within deadline + 10 s; the run goes on to the next sweep', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const env = {
    ...process.env,
    TWINPATH_REPORT: dir,
    TWINPATH_RUNS: '5',
    TWINPATH_DETERMINISM: '0',
    TWINPATH_CASE_DEADLINE_MS: String(DEADLINE_MS),
  };
  const failed = await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(fixture, 'vitest.config.ts')],
    { cwd: root, env, timeout: 240_000 },
  ).then(
    () => undefined,
    (e: { code?: number; stdout?: string }) => e,
  );
  expect(failed?.code).toBe(1);
  const out = failed?.stdout ?? '';
  expect(out).toMatch(
    /^twinpath ✗ probe_hang: fail \(timeout\): probe_hang: the device did not finish a case within 3000 ms/m,
  );
  expect(out).toMatch(/^texel_address +5 +pass /m);
  expect(out).toMatch(/^twinpath: run finished: 1 pass, 1 fail$/m);
  expect(out).not.toContain('error outside the sweeps');
  const stalled = Number(/stopped answering for ([\d.]+) s/.exec(out)?.[1]);
  expect(stalled * 1000).toBeGreaterThan(DEADLINE_MS);
  expect(stalled * 1000).toBeLessThan(DEADLINE_MS + 10_000);

  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  expect(results.status).toBe('finished');
  const hung = results.sweeps.find((s) => s.kernel === 'probe_hang')!;
  expect(hung.verdict).toMatchObject({ status: 'fail', outcome: 'timeout' });
  expect(hung.verdict.reason).toMatch(/its worker process \(pid \d+\) was killed after 0 cases and the run went on$/);
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/<testcase [^>]*name="parity: probe_hang"[^]*?<failure/);
}, 300_000);

/** The pids of `pid`'s child processes. */
const children = (pid: number): number[] =>
  execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim())
    .map(Number);

/** Whether `pid` runs: a zombie (killed, waiting for its new parent to reap it) does not. */
const running = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

test('planted: SIGTERM while a WGSL endless loop runs: the stuck worker is killed with the run, never left spinning', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const env = { ...process.env, TWINPATH_REPORT: dir, TWINPATH_RUNS: '5', TWINPATH_CASE_DEADLINE_MS: '600000' };
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      join(fixture, 'vitest.config.ts'),
      '-t',
      'probe_hang',
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const closed = new Promise<number | null>((ok) => child.on('close', ok));
  for (const t = Date.now(); !out.includes('twinpath ▸ probe_hang: 0/5 cases');) {
    if (Date.now() - t > 120_000) throw new Error(`the endless loop never showed its progress:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const workers = children(child.pid!);
  expect(workers.length).toBeGreaterThan(0);
  child.kill('SIGTERM');
  expect(await closed).toBe(143);
  await new Promise((r) => setTimeout(r, 500));
  const left = workers.filter(running);
  // A worker left spinning is the planted fault caught: end it before failing.
  for (const pid of left) process.kill(pid, 'SIGKILL');
  expect(left).toEqual([]);
}, 180_000);

const beat = (over: Partial<Heartbeat>): Heartbeat => ({ pid: 1, planned: 10, done: 0, started: 0, beat: 0, ...over });

test('overdue: device work past its deadline + grace with a stopped event loop, or past every case deadline together', () => {
  const device = { since: 0, deadlineMs: 1000, cases: 4 };
  expect(overdue(beat({}), 99_000)).toBeUndefined();
  expect(overdue(beat({ device, beat: 0 }), 5_999)).toBeUndefined();
  expect(overdue(beat({ device, beat: 0 }), 6_001)).toBe('its process stopped answering for 6.0 s');
  expect(overdue(beat({ device, beat: 8_500 }), 9_000)).toBeUndefined();
  expect(overdue(beat({ device, beat: 9_500 }), 9_001 + 1)).toBe(
    "its device work ran 9.0 s, past every case's deadline put together",
  );
});
