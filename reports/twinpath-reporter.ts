/**
 * The vitest reporter of every twinpath run (main job and `npm test`):
 * progress per sweep while it runs, then the adapter, the summary table,
 * where the results are kept, and a `N passed, N failed, N skipped` line
 * counting every test of the run.
 */
import type { Reporter, TestCase, TestModule, TestSpecification } from 'vitest/node';
import { adapterLine, expectationsPath, loadExpectations, runConfig, staleExpectations } from '../harness/index.ts';
import { writeReport } from './write-report.ts';
import { renderSummaryTable, type SummaryRow } from './summary-table.ts';

const SWEEP = /^parity: (.+)$/;

export default class TwinpathReporter implements Reporter {
  private readonly rows: SummaryRow[] = [];
  private files = 0;
  private filesDone = 0;

  private out(line: string): void {
    process.stdout.write(`${line}\n`);
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.files = specifications.length;
  }

  onTestModuleEnd(): void {
    this.filesDone++;
  }

  private progress(): string {
    return `[files ${this.filesDone}/${this.files}]`;
  }

  onTestCaseReady(t: TestCase): void {
    const m = SWEEP.exec(t.name);
    if (m && t.options.mode === 'run') this.out(`twinpath ▸ ${m[1]} … ${this.progress()}`);
  }

  onTestCaseResult(t: TestCase): void {
    const m = SWEEP.exec(t.name);
    // A sweep skipped as unsupported (its adapter lacks a required feature) still has its record: counted apart, never passed.
    if (!m || (t.result().state === 'skipped' && !t.meta().twinpath)) return;
    const sweep = t.meta().twinpath;
    const verdict = t.meta().twinpathVerdict;
    const ms = t.diagnostic()?.duration ?? 0;
    const error = t.result().errors?.[0]?.message.split('\n')[0];
    this.rows.push({ kernel: m[1]!, ...(sweep ? { sweep } : {}), ...(verdict ? { verdict } : {}), ...(!sweep && error ? { error } : {}), ms });
    const mark = verdict?.status === 'pass' || verdict?.status === 'expected-fail' ? '✓' : verdict?.status === 'unsupported' ? '○' : '✗';
    this.out(`twinpath ${mark} ${m[1]}${verdict?.status === 'expected-fail' ? ` (expected failure: ${verdict.reason})` : ''}: ${sweep ? `${sweep.runs} cases` : error ?? ''}, ${(ms / 1000).toFixed(1)} s ${this.progress()}`);
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
