/**
 * The bench's table: a row per kernel, size and backend — hot and cold median times with their noise, the GB/s of
 * the cold time and its share of the device's peak and of the streaming floor, and, against a baseline, the
 * verdict with its ratio and interval. An error or unsupported row says why on the line below it, and a row whose
 * GB/s undercounts says so there.
 */
import { sweepLabel } from '../core/kernel/sweep-label.ts';
import type { BenchRow } from './bench-row.ts';

const WIDTHS = [26, 6, 8, 10, 7, 10, 7, 9, 8, 8];
const HEAD = ['kernel', 'size', 'backend', 'hot us', 'noise', 'cold us', 'noise', 'GB/s', 'of peak', 'of floor'];

/** The figures' legend, printed above the table. */
export const LEGEND =
  'hot: median of back-to-back batches; cold: median of single launches after a cache flush; noise: relative ' +
  'standard deviation (* where the time budget ran out first); GB/s: the bytes a case moves per cold time, as the ' +
  "kernel declares them (benchBytes; marked †) or else 2 x the output's bytes; " +
  'of floor: of stream_copy moving the same bytes, timed the same way\n';

/** One line of cells, the first three left-aligned. */
export function tableLine(cells: readonly string[]): string {
  return `${cells.map((x, i) => (i < 3 ? x.padEnd(WIDTHS[i]!) : x.padStart(WIDTHS[i] ?? 9))).join(' ')}\n`;
}

/** The header line, with a baseline column when comparing. */
export function tableHead(withBaseline: boolean): string {
  return tableLine([...HEAD, ...(withBaseline ? ['  vs baseline'] : [])]);
}

const pct = (v: number | undefined, of: number | undefined) =>
  v !== undefined && of !== undefined ? `${((100 * v) / of).toFixed(0)}%` : '-';
const noise = (n: number, budget: boolean) => `${(100 * n).toFixed(1)}%${budget ? '*' : ''}`;

/**
 * A row's lines: its figures (and `comparison`; GB/s marked † where the kernel declared its bytes), then its note
 * (`  note: GB/s counts the outputs only …`), its error, or why it is unsupported.
 */
export function rowLines(r: BenchRow, comparison?: string): string {
  const at = [sweepLabel(r.kernel, r.backend), r.size, r.backend];
  const extra = comparison === undefined ? [] : [`  ${comparison}`];
  if (!r.hot || !r.cold) {
    const what = r.unsupported ? 'unsupported' : 'error';
    return tableLine([...at, what, ...extra]) + `  ${r.unsupported ?? r.error}\n`;
  }
  const line = tableLine([
    ...at,
    r.hot.median.toFixed(1),
    noise(r.hot.noise, r.stop?.hot === 'budget'),
    r.cold.median.toFixed(1),
    noise(r.cold.noise, r.stop?.cold === 'budget'),
    r.gbPerS === undefined ? '-' : `${r.gbPerS.toFixed(1)}${r.bytesDeclared ? '†' : ''}`,
    pct(r.gbPerS, r.peakGbPerS),
    pct(r.gbPerS, r.floorGbPerS),
    ...extra,
  ]);
  const note = r.note ? `  note: ${r.note}\n` : '';
  return `${line}${note}${r.error ? `  error: ${r.error}\n` : ''}`;
}
