/**
 * Oracle of kernels/pyramid_blur/pyramid-blur.wgsl: a 3x3 binomial kernel of
 * trilinear taps `radius` pixels apart at lod log2(radius). Written once over
 * a rounding function (f32 for the expected codes, identity for the exact
 * value unorm outputs are judged by); level 0 is read from the source,
 * coarser levels from the chain it is given (the GPU's, when judging it).
 */
import {
  type ExactValues,
  unormMax,
  cloneSurface,
  type Surface,
  decodeCode,
  readCode,
  storeTexel,
} from 'twinpath/oracle';
import { mix, sampleBilinear, type TexelLoad } from './bilinear.ts';

type Round = (x: number) => number;
/** The exact values' rounding: none (f64). */
const exactly: Round = (v) => v;

function sampleLinear(chain: Surface, load: TexelLoad, u: number, v: number, l: number, r: Round): number[] {
  const { width, height } = chain.desc.levels[l]!;
  return sampleBilinear(load, l, width, height, u, v, r);
}

/** The blurred rgba at (x, y). */
function blurPixel(chain: Surface, load: TexelLoad, x: number, y: number, radius: number, r: Round): number[] {
  const { width, height } = chain.desc;
  const u = r(r(x + 0.5) / width);
  const v = r(r(y + 0.5) / height);
  const top = chain.desc.levels.length - 1;
  const lodF = Math.min(Math.max(r(Math.log2(Math.max(radius, 1))), 0), top);
  const lo = Math.floor(lodF);
  const hi = Math.min(lo + 1, top);
  const t = r(lodF - lo);
  const sum = [0, 0, 0, 0];
  for (let j = -1; j <= 1; j++) {
    for (let i = -1; i <= 1; i++) {
      const w = ((2 - Math.abs(i)) * (2 - Math.abs(j))) / 16;
      const au = r(u + r(r(i * radius) / width));
      const av = r(v + r(r(j * radius) / height));
      const a = sampleLinear(chain, load, au, av, lo, r);
      const b = sampleLinear(chain, load, au, av, hi, r);
      for (let c = 0; c < 4; c++) sum[c] = r(sum[c]! + r(w * mix(a[c]!, b[c]!, t, r)));
    }
  }
  return sum;
}

/**
 * The blurred image over level 0 of a copy of `chain` (whose levels 1..n-1
 * are the mip chain it was given), with exact values for unorm storage.
 */
export function pyramidBlur(
  source: Surface,
  chain: Surface,
  radius: number,
): { surface: Surface; exact?: ExactValues } {
  const out = cloneSurface(chain);
  const st = source.desc.format.storage;
  const max = unormMax(st);
  const load: TexelLoad = (x, y, l, c) =>
    l === 0 ? decodeCode(st, readCode(source, x, y, 0, c)) : decodeCode(st, readCode(chain, x, y, l, c));
  const exactLoad: TexelLoad = (x, y, l, c) => readCode(l === 0 ? source : chain, x, y, l, c) / max!;
  const { width, height } = source.desc;
  const exact = max === undefined ? undefined : new Float64Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      storeTexel(out, x, y, 0, blurPixel(chain, load, x, y, radius, Math.fround));
      if (exact) exact.set(blurPixel(chain, exactLoad, x, y, radius, exactly), (y * width + x) * 4);
    }
  }
  return { surface: out, ...(exact ? { exact: { rounding: 'truncate', levels: [exact] } } : {}) };
}
