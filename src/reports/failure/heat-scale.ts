/**
 * The error heatmap's colour scale, decided once for the PNGs and the page:
 * inferno (perceptually ordered, readable in greyscale) over
 * |error| / tolerance from 0 to HEAT_RANGE, so the tolerance sits exactly at
 * the middle of the legend; larger ratios saturate at the top colour.
 */

/** The ratio |error| / tolerance at the top of the scale. */
export const HEAT_RANGE = 2;

/** Inferno sampled at 0, 1/8, ..., 1 (matplotlib's table), interpolated linearly between stops. */
const STOPS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 4],
  [31, 12, 72],
  [85, 15, 109],
  [136, 34, 106],
  [186, 54, 85],
  [227, 89, 51],
  [249, 140, 10],
  [249, 201, 50],
  [252, 255, 164],
];

/** 256 RGB triples, flat: entry i is the colour of ratio i / 255 * HEAT_RANGE. */
export const HEAT_LUT: readonly number[] = Array.from({ length: 256 }, (_, i) => {
  const t = (i / 255) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - k;
  return STOPS[k]!.map((v, c) => Math.round(v + (STOPS[k + 1]![c]! - v) * f));
}).flat();

/** The LUT entry of a ratio: `heatIndex(1) === 128`, the tolerance; `heatIndex(9) === 255`. */
export function heatIndex(ratio: number): number {
  return Math.min(255, Math.max(0, Math.round((ratio / HEAT_RANGE) * 255)));
}
