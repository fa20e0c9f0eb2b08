/**
 * A bench run: every kernel at every size on every backend it implements, a row each (bench-row.ts) printed as it
 * is measured (table.ts), compared with the baseline's row when one is given (compare/baseline.ts); what the
 * command's exit code needs: the errors and the regressions beyond the gate.
 */
import { kernelBackends, type BackendName } from '../backends/registry.ts';
import type { Kernel } from '../core/kernel/kernel.ts';
import { benchRow, Floors, type BenchRow } from './bench-row.ts';
import { compareRow, comparisonText, isRegression } from './compare/baseline.ts';
import type { ClassifyOptions } from './compare/classify.ts';
import { LEGEND, rowLines, tableHead } from './table.ts';
import type { StopCriterion } from './timing/measure.ts';

/** What a run is asked. */
export interface BenchOptions {
  readonly sizes: readonly string[];
  readonly stop: StopCriterion;
  readonly baseline?: readonly BenchRow[];
  /** How rows are classified against the baseline's. */
  readonly classify: ClassifyOptions;
  /** Count a SLOWER row beyond this percentage as a regression. */
  readonly failOnRegression?: number;
}

/** The rows, and how many were errors, unsupported, and regressions beyond the gate. */
export interface BenchOutcome {
  readonly rows: readonly BenchRow[];
  readonly errors: number;
  readonly unsupported: number;
  readonly regressions: number;
}

/** Benches `kernels` on `backends`, writing the table to `write` row by row. */
export async function runBench(
  kernels: readonly Kernel<unknown>[],
  backends: readonly BackendName[],
  options: BenchOptions,
  write: (text: string) => void,
): Promise<BenchOutcome> {
  const { baseline } = options;
  const floors = new Floors(options.stop);
  write(LEGEND);
  write(tableHead(baseline !== undefined));
  const rows: BenchRow[] = [];
  let regressions = 0;
  for (const k of kernels)
    for (const size of options.sizes)
      for (const backend of backends.filter((b) => kernelBackends(k).includes(b))) {
        const r = await benchRow(k, size, backend, { stop: options.stop, floors });
        rows.push(r);
        const c = baseline && compareRow(r, baseline, options.classify);
        if (c && options.failOnRegression !== undefined && isRegression(c, options.failOnRegression)) regressions++;
        write(rowLines(r, c && comparisonText(c)));
      }
  return {
    rows,
    errors: rows.filter((r) => r.error).length,
    unsupported: rows.filter((r) => r.unsupported).length,
    regressions,
  };
}

/**
 * The run's last line: `twinpath bench: 6 rows: 4 timed, 1 unsupported, 1 error; 1 SLOWER by more than 10%`.
 */
export function benchSummary(o: BenchOutcome, failOnRegression?: number): string {
  const timed = o.rows.length - o.errors - o.unsupported;
  const gate = failOnRegression === undefined ? '' : `; ${o.regressions} SLOWER by more than ${failOnRegression}%`;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `twinpath bench: ${plural(o.rows.length, 'row')}: ${timed} timed, ${o.unsupported} unsupported, ${plural(o.errors, 'error')}${gate}\n`;
}
