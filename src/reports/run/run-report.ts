/**
 * The report of a run while it runs: the folder's lock taken and the earlier
 * run's files removed at the start; each finished sweep's record written at
 * once (`sweeps/NNN-<kernel>.json`, write and rename) and results.json,
 * index.html and junit.xml rewritten with it, status `running`; at the end
 * `finished`, or `interrupted` when a signal or an early exit stops the run.
 * After a SIGKILL the folder holds every sweep that finished, still marked
 * `running`, and the lock of a dead process, which the next run takes over.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureReportDir } from '../../core/settings/settings.ts';
import type { DeviceInfo } from '../../model/device.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { runProfile } from '../../core/sweep/stage-clock.ts';
import { resultsFile, type ResultsFile, type RunStatus, type Totals } from './results-json.ts';
import { acquireRunLock, releaseRunLock } from '../../core/settings/run-lock.ts';
import { folderFault } from '../../core/settings/report-folder.ts';
import { safeName } from '../failure/safe-name.ts';
import { sweepIdentity, type SummaryRow } from './summary-table.ts';
import { clearEarlierRun, SWEEPS_DIR, writeReport } from './write-report.ts';

export class RunReport {
  readonly runId = randomUUID();
  private readonly date = new Date().toISOString();
  private readonly rows: SummaryRow[] = [];
  private status: RunStatus = 'running';
  private interruptedBy: string | undefined;
  private totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  private writeFault: string | undefined;
  private readonly started = performance.now();
  /** Time spent writing the report so far (the profile's report stage). */
  private writeMs = 0;

  constructor(readonly dir: string) {}

  /**
   * Takes the folder (see acquireRunLock: an InputError when another run holds it), removes the earlier
   * run's files and writes the empty report; returns what it took over from a dead run, if anything.
   */
  start(): string | undefined {
    ensureReportDir(this.dir);
    const tookOver = acquireRunLock(this.dir, this.runId);
    clearEarlierRun(this.dir);
    mkdirSync(join(this.dir, SWEEPS_DIR));
    this.write();
    return tookOver;
  }

  /**
   * A sweep finished: its record, then the whole report, written now. A sweep run again (`twinpath watch` reruns
   * the sweeps a change touches) replaces its earlier row, so the report is the state of every sweep now.
   */
  addSweep(row: SummaryRow, totals: Totals): void {
    const earlier = this.rows.findIndex((r) => sweepIdentity(r) === sweepIdentity(row));
    const at = earlier < 0 ? this.rows.push(row) - 1 : earlier;
    this.rows[at] = row;
    this.totals = totals;
    const name = `${String(at + 1).padStart(3, '0')}-${safeName(row.kernel)}.json`;
    this.guarded(() => writeFileAtomic(join(this.dir, SWEEPS_DIR, name), `${JSON.stringify(row, null, 2)}\n`));
    this.write();
  }

  /**
   * The run ended (as `finished`, unless it was interrupted): the final report, the lock given back;
   * returns the path of index.html.
   */
  finish(totals: Totals): string {
    this.totals = totals;
    if (this.status === 'running') this.status = 'finished';
    const index = this.write();
    releaseRunLock(this.dir);
    return index;
  }

  /**
   * The run was stopped (`SIGINT`, `SIGTERM`, `exit before the run ended`): marked so, the lock given back.
   * No-op once the run ended.
   */
  interrupt(by: string): void {
    if (this.status !== 'running') return;
    this.status = 'interrupted';
    this.interruptedBy = by;
    this.write();
    releaseRunLock(this.dir);
  }

  get sweeps(): readonly SummaryRow[] {
    return this.rows;
  }

  /**
   * The first write into the folder that failed after the run started, as folder-fault text
   * (`twinpath: the report folder r cannot be written: its disk is full (ENOSPC). Fix: …`): the report on disk
   * then lacks what came after (the files written before it stay whole).
   */
  get incomplete(): string | undefined {
    return this.writeFault;
  }

  /** Runs a write; a failure (a full disk mid-run) is kept, never thrown into the run. */
  private guarded(write: () => void): void {
    try {
      write();
    } catch (e) {
      this.writeFault ??=
        folderFault(this.dir, e) ?? `twinpath: writing the report folder ${this.dir} failed: ${(e as Error).message}`;
    }
  }

  /** The results as they stand. */
  snapshot(): ResultsFile {
    const adapter: DeviceInfo | undefined = this.rows.find((r) => r.sweep)?.sweep?.adapter;
    const profiles = this.rows.flatMap((r) => (r.sweep?.profile ? [r.sweep.profile] : []));
    const profile = profiles.length ? runProfile(profiles, performance.now() - this.started, this.writeMs) : undefined;
    return resultsFile({
      runId: this.runId,
      status: this.status,
      ...(this.interruptedBy ? { interruptedBy: this.interruptedBy } : {}),
      date: this.date,
      ...(adapter ? { adapter } : {}),
      totals: this.totals,
      sweeps: this.rows,
      ...(profile ? { profile } : {}),
    });
  }

  private write(): string {
    const t = performance.now();
    this.guarded(() => writeReport(this.dir, this.snapshot()));
    this.writeMs += performance.now() - t;
    return join(this.dir, 'index.html');
  }
}
