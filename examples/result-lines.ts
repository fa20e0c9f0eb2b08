/**
 * A vitest reporter printing one line per kernel sweep: its verdict, cases,
 * worst error per output against the tolerance and where each guarded
 * binding's guard band lay — from the sweep result twinpath's parityTest
 * leaves on the test.
 */
import type { SweepResult } from 'twinpath';
import type { Reporter, TestCase } from 'vitest/node';

function line(name: string, r: SweepResult, state: string): string {
  if (r.unsupported) return `${name}: UNSUPPORTED (not a pass) — ${r.unsupported.reason}`;
  const worst = r.worst.map((w) => `${w.output} ${w.error} ${w.unit} (tol ${w.tolerance})`).join(', ');
  const guards = Object.entries(r.protection ?? {})
    .map(([v, p]) => `${v} ${p}`)
    .join(', ');
  return `${name}: ${state === 'passed' ? 'pass' : 'FAIL'}, ${r.runs} cases; worst ${worst || '-'}; guard bands: ${guards || '-'}`;
}

export default class ResultLines implements Reporter {
  private readonly lines: string[] = [];
  private readonly totals = { passed: 0, failed: 0, skipped: 0 };

  onTestCaseResult(t: TestCase): void {
    const r = t.meta().twinpath as SweepResult | undefined;
    const state = t.result().state;
    this.totals[state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped']++;
    if (r) this.lines.push(line(r.kernel, r, state));
  }

  /** The lines, then the count line CI sums (`twinpath: N passed, N failed, N skipped`; unsupported sweeps are skipped). */
  onTestRunEnd(): void {
    const { passed, failed, skipped } = this.totals;
    process.stdout.write(
      `\n${this.lines.sort().join('\n')}\ntwinpath: ${passed} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}
