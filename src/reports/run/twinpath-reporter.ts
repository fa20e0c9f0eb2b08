/**
 * The vitest reporter of every twinpath run (main job and `npm test`). It runs
 * in vitest's main process while the sweeps run in forked workers, and it is
 * the report's one writer: it checks the run's inputs and takes the report
 * folder when the run starts, writes each sweep's record (and the whole
 * report) as each sweep's result arrives, marks the run interrupted on SIGINT
 * or SIGTERM, and at the end prints the adapter, the summary table, the run's
 * status, where the results are kept, and a `N passed, N failed, N skipped`
 * line counting every test of the run.
 * Each native backend's device is named beside the adapter; the summary has a
 * row per kernel and backend.
 */
import { constants } from 'node:os';
import type { Reporter, TestCase, TestModule, TestRunEndReason, TestSpecification } from 'vitest/node';
import { adapterLine, reachedDevice } from '../../model/device.ts';
import { checkRunInputs } from '../../core/sweep/run-inputs.ts';
import { errorVerdict, notRun, passesGate, verdictText } from '../../core/gate/verdict.ts';
import { INPUT_ERROR_EXIT, isInputError } from '../../core/settings/input-error.ts';
import { sweepLabel } from '../../core/kernel/sweep-label.ts';
import { sweepOfTestName } from '../../core/kernel/sweep-name.ts';
import { expectationsPath, staleExpectations, type Expectation } from '../../core/gate/expectations.ts';
import { terminalSafe } from '../../core/settings/terminal-text.ts';
import { runStatusLine, type Totals } from './results-json.ts';
import { RunReport } from './run-report.ts';
import { renderSummaryTable, type SummaryRow } from './summary-table.ts';

type Tally = { -readonly [K in keyof Totals]: number };

/** Counts a test by its state: passed, failed, or skipped (skipped, todo, pending alike). */
function tally(t: Tally, state: string): void {
  if (state === 'passed') t.passed++;
  else if (state === 'failed') t.failed++;
  else t.skipped++;
}

export default class TwinpathReporter implements Reporter {
  private report!: RunReport;
  private expectations: readonly Expectation[] = [];
  private readonly totals: Tally = { passed: 0, failed: 0, skipped: 0 };
  private files = 0;
  private filesDone = 0;

  /** printFailures: print each failed sweep's text (shrunk case, diagnostics, replay line), for runs with no other reporter. */
  constructor(private readonly options: { readonly printFailures?: boolean } = {}) {}

  /** Case text reaches the terminal with its control characters shown, never acted on. */
  private out(line: string): void {
    process.stdout.write(`${terminalSafe(line)}\n`);
  }

  /**
   * Before any test: the inputs checked and the folder taken. Bad input or a folder in use ends
   * the process here, before any case, with exit 2 and the message (vitest would only log it).
   */
  onInit(): void {
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
  }

  /** SIGINT and SIGTERM finish writing, mark the run interrupted and exit 128 + the signal's number. */
  private catchSignals(): void {
    let stopping = false;
    // `on`, not `once`: a second signal (a terminal's process group and a wrapper forwarding it) must not kill
    // the process while the first one's report is being written.
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      this.report.interrupt(signal);
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
  }

  onTestModuleEnd(): void {
    this.filesDone++;
  }

  private progress(): string {
    return `[files ${this.filesDone}/${this.files}]`;
  }

  onTestCaseReady(t: TestCase): void {
    const id = sweepOfTestName(t.name);
    if (id && t.options.mode === 'run')
      this.out(`twinpath ▸ ${sweepLabel(id.kernel, id.backend)} … ${this.progress()}`);
  }

  onTestCaseResult(t: TestCase): void {
    const state = t.result().state;
    tally(this.totals, state);
    const id = sweepOfTestName(t.name);
    const meta = t.meta();
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
    this.out(
      `twinpath ${mark} ${sweepLabel(id.kernel, id.backend)}: ${verdictText(verdict)}, ` +
        `${sweep ? `${sweep.runs} cases, ` : ''}${(ms / 1000).toFixed(1)} s ${this.progress()}`,
    );
    const message = t.result().errors?.[0]?.message;
    if (this.options.printFailures && !passesGate(verdict) && message) this.out(message.replace(/^/gm, '  '));
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): void {
    // Counted again from the modules: a file that failed to load has no test, and counts as one failure.
    const count: Tally = { passed: 0, failed: 0, skipped: 0 };
    for (const m of modules) {
      for (const t of m.children.allTests()) tally(count, t.result().state);
      if (m.state() === 'failed' && !m.children.size) count.failed++;
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
      this.out(renderSummaryTable(rows));
      this.out(`twinpath: ${runStatusLine(this.report.snapshot())}`);
      const dir = this.report.dir;
      this.out(`results: ${dir}/results.json, ${dir}/junit.xml; report: ${index}`);
      for (const line of staleExpectations(
        this.expectations,
        rows.map((r) => r.kernel),
      ))
        this.out(`${expectationsPath()}: ${line}`);
    }
    this.out(`twinpath: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  }
}
