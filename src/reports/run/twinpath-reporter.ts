/**
 * The vitest reporter of every twinpath run (main job and `npm test`). It runs
 * in vitest's main process while the sweeps run in forked workers, and it is
 * the report's one writer: it checks the run's inputs and takes the report
 * folder when the run starts, writes each sweep's record (and the whole
 * report) as each sweep's result arrives, marks the run interrupted on SIGINT
 * or SIGTERM, and at the end prints the adapter, the summary table, the run's
 * status, where the results are kept, the failed tests (failed-tests.ts) and a `N passed, N failed, N skipped`
 * line (every test passed or failed; skipped, only the run's sweeps).
 * Each native backend's device is named beside the adapter; the summary has a
 * row per kernel and backend. A file that fails to load is a failing entry
 * of its own (broken-file.ts). While sweeps run it reads the workers'
 * heartbeats: progress (progress-line.ts), and the watchdog (watchdog.ts)
 * that kills a worker stuck in device work, its sweep a `timeout`. A report
 * folder that fails mid-run is said after the summary, and the run exits 3.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type {
  Reporter,
  SerializedError,
  TestCase,
  TestModule,
  TestRunEndReason,
  TestSpecification,
  Vitest,
} from 'vitest/node';
import { adapterLine, reachedDevice } from '../../model/device.ts';
import { checkRunInputs } from '../../core/sweep/run-inputs.ts';
import { decideVerdict, errorVerdict, notRun, passesGate, verdictText } from '../../core/gate/verdict.ts';
import type { SweepResult } from '../../core/sweep/sweep.ts';
import { INPUT_ERROR_EXIT, isInputError } from '../../core/settings/input-error.ts';
import { REPORT_INCOMPLETE_EXIT } from '../../core/settings/report-folder.ts';
import { sweepLabel } from '../../core/kernel/sweep-label.ts';
import { sweepOfTestName, sweepTestName } from '../../core/kernel/sweep-name.ts';
import { expectationsPath, staleExpectations, type Expectation } from '../../core/gate/expectations.ts';
import { terminalSafe } from '../../core/settings/terminal-text.ts';
import { runStatusLine, type Totals } from './results-json.ts';
import { brokenFileRow } from './broken-file.ts';
import { HEARTBEAT_DIR_ENV } from './heartbeat.ts';
import { liveProgress, ProgressLine } from './progress-line.ts';
import { Watchdog, WATCHDOG_POLL_MS, type KilledSweep } from './watchdog.ts';
import { RunReport } from './run-report.ts';
import { renderSummaryTable, unavailableBackends, type SummaryRow } from './summary-table.ts';
import { renderProfileTable } from './profile-table.ts';
import { counted } from '../../model/counted.ts';
import { failedTestLines } from './failed-tests.ts';

type Tally = { -readonly [K in keyof Totals]: number };

/**
 * Counts a test by its state: passed, failed, or skipped (skipped, todo, pending alike). Only a sweep the run
 * selected counts as skipped: the tests beside the sweeps and the sweeps a kernel name filtered out do not.
 */
function tally(t: Tally, test: TestCase, selected: RegExp | undefined): void {
  const state = test.result().state;
  if (state === 'passed') t.passed++;
  else if (state === 'failed') t.failed++;
  else if (sweepOfTestName(test.name) && (!selected || selected.test(test.name))) t.skipped++;
}

export default class TwinpathReporter implements Reporter {
  private report!: RunReport;
  private expectations: readonly Expectation[] = [];
  private readonly totals: Tally = { passed: 0, failed: 0, skipped: 0 };
  private files = 0;
  private filesDone = 0;
  private root = process.cwd();
  private selected: RegExp | undefined;
  private watchdog: Watchdog | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly progressLine: ProgressLine;
  /** Sweeps whose worker the watchdog killed, by test name. */
  private readonly killed = new Map<string, KilledSweep & { reported?: boolean }>();

  /** printFailures: print each failed sweep's text (shrunk case, diagnostics, replay line), for runs with no other reporter. */
  constructor(private readonly options: { readonly printFailures?: boolean } = {}) {
    // Beside vitest's own reporter (which redraws its own lines) progress comes as lines of its own.
    this.progressLine = new ProgressLine(process.stdout, !!options.printFailures && liveProgress(process.stdout));
  }

  /** Case text reaches the terminal with its control characters shown, never acted on. */
  private out(line: string): void {
    this.progressLine.clear();
    process.stdout.write(`${terminalSafe(line)}\n`);
  }

  /**
   * Before any test: the inputs checked and the folder taken. Bad input or a folder in use ends
   * the process here, before any case, with exit 2 and the message (vitest would only log it).
   */
  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    this.selected = vitest.config.testNamePattern;
    try {
      const { config, expectations } = checkRunInputs();
      this.expectations = expectations;
      this.report = new RunReport(config.reportDir);
      const tookOver = this.report.start();
      if (tookOver) this.out(`twinpath: ${config.reportDir}: ${tookOver}; its files were removed`);
    } catch (e) {
      if (!isInputError(e)) throw e;
      process.stderr.write(`${e.message}\n`);
      process.exit(INPUT_ERROR_EXIT);
    }
    this.catchSignals();
    this.watchWorkers();
  }

  /** The workers' heartbeat folder, inherited by every worker, and the watchdog reading it. */
  private watchWorkers(): void {
    let dir: string;
    try {
      dir = mkdtempSync(join(tmpdir(), 'twinpath-heartbeat-'));
    } catch (e) {
      this.out(`twinpath: no heartbeat folder in ${tmpdir()} (${(e as Error).message}): no progress, no watchdog`);
      return;
    }
    process.env[HEARTBEAT_DIR_ENV] = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    this.watchdog = new Watchdog(dir, (k) => this.killed.set(sweepTestName(k.kernel, k.backend), { ...k }));
  }

  /**
   * SIGINT and SIGTERM finish writing, mark the run interrupted, kill the sweep workers (one stuck in device work
   * would outlive the run, spinning) and exit 128 + the signal's number.
   */
  private catchSignals(): void {
    let stopping = false;
    // `on`, not `once`: a second signal (a terminal's process group and a wrapper forwarding it) must not kill
    // the process while the first one's report is being written.
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      this.report.interrupt(signal);
      this.watchdog?.killAll();
      this.out(`\ntwinpath: ${runStatusLine(this.report.snapshot())}; results: ${this.report.dir}/results.json`);
      process.exit(128 + constants.signals[signal]);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.once('exit', () => this.report.interrupt('exit before the run ended'));
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.files = specifications.length;
    // Each run counts alone: `twinpath watch` starts several in one process.
    this.filesDone = 0;
    Object.assign(this.totals, { passed: 0, failed: 0, skipped: 0 });
    const watchdog = this.watchdog;
    if (watchdog) {
      clearInterval(this.ticker);
      this.ticker = setInterval(() => this.progressLine.update(watchdog.check()), WATCHDOG_POLL_MS);
      this.ticker.unref();
    }
  }

  /** A file that failed to load (or whose hooks threw) is a failing entry named after it, never a silent pass. */
  onTestModuleEnd(m: TestModule): void {
    this.filesDone++;
    const errors = m.errors();
    if (!errors.length) return;
    const file = relative(this.root, m.moduleId);
    this.totals.failed++;
    const row = brokenFileRow(file, errors, m.diagnostic().duration);
    this.report.addSweep(row, { ...this.totals });
    this.out(`twinpath ✗ ${file}: ${verdictText(row.verdict)} ${this.progress()}`);
  }

  /** `[2/9 files done]`: the run's test files finished so far (a sweep's line comes before its own file ends). */
  private progress(): string {
    return `[${this.filesDone}/${this.files} files done]`;
  }

  onTestCaseReady(t: TestCase): void {
    const id = sweepOfTestName(t.name);
    if (id && t.options.mode === 'run')
      this.out(`twinpath ▸ ${sweepLabel(id.kernel, id.backend)} … ${this.progress()}`);
  }

  onTestCaseResult(t: TestCase): void {
    if (this.killed.has(t.name)) return this.reportKilled(t.name);
    const state = t.result().state;
    tally(this.totals, t, this.selected);
    const id = sweepOfTestName(t.name);
    const meta = t.meta();
    // A check whose failure the test expected (`rejects`) is no failure of the run: only a failed test's are rows.
    if (state === 'failed') for (const check of meta.twinpathOracleChecks ?? []) this.addOracleCheck(t, check);
    if (!id || (state === 'skipped' && !meta.twinpathVerdict)) return;
    const sweep = meta.twinpath;
    const ms = t.diagnostic()?.duration ?? 0;
    const error = t.result().errors?.[0]?.message.split('\n')[0];
    const verdict = meta.twinpathVerdict ?? errorVerdict(error ?? 'the test ended without a verdict');
    const row: SummaryRow = {
      kernel: id.kernel,
      ...(id.backend ? { backend: id.backend } : {}),
      ...(sweep ? { sweep } : {}),
      verdict,
      ...(!sweep && error ? { error } : {}),
      ms,
    };
    this.report.addSweep(row, { ...this.totals });
    const mark = passesGate(verdict) ? '✓' : notRun(verdict) ? '–' : '✗';
    // A sweep that could not run says why in short; the full reason (paths looked at, the fix) is in the report.
    // One line a sweep: a reason of several lines (a compiler's log) is printed whole with the failure, below.
    const full = notRun(verdict) ? `${verdict.status}: ${verdict.reason?.split(' — ')[0] ?? ''}` : verdictText(verdict);
    const text = full.split('\n')[0]!;
    this.out(
      `twinpath ${mark} ${sweepLabel(id.kernel, id.backend)}: ${text}, ` +
        `${sweep ? `${counted(sweep.runs, 'case')}, ` : ''}${(ms / 1000).toFixed(1)} s ${this.progress()}`,
    );
    const message = t.result().errors?.[0]?.message;
    if (this.options.printFailures && !passesGate(verdict) && message) this.out(message.replace(/^/gm, '  '));
  }

  /**
   * A failing toMatchOracle case of test `t`, swept alone: a row of its own (`<kernel>_to_match_oracle`), its failure
   * on the page; the console line names the test: `twinpath ✗ blur_to_match_oracle: fail (mismatch) in test 'x'`.
   */
  private addOracleCheck(t: TestCase, check: SweepResult): void {
    const verdict = decideVerdict(check, []);
    const row: SummaryRow = { kernel: check.kernel, backend: check.backend, sweep: check, verdict, ms: check.ms };
    this.report.addSweep(row, { ...this.totals });
    const mark = passesGate(verdict) ? '✓' : '✗';
    this.out(
      `twinpath ${mark} ${sweepLabel(check.kernel, check.backend)}: ${verdictText(verdict)} in test '${t.name}'`,
    );
  }

  /** A sweep whose worker the watchdog killed: a `timeout` failure naming it, reported once. */
  private reportKilled(name: string): void {
    const k = this.killed.get(name)!;
    if (k.reported) return;
    k.reported = true;
    this.totals.failed++;
    const verdict = { status: 'fail', outcome: 'timeout', reason: k.reason } as const;
    const row: SummaryRow = { kernel: k.kernel, backend: k.backend, verdict, error: k.reason, ms: k.ms };
    this.report.addSweep(row, { ...this.totals });
    this.out(`twinpath ✗ ${sweepLabel(k.kernel, k.backend)}: ${verdictText(verdict)} ${this.progress()}`);
  }

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    errors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    clearInterval(this.ticker);
    this.progressLine.clear();
    for (const name of this.killed.keys()) this.reportKilled(name);
    // Errors outside any test (a worker that died, a write that failed): shown, never lost; the pool's word for a
    // worker the watchdog killed is already said by that sweep's timeout.
    const killedWorker = (m: string) => this.killed.size > 0 && /^\[vitest-pool\]: Worker .*(error|exited)/.test(m);
    for (const e of errors) {
      const message = (e.message ?? String(e)).split('\n')[0]!;
      if (!killedWorker(message)) this.out(`twinpath: error outside the sweeps: ${message}`);
    }
    // Counted again from the modules: a file that failed to load (or whose hooks threw) counts as one failure.
    const count: Tally = { passed: 0, failed: 0, skipped: 0 };
    for (const m of modules) {
      for (const t of m.children.allTests())
        if (this.killed.has(t.name)) count.failed++;
        else tally(count, t, this.selected);
      if (m.errors().length) count.failed++;
    }
    const rows = this.report.sweeps;
    if (reason === 'interrupted') this.report.interrupt('vitest: run interrupted');
    const index = this.report.finish(count);
    if (rows.length) {
      const ran = rows.filter((r) => r.sweep && reachedDevice(r.sweep.adapter));
      this.out('');
      if (!ran.length) this.out('adapter: none reached');
      // Per backend swept, labelled as its sweeps are (`adapter: …`, `adapter [cpp]: …`): its device, and how its
      // kernel time was taken (from a sweep that ran cases).
      for (const backend of new Set(ran.map((r) => r.sweep!.backend))) {
        const of = ran.filter((r) => r.sweep!.backend === backend);
        const s = (of.find((r) => r.sweep!.runs > 0) ?? of[0]!).sweep!;
        this.out(`${sweepLabel('adapter', backend)}: ${adapterLine(s.adapter)}`);
        this.out(`${sweepLabel('GPU/case', backend)}: ${s.timing.source}`);
      }
      for (const line of unavailableBackends(rows)) this.out(line);
      this.out(renderSummaryTable(rows));
      const { profile } = this.report.snapshot();
      if (profile) this.out(renderProfileTable(rows, profile));
      this.out(`twinpath: ${runStatusLine(this.report.snapshot())}`);
      const dir = this.report.dir;
      this.out(`results: ${dir}/results.json, ${dir}/junit.xml; report: ${index}`);
      for (const line of staleExpectations(
        this.expectations,
        rows.map((r) => r.kernel),
      ))
        this.out(`${expectationsPath()}: ${line}`);
    }
    for (const line of failedTestLines(modules, this.root)) this.out(line);
    this.out(`twinpath: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
    this.markIncomplete();
  }

  /** A report folder that failed mid-run: said after the summary (which holds every sweep), and exit 3. */
  private markIncomplete(): void {
    const fault = this.report.incomplete;
    if (!fault) return;
    this.out(
      `${fault}\ntwinpath: the report in ${this.report.dir} is incomplete: it holds the sweeps written before that failure; the summary above holds them all (exit ${REPORT_INCOMPLETE_EXIT})`,
    );
    process.exitCode = REPORT_INCOMPLETE_EXIT;
    process.once('exit', () => (process.exitCode = REPORT_INCOMPLETE_EXIT));
  }
}
