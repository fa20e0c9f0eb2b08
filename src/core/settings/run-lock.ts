/**
 * One run per report folder: `<dir>/.twinpath.lock` names the process that
 * writes there. A second run into a folder in use is refused; a lock whose
 * process is gone (a run killed with SIGKILL) is taken over.
 */
import { existsSync, linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from './input-error.ts';
import { probeReportFolder } from './report-folder.ts';

export const LOCK_FILE = '.twinpath.lock';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** What holds it: `twinpath run`, or the id of the run its reporter writes. */
  readonly holder: string;
  readonly started: string;
}

/** Whether `pid` runs: a zombie (killed, not yet reaped by a parent that died with it) does not. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || !/^\d+ \(.*\) Z /.test(readFileSync(stat, 'utf8'));
}

function owner(lock: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(lock, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** Whether the lock's owner is gone: a dead process of this host (another host's lock is respected). */
function stale(o: LockOwner | undefined): boolean {
  return !o || (o.host === hostname() && !processAlive(o.pid));
}

/**
 * Takes the folder's lock for this process; returns what it took over, if anything
 * (`took over the lock of pid 4711, which is gone`). Throws an InputError when another live run holds it:
 * `twinpath: twinpath-report is in use by another run (pid 4711 on host ci-3, started 2026-…). Fix: give this run its own --report DIR, or wait for that one`,
 * or when the folder cannot be written (probeReportFolder: a full disk, a read-only file system, no permission):
 * `twinpath: the report folder twinpath-report cannot be written: its disk is full (ENOSPC). Fix: …`.
 */
export function acquireRunLock(dir: string, holder: string): string | undefined {
  probeReportFolder(dir);
  const lock = join(dir, LOCK_FILE);
  const mine: LockOwner = { pid: process.pid, host: hostname(), holder, started: new Date().toISOString() };
  const temp = `${lock}.${process.pid}.tmp`;
  let tookOver: string | undefined;
  try {
    writeFileSync(temp, `${JSON.stringify(mine)}\n`);
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, lock);
        return tookOver;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const o = owner(lock);
      if (o?.pid === process.pid && o.host === mine.host) return undefined;
      if (!stale(o) || attempt > 0) {
        const who = o ? `pid ${o.pid} on host ${o.host}, started ${o.started}` : 'a lock file that cannot be read';
        throw new InputError(
          `twinpath: ${dir} is in use by another run (${who}). Fix: give this run its own --report DIR, or wait for that one`,
        );
      }
      // Only one taker wins the rename; a loser finds the winner's fresh lock on its second attempt.
      try {
        renameSync(lock, `${lock}.stale-${process.pid}`);
        unlinkSync(`${lock}.stale-${process.pid}`);
        tookOver = `took over the lock of ${o ? `pid ${o.pid}` : 'an unreadable lock file'}, which is gone`;
      } catch {
        tookOver = undefined;
      }
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Gives the lock back, if this process holds it. */
export function releaseRunLock(dir: string): void {
  const lock = join(dir, LOCK_FILE);
  if (owner(lock)?.pid === process.pid) unlinkSync(lock);
}
