/**
 * Oracle of kernels/photo/photo.wgsl (AgX-style stages, docs/facts.md#reference-systems), line for
 * line. Each stage is written once over a rounding function: Math.fround for
 * the f32 result the GPU should produce, identity for the exact (f64) value
 * the tie-aware policy judges unorm outputs by.
 */
import {
  type ExactValues,
  unormMax,
  createSurface,
  type Surface,
  loadTexel,
  readCode,
  storeTexelRounded,
} from 'twinpath/oracle';

export const STAGE = {
  exposure: 1,
  srgbEncode: 2,
  contrast: 4,
  grain: 8,
  vignette: 16,
  srgbDecode: 32,
  noiseOnly: 64,
} as const;

export interface PhotoParams {
  readonly gains: readonly [number, number, number];
  readonly contrast: number;
  readonly vignetteAmount: number;
  readonly vignetteMidpoint: number;
  readonly vignetteFeather: number;
  readonly vignetteRoundness: number;
  readonly grainAmount: number;
  readonly grainSeed: number;
  readonly stages: number;
}

/** PCG hash, as the WGSL's `pcg`. */
export function pcg(v: number): number {
  const state = (Math.imul(v >>> 0, 747796405) + 2891336453) >>> 0;
  const word = Math.imul(((state >>> ((state >>> 28) + 4)) ^ state) >>> 0, 277803737) >>> 0;
  return ((word >>> 22) ^ word) >>> 0;
}

/** Grain noise in [-0.5, 0.5): exact in f32 (a 24-bit integer times 2^-24). */
export function grainNoise(x: number, y: number, seed: number): number {
  return (pcg((x + pcg((y + pcg(seed)) >>> 0)) >>> 0) >>> 8) / 16777216 - 0.5;
}

type Round = (x: number) => number;

function srgbEncode(l: number, r: Round): number {
  if (l <= 0.0031308) return r(12.92 * l);
  return r(r(1.055 * r(Math.pow(l, r(1 / 2.4)))) - 0.055);
}

function srgbDecode(c: number, r: Round): number {
  if (c <= 0.04045) return r(c / 12.92);
  return r(Math.pow(r(r(c + 0.055) / 1.055), 2.4));
}

function smoothstep(e0: number, e1: number, x: number, r: Round): number {
  const t = Math.min(Math.max(r(r(x - e0) / r(e1 - e0)), 0), 1);
  return r(r(t * t) * r(3 - r(2 * t)));
}

function vignetteFactor(x: number, y: number, w: number, h: number, p: PhotoParams, r: Round): number {
  const px = r(r(r(r(x + 0.5) / w) - 0.5) * 2);
  const py = r(r(r(r(y + 0.5) / h) - 0.5) * 2);
  const mixed = r(r(1 * r(1 - p.vignetteRoundness)) + r(r(w / h) * p.vignetteRoundness));
  const qx = r(px * mixed);
  const len = r(Math.sqrt(r(r(qx * qx) + r(py * py))));
  const v = smoothstep(p.vignetteMidpoint, r(p.vignetteMidpoint + p.vignetteFeather), len, r);
  return r(1 - r(p.vignetteAmount * v));
}

/** The stages in AgX's order, on one pixel's rgb. */
function photoPixel(
  rgb: readonly number[],
  x: number,
  y: number,
  w: number,
  h: number,
  p: PhotoParams,
  r: Round,
): number[] {
  let c = [...rgb];
  const s = p.stages;
  if (s & STAGE.exposure) c = c.map((v, i) => r(v * p.gains[i]!));
  if (s & STAGE.srgbEncode) c = c.map((v) => srgbEncode(v, r));
  if (s & STAGE.contrast) c = c.map((v) => r(r(r(v - 0.5) * p.contrast) + 0.5));
  if (s & STAGE.grain) {
    const n = grainNoise(x, y, p.grainSeed);
    c = c.map((v) => r(v + r(p.grainAmount * n)));
  }
  if (s & STAGE.noiseOnly) c = c.map(() => grainNoise(x, y, p.grainSeed));
  if (s & STAGE.vignette) {
    const k = vignetteFactor(x, y, w, h, p, r);
    c = c.map((v) => r(v * k));
  }
  if (s & STAGE.srgbDecode) c = c.map((v) => srgbDecode(v, r));
  return c;
}

/** The whole image: expected codes (f32 path, rounded store) and, for unorm, the exact values. */
export function photo(src: Surface, p: PhotoParams): { surface: Surface; exact?: ExactValues } {
  const out = createSurface(src.desc);
  const { width: w, height: h } = src.desc;
  const max = unormMax(src.desc.format.storage);
  const exact = max === undefined ? undefined : new Float64Array(w * h * 4);
  const id = (x: number) => x;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const c = loadTexel(src, x, y, 0);
      storeTexelRounded(out, x, y, 0, [...photoPixel(c.slice(0, 3), x, y, w, h, p, Math.fround), c[3]!]);
      if (exact) {
        const input = [0, 1, 2, 3].map((ch) => readCode(src, x, y, 0, ch) / max!);
        const e = photoPixel(input.slice(0, 3), x, y, w, h, p, id);
        [...e, input[3]!].forEach((v, ch) => (exact[(y * w + x) * 4 + ch] = Math.min(Math.max(v, 0), 1)));
      }
    }
  }
  return { surface: out, ...(exact ? { exact: { rounding: 'nearest', levels: [exact] } } : {}) };
}
