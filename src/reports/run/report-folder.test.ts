/**
 * Report folder faults: a full disk, a read-only file system and no
 * permission are named with the folder and the fix; found by the probe when
 * the run takes the folder (exit 2 before any case), and mid-run the report
 * keeps what it wrote, leaves no temporary file and says it is incomplete.
 * Real faults: a tmpfs that fills, a read-only tmpfs (where this user may
 * mount), a folder that became a file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { folderFault, probeReportFolder } from '../../core/settings/report-folder.ts';
import { acquireRunLock } from '../../core/settings/run-lock.ts';
import { errorVerdict } from '../../core/gate/verdict.ts';
import { mountSmallFs, type SmallFs } from './fixtures/small-fs.ts';
import type { ResultsFile } from './results-json.ts';
import { RunReport } from './run-report.ts';
import type { SummaryRow } from './summary-table.ts';

const mounted: SmallFs[] = [];
afterEach(() => mounted.splice(0).forEach((m) => m.unmount()));

/** A mounted tmpfs, or the test skipped with why there is none. */
function smallFs(skip: (why: string) => never, sizeKb: number, readOnly = false): string {
  const fs = mountSmallFs(sizeKb, readOnly);
  if (typeof fs === 'string') skip(fs);
  mounted.push(fs);
  return fs.dir;
}

/** Every file under `dir`, relative to it. */
const files = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

const row = (kernel: string): SummaryRow => ({ kernel, verdict: errorVerdict(`${kernel}: planted`), ms: 1 });

test('folderFault names the folder, the fault and the fix; any other error is not a folder fault', () => {
  const err = (code: string) => Object.assign(new Error(code), { code });
  expect(folderFault('r', err('ENOSPC'))).toBe(
    'twinpath: the report folder r cannot be written: its disk is full (ENOSPC). Fix: free space there, or give the run another --report DIR',
  );
  expect(folderFault('r', err('EROFS'))).toBe(
    'twinpath: the report folder r cannot be written: it is on a read-only file system (EROFS). Fix: give the run a writable --report DIR',
  );
  expect(folderFault('r', err('EACCES'))).toBe(
    'twinpath: the report folder r cannot be written: this user may not write there (EACCES). Fix: make it writable, or give the run another --report DIR',
  );
  expect(folderFault('r', err('ENOENT'))).toBeUndefined();
});

test('planted: a full disk is refused when the run takes the folder, and nothing is left there', ({ skip }) => {
  const dir = smallFs(skip, 64);
  expect(() => acquireRunLock(dir, 'test')).toThrow(
    `twinpath: the report folder ${dir} cannot be written: its disk is full (ENOSPC). Fix: free space there, or give the run another --report DIR`,
  );
  expect(files(dir)).toEqual([]);
});

test('planted: a read-only report folder is refused up front with the fix', ({ skip }) => {
  const dir = smallFs(skip, 64, true);
  expect(() => probeReportFolder(dir)).toThrow(
    /^twinpath: the report folder .* it is on a read-only file system \(EROFS\)\. Fix: give the run a writable --report DIR$/,
  );
});

test('planted: `twinpath run` into a full disk exits 2 with the message before any case', ({ skip }) => {
  const dir = smallFs(skip, 64);
  const bin = resolve(import.meta.dirname, '../../../bin/twinpath.js');
  let r: { status: number; stdout: string; stderr: string } = { status: 0, stdout: '', stderr: '' };
  try {
    execFileSync(process.execPath, [bin, 'run', 'texel_address', '--runs', '1', '--report', dir], { stdio: 'pipe' });
  } catch (e) {
    const x = e as { status: number; stdout: Buffer; stderr: Buffer };
    r = { status: x.status, stdout: String(x.stdout), stderr: String(x.stderr) };
  }
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`twinpath: the report folder ${dir} cannot be written: its disk is full (ENOSPC)`);
  expect(r.stdout).not.toContain('twinpath ▸');
  expect(files(dir)).toEqual([]);
}, 120_000);

test('planted: the disk fills mid-run: the run goes on, earlier sweeps stay whole, no .tmp is left, the report says incomplete', ({
  skip,
}) => {
  const dir = join(smallFs(skip, 2048), 'report');
  const report = new RunReport(dir);
  report.start();
  report.addSweep(row('first'), { passed: 0, failed: 1, skipped: 0 });
  expect(report.incomplete).toBeUndefined();
  // Fill the disk.
  try {
    writeFileSync(join(dir, '..', 'filler'), Buffer.alloc(4 * 1024 * 1024));
  } catch {
    // ENOSPC once full: what the filler wanted.
  }
  report.addSweep(row('second'), { passed: 0, failed: 2, skipped: 0 });
  report.finish({ passed: 0, failed: 2, skipped: 0 });
  expect(report.incomplete).toMatch(/^twinpath: the report folder .* its disk is full \(ENOSPC\)\. Fix: /);
  expect(report.sweeps.map((r) => r.kernel)).toEqual(['first', 'second']);
  expect(files(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  expect(results.sweeps.map((s) => s.kernel)).toEqual(['first']);
  expect(files(dir)).toContain('sweeps/001-first.json');
});

test('planted: a report folder that breaks mid-run (its sweeps folder became a file) is incomplete, never thrown', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const report = new RunReport(dir);
  report.start();
  report.addSweep(row('first'), { passed: 0, failed: 1, skipped: 0 });
  rmSync(join(dir, 'sweeps'), { recursive: true });
  writeFileSync(join(dir, 'sweeps'), 'not a folder');
  expect(() => report.addSweep(row('second'), { passed: 0, failed: 2, skipped: 0 })).not.toThrow();
  expect(report.incomplete).toMatch(/^twinpath: writing the report folder .* failed: ENOTDIR/);
  report.finish({ passed: 0, failed: 2, skipped: 0 });
  expect(files(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  expect(results.status).toBe('finished');
});

test('planted: the disk fills during `twinpath run`: every sweep in the summary, the fault named, no .tmp, exit 3', async ({
  skip,
}) => {
  const fs = smallFs(skip, 2048);
  const dir = join(fs, 'report');
  const bin = resolve(import.meta.dirname, '../../../bin/twinpath.js');
  const args = [bin, 'run', 'prepare_mip_source', 'texel_address', '--runs', '20', '--report', dir];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = new Promise<number | null>((ok) => child.on('close', ok));
  // The disk fills as soon as the first sweep's record is written.
  for (const t = Date.now(); !existsSync(join(dir, 'sweeps')) || !readdirSync(join(dir, 'sweeps')).length;) {
    if (Date.now() - t > 120_000) throw new Error('no sweep record within two minutes');
    await new Promise((r) => setTimeout(r, 20));
  }
  try {
    writeFileSync(join(fs, 'filler'), Buffer.alloc(4 * 1024 * 1024));
  } catch {
    // ENOSPC once full: what the filler wanted.
  }
  expect(await code, out).toBe(3);
  expect(out).toMatch(/^prepare_mip_source +20 +pass /m);
  expect(out).toMatch(/^texel_address +20 +pass /m);
  expect(out).toContain(`twinpath: the report folder ${dir} cannot be written: its disk is full (ENOSPC)`);
  expect(out).toContain(`twinpath: the report in ${dir} is incomplete`);
  expect(files(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  expect(files(dir).filter((f) => f.startsWith('sweeps/')).length).toBeGreaterThanOrEqual(1);
}, 180_000);
