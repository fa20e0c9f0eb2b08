/**
 * A saved bench (`--save`) as the baseline of a later one (`--baseline`): each row matched by kernel, size and
 * backend, its hot samples classified against the new row's (classify.ts), and the regression gate
 * (`--fail-on-regression PCT`).
 */
import type { BenchRow } from '../bench-row.ts';
import { classify, type ClassifyOptions, type Comparison } from './classify.ts';

/** What `--save` writes: the devices each backend ran on, when, and the rows with their samples. */
export interface SavedBench {
  readonly devices: Readonly<Record<string, unknown>>;
  readonly date: string;
  readonly rows: readonly BenchRow[];
}

/**
 * A saved bench's rows; throws on a file that is not one: `b.json: not a saved bench (no rows); make one with
 * twinpath bench --save`.
 */
export function baselineRows(text: string, file: string): readonly BenchRow[] {
  let saved: Partial<SavedBench> | undefined;
  try {
    saved = JSON.parse(text) as Partial<SavedBench>;
  } catch {
    saved = undefined;
  }
  if (!saved || !Array.isArray(saved.rows))
    throw new Error(`${file}: not a saved bench (no rows); make one with twinpath bench --save`);
  return saved.rows;
}

/**
 * The row's comparison with its baseline row, or why there is none: `no baseline row`, `no samples in the
 * baseline` (an error row, or a file saved before samples were kept).
 */
export function compareRow(
  row: BenchRow,
  baseline: readonly BenchRow[],
  options: ClassifyOptions,
): Comparison | { readonly none: string } {
  const before = baseline.find((b) => b.kernel === row.kernel && b.size === row.size && b.backend === row.backend);
  if (!before) return { none: 'no baseline row' };
  if (!before.hotSamples || before.hotSamples.length < 2) return { none: 'no samples in the baseline' };
  if (!row.hotSamples || row.hotSamples.length < 2) return { none: 'no samples' };
  return classify(before.hotSamples, row.hotSamples, options);
}

/** A comparison as the table shows it: `SLOWER 1.92x [1.85-2.01]`. */
export function comparisonText(c: Comparison | { readonly none: string }): string {
  if ('none' in c) return `- (${c.none})`;
  return `${c.verdict} ${c.ratio.toFixed(2)}x [${c.low.toFixed(2)}-${c.high.toFixed(2)}]`;
}

/** Whether a comparison is a regression beyond `pct` percent: SLOWER, and more than that much slower. */
export function isRegression(c: Comparison | { readonly none: string }, pct: number): boolean {
  return !('none' in c) && c.verdict === 'SLOWER' && c.ratio > 1 + pct / 100;
}
