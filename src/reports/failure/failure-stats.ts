/**
 * The numbers a failure's page shows beyond the comparison: per level and
 * channel, refused counts, RMSE and bias; histograms of |error| / tolerance;
 * the refused values, each listed once; and hints that only appear where
 * they can apply (a border hint needs an interior, a pitch hint two rows).
 */
import { decodeElement, hexElement, type ElementKind } from './element-kinds.ts';
import { renderNumber } from '../../model/compare/compare.ts';
import type { ElementInput, ImageLevelInput, Judgement } from './failure-input.ts';

/** Counts of |error| / tolerance per bin, the bins' upper edges being HISTOGRAM_EDGES (the last bin open). */
export type Histogram = readonly number[];

/** A value the policy refused, located in its output's own coordinates. */
export interface RefusedValue {
  /** Mip level of an image output. */
  readonly level?: number;
  /** `(x, y, channel)` of an image, the shape's coordinates of a buffer (its last axis the channel), or `[index]`. */
  readonly at: readonly number[];
  /** Where the output names its channels. */
  readonly channel?: string;
  readonly expectedHex: string;
  readonly actualHex: string;
  readonly expectedValue: number;
  readonly actualValue: number;
  /** Signed, in the judgement's unit. */
  readonly error: number;
  /** The policy's note (tie-aware policies say how close the exact value was to a boundary). */
  readonly note?: string;
}

/** Upper edges of the histogram's bins of |error| / tolerance; the last bin is open. */
export const HISTOGRAM_EDGES = [0.25, 0.5, 1, 2, 4];

export interface ChannelLevelStats {
  readonly channel: string;
  readonly mismatches: number;
  readonly maxAbs: number;
  readonly meanAbs: number;
  readonly rmse: number;
  /** Mean signed error. */
  readonly bias: number;
}

export interface LevelStats {
  readonly level: number;
  readonly width: number;
  readonly height: number;
  readonly refusedTexels: number;
  /** Of the compared (not don't-care) texels. */
  readonly refusedPercent: number;
  readonly channelStats: readonly ChannelLevelStats[];
  /** Texels by their largest |error| / tolerance. */
  readonly histogram: Histogram;
  /** The smallest rectangle holding every refused texel. */
  readonly bbox?: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
  /** Hints that apply to this level, e.g. `every refused texel is on the border (addressing?)`. */
  readonly hints: readonly string[];
}

/** |error| / tolerance (|error| itself under an exact policy). */
export const errorRatio = (error: number, tolerance: number) => Math.abs(error) / (tolerance || 1);

function bin(ratio: number): number {
  const b = HISTOGRAM_EDGES.findIndex((e) => ratio < e);
  return b === -1 ? HISTOGRAM_EDGES.length : b;
}

/** Histogram of every compared element's |error| / tolerance. */
export function elementHistogram(e: ElementInput, tolerance: number): Histogram {
  const h = new Array<number>(HISTOGRAM_EDGES.length + 1).fill(0);
  for (let i = 0; i < e.errors.length; i++) if (!e.dontCare?.[i]) h[bin(errorRatio(e.errors[i]!, tolerance))]!++;
  return h;
}

/** A texel all of whose channels are don't-care. */
export function dontCareTexel(l: ElementInput, texel: number, channels: number): boolean {
  if (!l.dontCare) return false;
  for (let c = 0; c < channels; c++) if (!l.dontCare[texel * channels + c]) return false;
  return true;
}

/**
 * Stats of one image level. Hints: `every refused texel is on the border
 * (addressing?)` only for two refused texels or more on a level with an
 * interior (at least 3x3), and `refused texels only at row ends, in several
 * rows (pitch?)` only where refused texels sit in two rows or more of a level
 * two columns wide or more.
 */
export function levelStats(l: ImageLevelInput, channels: readonly string[], tolerance: number): LevelStats {
  const n = l.width * l.height;
  const ch = channels.length;
  const acc = channels.map(() => ({ mismatches: 0, maxAbs: 0, sumAbs: 0, sq: 0, sum: 0, count: 0 }));
  const histogram = new Array<number>(HISTOGRAM_EDGES.length + 1).fill(0);
  let refused = 0;
  let compared = 0;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  let borderOnly = true;
  let rowEndsOnly = true;
  const rows = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (dontCareTexel(l, i, ch)) continue;
    compared++;
    let ratio = 0;
    let texelRefused = false;
    for (let c = 0; c < ch; c++) {
      const k = i * ch + c;
      if (l.dontCare?.[k]) continue;
      const err = l.errors[k]!;
      const a = acc[c]!;
      a.count++;
      a.sumAbs += Math.abs(err);
      a.sq += err * err;
      a.sum += err;
      a.maxAbs = Math.max(a.maxAbs, Math.abs(err));
      if (l.refused[k]) {
        a.mismatches++;
        texelRefused = true;
      }
      ratio = Math.max(ratio, errorRatio(err, tolerance));
    }
    histogram[bin(ratio)]!++;
    if (!texelRefused) continue;
    refused++;
    const x = i % l.width;
    const y = Math.floor(i / l.width);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    rows.add(y);
    if (x > 0 && y > 0 && x < l.width - 1 && y < l.height - 1) borderOnly = false;
    if (x !== l.width - 1) rowEndsOnly = false;
  }
  const hints = [
    refused >= 2 && borderOnly && l.width >= 3 && l.height >= 3
      ? 'every refused texel is on the border (addressing?)'
      : '',
    rows.size >= 2 && rowEndsOnly && l.width >= 2 ? 'refused texels only at row ends, in several rows (pitch?)' : '',
  ].filter(Boolean);
  return {
    level: l.level,
    width: l.width,
    height: l.height,
    refusedTexels: refused,
    refusedPercent: compared ? (100 * refused) / compared : 0,
    channelStats: channels.map((channel, c) => {
      const a = acc[c]!;
      const k = a.count || 1;
      return {
        channel,
        mismatches: a.mismatches,
        maxAbs: a.maxAbs,
        meanAbs: a.sumAbs / k,
        rmse: Math.sqrt(a.sq / k),
        bias: a.sum / k,
      };
    }),
    histogram,
    ...(refused ? { bbox: { x0, y0, x1, y1 } } : {}),
    hints,
  };
}

/** One element, located by the caller. */
export interface ElementAt {
  readonly index: number;
  readonly level?: number;
  readonly at: readonly number[];
  readonly channel?: string;
  readonly note?: string;
}

/**
 * Why a value was refused, where its policy gave no note of its own: `+5 ULP is over the 3 ULP ulp(3) allows`,
 * `exact accepts no difference`, `NaN against a number: ulp(3) takes NaN as equal to NaN only`.
 */
export function refusalReason(error: number, j: Judgement): string {
  if (!Number.isFinite(error)) return `NaN against a number: ${j.policy} takes NaN as equal to NaN only`;
  if (j.tolerance === 0) return `${j.policy} accepts no difference`;
  const over = `${error > 0 ? '+' : ''}${renderNumber(error)} ${j.unit}`;
  return `${over} is over the ${renderNumber(j.tolerance)} ${j.unit} ${j.policy} allows`;
}

/**
 * The refused values of some element sets, each once: the `n` worst by
 * |error| (ties in storage order), then the first `n` in storage order that
 * are not among them. Each has a note saying why it was refused: its policy's (a tie's distance, a relative
 * bound), else refusalReason's.
 */
export function refusedValues(
  sets: ReadonlyArray<{ readonly e: ElementInput; readonly locate: (index: number) => ElementAt }>,
  kind: ElementKind,
  judgement: Judgement,
  n = 8,
): { worst: RefusedValue[]; first: RefusedValue[] } {
  const all: Array<{ set: number; index: number; abs: number }> = [];
  sets.forEach(({ e }, set) => {
    for (let i = 0; i < e.refused.length; i++)
      if (e.refused[i] && !e.dontCare?.[i]) all.push({ set, index: i, abs: Math.abs(e.errors[i]!) });
  });
  const worst = [...all].sort((a, b) => b.abs - a.abs).slice(0, n);
  const taken = new Set(worst);
  const first = all.filter((v) => !taken.has(v)).slice(0, n);
  const value = ({ set, index }: { set: number; index: number }): RefusedValue => {
    const { e, locate } = sets[set]!;
    const where = locate(index);
    const [ec, ac] = [e.expected[index]!, e.actual[index]!];
    const error = e.errors[index]!;
    return {
      ...(where.level === undefined ? {} : { level: where.level }),
      at: where.at,
      ...(where.channel === undefined ? {} : { channel: where.channel }),
      expectedHex: hexElement(kind, ec),
      actualHex: hexElement(kind, ac),
      expectedValue: decodeElement(kind, ec),
      actualValue: decodeElement(kind, ac),
      error,
      note: where.note ?? e.notes?.get(index) ?? refusalReason(error, judgement),
    };
  };
  return { worst: worst.map(value), first: first.map(value) };
}

/** Flat indices of the `n` elements with the largest |error| (refused or not), worst first. */
export function worstIndices(e: ElementInput, n = 8): number[] {
  const idx: number[] = [];
  for (let i = 0; i < e.errors.length; i++) if (!e.dontCare?.[i] && e.errors[i] !== 0) idx.push(i);
  return idx.sort((a, b) => Math.abs(e.errors[b]!) - Math.abs(e.errors[a]!) || a - b).slice(0, n);
}
