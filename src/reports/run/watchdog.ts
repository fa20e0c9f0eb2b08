/**
 * The watchdog of device work, in vitest's main process: a sweep worker
 * whose device work outlives its deadline by WATCHDOG_GRACE_MS while its
 * event loop is stopped (a GPU or lavapipe that never returns from a
 * blocking call), or whose device work outlives every case's deadline put
 * together, is killed from outside; vitest replaces it and the run goes on
 * to the next sweep file. The reporter turns the killed sweep into a
 * `timeout` failure naming it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sweepLabel } from '../../core/kernel/sweep-label.ts';
import { readHeartbeats, type Heartbeat } from './heartbeat.ts';
import { processAlive } from '../../core/settings/run-lock.ts';
import { counted } from '../../model/counted.ts';

/** How long past its deadline device work may run before its worker is killed. */
export const WATCHDOG_GRACE_MS = 5000;
/** How often the reporter checks the heartbeats (and redraws progress). */
export const WATCHDOG_POLL_MS = 500;

/** A sweep whose worker the watchdog killed. */
export interface KilledSweep {
  readonly kernel: string;
  readonly backend: string;
  readonly pid: number;
  /** Cases it had recorded before, and how long its sweep had run. */
  readonly done: number;
  readonly ms: number;
  /** Why, for the report: `… did not finish within 3000 ms (TWINPATH_CASE_DEADLINE_MS) …`. */
  readonly reason: string;
}

/**
 * Why a worker's device work is past hope, if it is:
 * `its process stopped answering for 8.0 s`, `its device work ran 20.1 s, past every case's deadline put together`.
 */
export function overdue(h: Heartbeat, now: number, graceMs = WATCHDOG_GRACE_MS): string | undefined {
  const d = h.device;
  if (!d) return undefined;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  if (now - h.beat > d.deadlineMs + graceMs) return `its process stopped answering for ${s(now - h.beat)}`;
  if (now - d.since > d.deadlineMs * Math.max(1, d.cases) + graceMs)
    return `its device work ran ${s(now - d.since)}, past every case's deadline put together`;
  return undefined;
}

/** Watches the heartbeats in `dir` (the reporter calls check every WATCHDOG_POLL_MS); kills overdue workers. */
export class Watchdog {
  constructor(
    private readonly dir: string,
    private readonly onKill: (k: KilledSweep) => void,
    private readonly graceMs = WATCHDOG_GRACE_MS,
  ) {}

  /**
   * Kills every worker with a heartbeat: the run is stopping (a signal) and a worker stuck in device work
   * would outlive it, spinning with no parent.
   */
  killAll(): void {
    for (const h of readHeartbeats(this.dir)) {
      if (processAlive(h.pid)) process.kill(h.pid, 'SIGKILL');
      rmSync(join(this.dir, `${h.pid}.json`), { force: true });
    }
  }

  /** Checks every heartbeat now; returns those of live workers (for progress). */
  check(now = Date.now()): Heartbeat[] {
    return readHeartbeats(this.dir).filter((h) => {
      const file = join(this.dir, `${h.pid}.json`);
      if (!processAlive(h.pid)) return (rmSync(file, { force: true }), false);
      const why = overdue(h, now, this.graceMs);
      if (!why || !h.kernel || !h.backend) return true;
      process.kill(h.pid, 'SIGKILL');
      rmSync(file, { force: true });
      const label = sweepLabel(h.kernel, h.backend);
      this.onKill({
        kernel: h.kernel,
        backend: h.backend,
        pid: h.pid,
        done: h.done,
        ms: now - h.started,
        reason:
          `${label}: the device did not finish a case within ${h.device!.deadlineMs} ms (TWINPATH_CASE_DEADLINE_MS) and ${why}; ` +
          `its worker process (pid ${h.pid}) was killed after ${counted(h.done, 'case')} and the run went on`,
      });
      return false;
    });
  }
}
