/**
 * The vitest reporter of every twinpath run (main job and `npm test`):
 * progress per sweep while it runs, then the adapter (and each native
 * backend's device), the summary table (a sweep per kernel and backend),
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
    const sweep = t.meta().twinpath;
    if (m && sweep?.unavailable) {
      this.rows.push({ kernel: m[1]!, sweep, ...(t.meta().twinpathVerdict ? { verdict: t.meta().twinpathVerdict! } : {}), ms: 0 });
      this.out(`twinpath – ${m[1]}: unavailable (${sweep.unavailable.split(' — ')[0]}) ${this.progress()}`);
      return;
    }
    if (!m || t.result().state === 'skipped') return;
    const verdict = t.meta().twinpathVerdict;
    const ms = t.diagnostic()?.duration ?? 0;
    const error = t.result().errors?.[0]?.message.split('\n')[0];
    this.rows.push({ kernel: m[1]!, ...(sweep ? { sweep } : {}), ...(verdict ? { verdict } : {}), ...(!sweep && error ? { error } : {}), ms });
    const mark = verdict?.status === 'pass' || verdict?.status === 'expected-fail' ? '✓' : '✗';
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
      const ran = this.rows.filter((r) => r.sweep && !r.sweep.unavailable);
      const adapter = ran.find((r) => r.sweep!.backend === 'wgsl')?.sweep?.adapter;
      this.out('');
      if (adapter || !ran.length) this.out(`adapter: ${adapter ? adapterLine(adapter) : 'none reached'}`);
      for (const backend of new Set(ran.map((r) => r.sweep!.backend))) {
        const s = ran.find((r) => r.sweep!.backend === backend)!.sweep!;
        if (backend !== 'wgsl') this.out(`${backend}: ${adapterLine(s.adapter)}`);
        this.out(`GPU/case${backend === 'wgsl' ? '' : ` [${backend}]`}: ${s.timing.source}`);
      }
      this.out(renderSummaryTable(this.rows));
      const dir = runConfig().reportDir;
      const index = writeReport(dir, { date: new Date().toISOString(), ...(adapter ? { adapter } : {}), totals, sweeps: this.rows });
      this.out(`results: ${dir}/results.json, ${dir}/junit.xml; report: ${index}`);
      for (const line of staleExpectations(loadExpectations(), this.rows.map((r) => r.sweep?.kernel ?? r.kernel))) this.out(`${expectationsPath()}: ${line}`);
    }
    const unavailable = this.rows.filter((r) => r.sweep?.unavailable);
    if (unavailable.length) this.out(`twinpath: ${unavailable.length} sweep(s) unavailable, counted apart (not passes): ${unavailable.map((r) => r.kernel).join(', ')}`);
    this.out(`twinpath: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  }
}
