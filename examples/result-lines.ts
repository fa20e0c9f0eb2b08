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

  onTestCaseResult(t: TestCase): void {
    const r = t.meta().twinpath;
    const state = t.result().state;
    if (r) this.lines.push(line(r.kernel, r, state));
  }

  /** The lines, one per sweep, in name order (the twinpath reporter's count line follows). */
  onTestRunEnd(): void {
    process.stdout.write(`\n${this.lines.sort().join('\n')}\n`);
  }
}
