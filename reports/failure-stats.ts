/** The numbers a failure's page shows beyond the comparison record, per level. */
import { CHANNELS, type LevelErrorMap } from '../harness/index.ts';

export interface LevelStats {
  readonly level: number;
  readonly width: number;
  readonly height: number;
  readonly refusedTexels: number;
  readonly refusedPercent: number;
  /** Root mean square error per channel, in the policy's unit. */
  readonly rmse: Readonly<Record<string, number>>;
  /** Counts of |error| / tolerance in [0, 0.25), [0.25, 0.5), [0.5, 1), [1, 2), [2, 4), [4, inf). */
  readonly histogram: readonly number[];
  /** The smallest rectangle holding every refused texel. */
  readonly bbox?: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
  /** Refused texels on the level's border (addressing bugs show here). */
  readonly onBorder: boolean;
  /** Every refused texel in the last column (pitch and row-length bugs show here). */
  readonly rowEndsOnly: boolean;
}

export const HISTOGRAM_EDGES = [0.25, 0.5, 1, 2, 4];

/** Stats of one level's error map. */
export function levelStats(m: LevelErrorMap): LevelStats {
  const n = m.width * m.height;
  const sq = new Array<number>(m.channels).fill(0);
  const histogram = new Array<number>(HISTOGRAM_EDGES.length + 1).fill(0);
  let refused = 0;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  let onBorder = false;
  let rowEndsOnly = true;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m.channels; c++) sq[c] = sq[c]! + m.errors[i * m.channels + c]! ** 2;
    const r = m.ratio[i]!;
    const bin = HISTOGRAM_EDGES.findIndex((e) => r < e);
    histogram[bin === -1 ? HISTOGRAM_EDGES.length : bin]!++;
    if (!m.refused[i]) continue;
    refused++;
    const x = i % m.width;
    const y = Math.floor(i / m.width);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    if (x === 0 || y === 0 || x === m.width - 1 || y === m.height - 1) onBorder = true;
    if (x !== m.width - 1) rowEndsOnly = false;
  }
  return {
    level: m.level,
    width: m.width,
    height: m.height,
    refusedTexels: refused,
    refusedPercent: (100 * refused) / n,
    rmse: Object.fromEntries(sq.map((s, c) => [CHANNELS[c]!, Math.sqrt(s / n)])),
    histogram,
    ...(refused ? { bbox: { x0, y0, x1, y1 } } : {}),
    onBorder,
    rowEndsOnly: refused > 0 && rowEndsOnly && m.width > 1,
  };
}
