/**
 * Oracle of prgpu's mip_downsample and generate_mips (docs/facts.md#textures), mirroring
 * kernels/mip_downsample/mip-downsample.wgsl: one destination texel at a
 * time, an unweighted 2x2 box in f32, taps clamped to the source's last
 * row/column (odd sizes drop it), stores truncating.
 */
import {
  type ExactValues,
  unormMax,
  cloneSurface,
  type Surface,
  loadTexel,
  readCode,
  storeTexel,
} from 'twinpath/oracle';

const f = Math.fround;

/**
 * Writes level `srcLevel + 1` of `out` from level `srcLevel` of `from`
 * (the same surface, or the GPU's when judging a later pass on its actual
 * input). Returns the exact (f64) results in [0, 1] for unorm storage.
 */
export function mipDownsample(out: Surface, from: Surface, srcLevel: number): Float64Array | undefined {
  const src = out.desc.levels[srcLevel]!;
  const dst = out.desc.levels[srcLevel + 1]!;
  const max = unormMax(out.desc.format.storage);
  const exact = max === undefined ? undefined : new Float64Array(dst.width * dst.height * 4);
  const lastX = src.width - 1;
  const lastY = src.height - 1;
  for (let y = 0; y < dst.height; y++) {
    for (let x = 0; x < dst.width; x++) {
      const x0 = Math.min(2 * x, lastX);
      const x1 = Math.min(2 * x + 1, lastX);
      const y0 = Math.min(2 * y, lastY);
      const y1 = Math.min(2 * y + 1, lastY);
      const c00 = loadTexel(from, x0, y0, srcLevel);
      const c10 = loadTexel(from, x1, y0, srcLevel);
      const c01 = loadTexel(from, x0, y1, srcLevel);
      const c11 = loadTexel(from, x1, y1, srcLevel);
      storeTexel(
        out,
        x,
        y,
        srcLevel + 1,
        [0, 1, 2, 3].map((c) => f(f(f(f(c00[c]! + c10[c]!) + c01[c]!) + c11[c]!) * 0.25)),
      );
      if (exact) {
        for (let c = 0; c < 4; c++) {
          const sum =
            readCode(from, x0, y0, srcLevel, c) +
            readCode(from, x1, y0, srcLevel, c) +
            readCode(from, x0, y1, srcLevel, c) +
            readCode(from, x1, y1, srcLevel, c);
          exact[(y * dst.width + x) * 4 + c] = sum / 4 / max!;
        }
      }
    }
  }
  return exact;
}

/** One mip_downsample pass on a copy of `source`: level `srcLevel + 1` from level `srcLevel`. */
export function mipDownsamplePass(source: Surface, srcLevel: number): { surface: Surface; exact?: ExactValues } {
  const out = cloneSurface(source);
  const exact = mipDownsample(out, source, srcLevel);
  const levels = out.desc.levels.map((_, l) => (l === srcLevel + 1 ? exact : undefined));
  return { surface: out, ...(exact ? { exact: { rounding: 'truncate', levels } } : {}) };
}

/**
 * prgpu's generate_mips: levels 1..n-1 from level 0, one pass each. With
 * `gpu`, pass l reads level l from the GPU's output, so each pass is judged
 * on its actual input (a legitimate tie flip at level l then cannot fail
 * level l + 1); level 1 always reads the source.
 */
export function generateMips(source: Surface, gpu?: Surface): { surface: Surface; exact?: ExactValues } {
  const out = cloneSurface(source);
  const levels: Array<Float64Array | undefined> = [undefined];
  for (let l = 0; l + 1 < out.desc.levels.length; l++) {
    levels.push(mipDownsample(out, l > 0 && gpu ? gpu : out, l));
  }
  return {
    surface: out,
    ...(unormMax(out.desc.format.storage) !== undefined ? { exact: { rounding: 'truncate', levels } } : {}),
  };
}
