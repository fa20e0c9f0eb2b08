/**
 * results.json: the run's status (running, finished, interrupted), every
 * finished sweep's full record with its verdict, the adapter and the totals.
 * Rewritten whole (write and rename) as each sweep finishes, so it always
 * parses and holds every sweep that finished, whatever stops the run.
 */
import { join } from 'node:path';
import { SWEEP_STATUSES, countStatuses, renderStatusCounts, type SweepStatus } from '../../core/gate/verdict.ts';
import type { DeviceInfo } from '../../model/device.ts';
import type { RunProfile } from '../../core/sweep/stage-clock.ts';
import { writeFileAtomic } from './atomic-write.ts';
import type { SummaryRow } from './summary-table.ts';
import { counted } from '../../model/counted.ts';

export const RESULTS_FORMAT = 'twinpath-results';
export const RESULTS_VERSION = 2;

export const RUN_STATUSES = ['running', 'finished', 'interrupted'] as const;

/** `running` while sweeps are still to come (and forever after a SIGKILL), `finished`, or `interrupted` by a signal. */
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface Totals {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface ResultsFile {
  readonly format: typeof RESULTS_FORMAT;
  readonly version: typeof RESULTS_VERSION;
  /** This run's identity; a merge refuses the same run twice. Merged reports list their shards' ids. */
  readonly runId: string;
  readonly shards?: readonly string[];
  readonly status: RunStatus;
  /** What stopped an interrupted run: `SIGINT`, `SIGTERM`, or `exit before the run ended`. */
  readonly interruptedBy?: string;
  /** When the run started. */
  readonly date: string;
  /** When this file was written. */
  readonly updated: string;
  readonly adapter?: DeviceInfo;
  /**
   * vitest tests of the run, by state: passed and failed count every test (a file that failed to load counts as one
   * failure), skipped only the sweeps the run selected.
   */
  readonly totals: Totals;
  /** Sweeps by verdict status. */
  readonly statuses: Readonly<Record<SweepStatus, number>>;
  readonly sweeps: readonly SummaryRow[];
  /** Where the run's time went (`--profile`): its profiled sweeps summed, over the run's wall time. */
  readonly profile?: RunProfile;
}

/** What a writer gives; the counts by status and the format tag are derived here. */
export type RunSnapshot = Omit<ResultsFile, 'format' | 'version' | 'statuses' | 'updated'>;

/** The file's contents for a snapshot of the run. */
export function resultsFile(r: RunSnapshot): ResultsFile {
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    ...r,
    updated: new Date().toISOString(),
    statuses: countStatuses(r.sweeps.map((s) => s.verdict)),
  };
}

/**
 * The run's status in one line, the same on the console and at the top of index.html:
 * `run finished: 5 pass, 1 expected-fail`, `run interrupted (SIGINT) after 2 sweeps: 2 pass — the rest did not run`,
 * `run still running, or killed (results.json not finished) after 3 sweeps: 3 pass`.
 */
export function runStatusLine(r: Pick<ResultsFile, 'status' | 'interruptedBy' | 'statuses' | 'sweeps'>): string {
  const counts = renderStatusCounts(r.statuses);
  const n = counted(r.sweeps.length, 'sweep');
  if (r.status === 'finished') return `run finished: ${counts}`;
  if (r.status === 'interrupted')
    return `run interrupted (${r.interruptedBy ?? 'unknown'}) after ${n}: ${counts} — the rest did not run`;
  return `run still running, or killed (results.json not finished) after ${n}: ${counts}`;
}

/** Writes `<dir>/results.json` whole (write and rename); returns its path. */
export function writeResultsJson(dir: string, results: ResultsFile): string {
  const path = join(dir, 'results.json');
  writeFileAtomic(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks parsed results.json text against the format; returns it typed. Throws naming the file and what is wrong:
 * `shard-2/results.json: not a twinpath results file (format "twinpath-results", version 2): rerun that shard`,
 * `shard-2/results.json: sweep 3 ("im2col") has no verdict`.
 */
export function checkResultsFile(file: string, data: unknown): ResultsFile {
  const bad = (what: string) => new Error(`${file}: ${what}`);
  if (!isObject(data) || data.format !== RESULTS_FORMAT || data.version !== RESULTS_VERSION) {
    throw bad(
      `not a twinpath results file (format "${RESULTS_FORMAT}", version ${RESULTS_VERSION}): rerun that shard with this twinpath`,
    );
  }
  if (typeof data.runId !== 'string' || !data.runId) throw bad('has no runId');
  if (!RUN_STATUSES.includes(data.status as RunStatus))
    throw bad(`run status ${JSON.stringify(data.status)} is not one of ${RUN_STATUSES.join(', ')}`);
  const t = data.totals;
  if (!isObject(t) || !['passed', 'failed', 'skipped'].every((k) => Number.isInteger(t[k]) && (t[k] as number) >= 0))
    throw bad('totals must hold whole numbers passed, failed, skipped');
  if (!Array.isArray(data.sweeps)) throw bad('has no sweeps array');
  data.sweeps.forEach((s: unknown, i: number) => {
    if (!isObject(s) || typeof s.kernel !== 'string') throw bad(`sweep ${i} has no kernel`);
    if (!isObject(s.verdict) || !SWEEP_STATUSES.includes(s.verdict.status as SweepStatus))
      throw bad(`sweep ${i} (${JSON.stringify(s.kernel)}) has no verdict`);
    if (s.sweep !== undefined && (!isObject(s.sweep) || !isObject(s.sweep.adapter)))
      throw bad(`sweep ${i} (${JSON.stringify(s.kernel)}) has a result without its adapter`);
  });
  return data as unknown as ResultsFile;
}
