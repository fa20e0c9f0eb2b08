/**
 * Reports that survive: real `twinpath run` processes, stopped with real
 * signals after some sweeps finished. SIGINT (to the process group, as a
 * terminal's Ctrl-C) leaves every finished sweep and the run marked
 * interrupted; SIGKILL leaves every finished sweep readable, the run still
 * marked running; a second run into a folder in use is refused, and the
 * lock a killed run leaves behind is taken over, its files removed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { elements, parseStrictXml } from '../fixtures/strict-xml.ts';
import type { ResultsFile } from './results-json.ts';
import { LOCK_FILE } from '../../core/settings/run-lock.ts';

const bin = resolve(import.meta.dirname, '../../../bin/twinpath.js');
/** Three quick kernels: after the first finishes, at least one is still running when the signal comes. */
const KERNELS = ['prepare_mip_source', 'texel_address', 'im2col'];

interface Run {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

/** Starts `twinpath run` in its own process group (so a signal can reach it and its workers together). */
function start(args: string[]): Run {
  const child = spawn(process.execPath, [bin, 'run', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TWINPATH_DETERMINISM: '0' },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((ok) =>
    child.on('close', (code, signal) => ok({ code, signal, out, err })),
  );
  return { child, done };
}

/** Polls until `ready` holds (every 50 ms, at most two minutes). */
async function until(what: string, ready: () => boolean): Promise<void> {
  for (const t = Date.now(); !ready(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - t > 120_000) throw new Error(`timed out waiting for ${what}`);
  }
}

const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
/** The pid the lock names: the CLI's process (bin/twinpath.js runs it as its child, to filter Dawn's warnings). */
const lockHolder = (dir: string) => (JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid;
const finishedSweeps = (dir: string) => existsSync(join(dir, 'results.json')) && results(dir).sweeps.length > 0;

test('SIGINT after a sweep finished: every finished sweep kept, the run marked interrupted; a second run into the folder is refused', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const a = start([...KERNELS, '--backend', 'wgsl', '--runs', '600', '--report', dir]);
  await until('the lock', () => existsSync(join(dir, LOCK_FILE)));
  const b = await start(['texel_address', '--runs', '3', '--report', dir]).done;
  expect(b.code, b.out + b.err).toBe(2);
  expect(b.err).toMatch(
    new RegExp(
      `^twinpath: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another run \\(pid ${lockHolder(dir)} on host .+\\)\\. Fix: give this run its own --report DIR, or wait for that one$`,
      'm',
    ),
  );
  expect(b.out).not.toMatch(/twinpath ▸|sweeping/);
  await until('a finished sweep', () => finishedSweeps(dir));
  process.kill(-a.child.pid!, 'SIGINT');
  const r = await a.done;
  expect(r.code, r.out + r.err).toBe(130);
  const after = results(dir);
  expect(after.status).toBe('interrupted');
  expect(after.interruptedBy).toBe('SIGINT');
  expect(after.sweeps.length).toBeGreaterThanOrEqual(1);
  expect(after.sweeps.length).toBeLessThan(KERNELS.length);
  expect(after.sweeps.every((s) => s.verdict.status === 'pass' && s.sweep!.runs === 600)).toBe(true);
  expect(readdirSync(join(dir, 'sweeps'))).toHaveLength(after.sweeps.length);
  expect(r.out).toMatch(
    new RegExp(
      `^twinpath: run interrupted \\(SIGINT\\) after ${after.sweeps.length} sweeps?: ${after.sweeps.length} pass — the rest did not run`,
      'm',
    ),
  );
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  expect(html).toContain('data-run-status="interrupted"');
  for (const s of after.sweeps) expect(html).toContain(`data-kernel="${s.kernel}"`);
  const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
  const doc = parseStrictXml(junit);
  expect(elements(doc, 'testsuite')[0]!.attributes.failures).toBe('1');
  expect(elements(doc, 'failure').map((f) => f.attributes.message)).toEqual([
    expect.stringMatching(/^run interrupted \(SIGINT\) after /),
  ]);
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
}, 300_000);

test('SIGKILL after a sweep finished: finished sweeps stay readable; the next run takes over the dead lock and removes the old files', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const a = start([...KERNELS, '--backend', 'wgsl', '--runs', '600', '--report', dir]);
  await until('a finished sweep', () => finishedSweeps(dir));
  const holder = lockHolder(dir);
  process.kill(-a.child.pid!, 'SIGKILL');
  expect((await a.done).signal).toBe('SIGKILL');
  const after = results(dir);
  expect(after.status).toBe('running');
  expect(after.sweeps.length).toBeGreaterThanOrEqual(1);
  const records = readdirSync(join(dir, 'sweeps'));
  expect(records).toHaveLength(after.sweeps.length);
  for (const f of records) expect(JSON.parse(readFileSync(join(dir, 'sweeps', f), 'utf8')).verdict.status).toBe('pass');
  expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('data-run-status="running"');
  expect(lockHolder(dir)).toBe(holder);

  const next = await start(['texel_address', '--runs', '3', '--report', dir]).done;
  expect(next.code, next.out + next.err).toBe(0);
  expect(next.out).toContain(`twinpath: ${dir}: took over the lock of pid ${holder}, which is gone\n`);
  const now = results(dir);
  expect(now.status).toBe('finished');
  expect(now.sweeps.map((s) => s.kernel)).toEqual(['texel_address']);
  expect(readdirSync(join(dir, 'sweeps'))).toEqual(['001-texel_address.json']);
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
}, 300_000);
