/**
 * The vitest reporter of every twinpath run (main job and `npm test`):
 * progress per sweep while it runs, then the adapter, the summary table,
 * where the results are kept, and a `N passed, N failed, N skipped` line
 * counting every test of the run.
 */
import type { Reporter, TestCase, TestModule, TestSpecification } from 'vitest/node';
import { adapterLine, expectationsPath, kernelOfTestName, loadExpectations, runConfig, staleExpectations } from '../harness/index.ts';
import { writeReport } from './write-report.ts';
import { renderSummaryTable, type SummaryRow } from './summary-table.ts';

export default class TwinpathReporter implements Reporter {
  private readonly rows: SummaryRow[] = [];

  /** printFailures: print each failed sweep's text (shrunk case, diagnostics, replay line), for runs with no other reporter. */
  constructor(private readonly options: { readonly printFailures?: boolean } = {}) {}

  private files = 0;
  private filesDone = 0;

  private out(line: string): void {
    process.stdout.write(`${line}\n`);
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    // Each run reports alone: `twinpath watch` starts several in one process.
    this.rows.length = 0;
    this.filesDone = 0;
    this.files = specifications.length;
  }

  onTestModuleEnd(): void {
    this.filesDone++;
  }

  private progress(): string {
    return `[files ${this.filesDone}/${this.files}]`;
  }

  onTestCaseReady(t: TestCase): void {
    const kernel = kernelOfTestName(t.name);
    if (kernel && t.options.mode === 'run') this.out(`twinpath ▸ ${kernel} … ${this.progress()}`);
  }

  onTestCaseResult(t: TestCase): void {
    const kernel = kernelOfTestName(t.name);
    if (!kernel || t.result().state === 'skipped') return;
    const sweep = t.meta().twinpath;
    const verdict = t.meta().twinpathVerdict;
    const ms = t.diagnostic()?.duration ?? 0;
    const error = t.result().errors?.[0]?.message.split('\n')[0];
    this.rows.push({ kernel, ...(sweep ? { sweep } : {}), ...(verdict ? { verdict } : {}), ...(!sweep && error ? { error } : {}), ms });
    const mark = verdict?.status === 'pass' || verdict?.status === 'expected-fail' ? '✓' : '✗';
    this.out(`twinpath ${mark} ${kernel}${verdict?.status === 'expected-fail' ? ` (expected failure: ${verdict.reason})` : ''}: ${sweep ? `${sweep.runs} cases` : error ?? ''}, ${(ms / 1000).toFixed(1)} s ${this.progress()}`);
    const message = t.result().errors?.[0]?.message;
    if (this.options.printFailures && mark === '✗' && message) this.out(message.replace(/^/gm, '  '));
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') totals.passed++;
        else if (s === 'failed') totals.failed++;
        else totals.skipped++;
      }
      if (m.state() === 'failed' && !m.children.size) totals.failed++;
    }
    if (this.rows.length) {
      const adapter = this.rows.find((r) => r.sweep)?.sweep?.adapter;
      this.out('');
      this.out(`adapter: ${adapter ? adapterLine(adapter) : 'none reached'}`);
      const source = this.rows.find((r) => r.sweep)?.sweep?.timing?.source;
      if (source) this.out(`GPU/case: ${source}`);
      this.out(renderSummaryTable(this.rows));
      const dir = runConfig().reportDir;
      const index = writeReport(dir, { date: new Date().toISOString(), ...(adapter ? { adapter } : {}), totals, sweeps: this.rows });
      this.out(`results: ${dir}/results.json, ${dir}/junit.xml; report: ${index}`);
      for (const line of staleExpectations(loadExpectations(), this.rows.map((r) => r.kernel))) this.out(`${expectationsPath()}: ${line}`);
    }
    this.out(`twinpath: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  }
}
