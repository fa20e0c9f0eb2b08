/**
 * A WGSL kernel that never ends costs its sweep, never the run: a real vitest
 * run of fixtures/wgsl-hang (an endless loop on the GPU, then a kernel that
 * passes) through the twinpath reporter. The worker's event loop is stuck in
 * the device, so only the watchdog in vitest's main process can end it: the
 * hung sweep fails as `timeout` within the deadline + 10 s, the next sweep
 * runs and passes, and the report is written.
 */
import { execFile } from 'node:child_process';
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
