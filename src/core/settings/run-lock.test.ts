import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { acquireRunLock, LOCK_FILE, releaseRunLock } from './run-lock.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'twinpath-lock-'));
const lockOf = (pid: number, host = hostname()) =>
  JSON.stringify({ pid, host, holder: 'other', started: '2026-01-01T00:00:00.000Z' });

/** The pid of a process that has exited. */
const deadPid = () =>
  spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;

test('a free folder is taken and given back; taking it again is a no-op for its holder', () => {
  const dir = folder();
  expect(acquireRunLock(dir, 'mine')).toBeUndefined();
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, holder: 'mine' });
  expect(acquireRunLock(dir, 'mine')).toBeUndefined();
  releaseRunLock(dir);
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
});

test('a live holder refuses the folder, with the fix; another host is respected as live', () => {
  const dir = folder();
  writeFileSync(join(dir, LOCK_FILE), lockOf(process.ppid));
  let thrown: unknown;
  try {
    acquireRunLock(dir, 'mine');
  } catch (e) {
    thrown = e;
  }
  expect((thrown as Error).name).toBe('InputError');
  expect((thrown as Error).message).toBe(
    `twinpath: ${dir} is in use by another run (pid ${process.ppid} on host ${hostname()}, started 2026-01-01T00:00:00.000Z). Fix: give this run its own --report DIR, or wait for that one`,
  );
  writeFileSync(join(dir, LOCK_FILE), lockOf(Number(deadPid()), 'another-host'));
  expect(() => acquireRunLock(dir, 'mine')).toThrow(/is in use by another run \(pid \d+ on host another-host/);
  releaseRunLock(dir);
  expect(existsSync(join(dir, LOCK_FILE)), 'never removes a lock it does not hold').toBe(true);
});

test('the lock of a dead process, or an unreadable one, is taken over and said so', () => {
  const dir = folder();
  const pid = deadPid();
  writeFileSync(join(dir, LOCK_FILE), lockOf(Number(pid)));
  expect(acquireRunLock(dir, 'mine')).toBe(`took over the lock of pid ${pid}, which is gone`);
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
  releaseRunLock(dir);
  writeFileSync(join(dir, LOCK_FILE), '{"pid": 1');
  expect(acquireRunLock(dir, 'mine')).toBe('took over the lock of an unreadable lock file, which is gone');
});
