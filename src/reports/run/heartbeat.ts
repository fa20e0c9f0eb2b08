/**
 * A sweep worker's heartbeat: one small file per worker process in a folder
 * the reporter creates for the run (TWINPATH_HEARTBEAT_DIR), rewritten each
 * second while its event loop lives and at each sweep event. The reporter
 * reads them to draw progress and to kill a worker whose device work never
 * returns (watchdog.ts).
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepProgress } from '../../core/sweep/progress-listeners.ts';

/** The environment variable naming the run's heartbeat folder (set by the reporter, inherited by its workers). */
export const HEARTBEAT_DIR_ENV = 'TWINPATH_HEARTBEAT_DIR';

/** A worker's state as its heartbeat file holds it. */
export interface Heartbeat {
  readonly pid: number;
  /** The sweep under way: its kernel and backend, and how many cases it plans and has recorded. */
  readonly kernel?: string;
  readonly backend?: string;
  readonly planned: number;
  readonly done: number;
  /** When the sweep started (ms since the epoch). */
  readonly started: number;
  /** While device work is in flight: since when, its per-case deadline, and its cases. */
  readonly device?: { readonly since: number; readonly deadlineMs: number; readonly cases: number };
  /** When the worker's event loop last wrote this file (ms since the epoch). */
  readonly beat: number;
}

/** How often a live worker rewrites its heartbeat, and how often case counts are written at most. */
const BEAT_MS = 1000;
const CASE_WRITE_MS = 250;

/**
 * The listener a sweep worker registers (vitest-setup.ts): it keeps this process's heartbeat file in `dir`
 * current. Writing is best-effort: a folder that cannot be written costs the progress, never the sweep.
 */
export function heartbeatWriter(dir: string): (p: SweepProgress) => void {
  const file = join(dir, `${process.pid}.json`);
  let state: Heartbeat = { pid: process.pid, planned: 0, done: 0, started: Date.now(), beat: Date.now() };
  let written = 0;
  const write = () => {
    state = { ...state, beat: Date.now() };
    written = state.beat;
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(state));
      renameSync(`${file}.tmp`, file);
    } catch {
      // Progress is advisory.
    }
  };
  setInterval(write, BEAT_MS).unref();
  return (p) => {
    if (p.kind === 'start') {
      const { device: _, ...rest } = state;
      state = { ...rest, kernel: p.kernel, backend: p.backend, planned: p.planned, done: 0, started: Date.now() };
    } else if (p.kind === 'case') state = { ...state, done: p.done };
    else if (p.kind === 'device-start')
      state = { ...state, device: { since: Date.now(), deadlineMs: p.deadlineMs, cases: p.cases } };
    else {
      const { device: _, ...rest } = state;
      state = rest;
    }
    if (p.kind !== 'case' || Date.now() - written >= CASE_WRITE_MS) write();
  };
}

/** Every heartbeat in `dir` (a file half written or gone is skipped). */
export function readHeartbeats(dir: string): Heartbeat[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    try {
      return [JSON.parse(readFileSync(join(dir, n), 'utf8')) as Heartbeat];
    } catch {
      return [];
    }
  });
}
