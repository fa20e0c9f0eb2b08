/**
 * VEKL's TextureView on a storage buffer: Load, SampleLinear and
 * SampleLinearTrilinear, every format and level count. UVs sit at exact
 * texel centres, within half a texel of each edge (where prgpu 0.1.4's
 * unsigned cast of a negative floor went wrong), or anywhere.
 */
import {
  fc,
  absRel,
  bitsFromF32,
  caseMemo,
  createSurface,
  defineKernel,
  describeSurfaceCase,
  descFromCase,
  fillContent,
  surfaceCaseArb,
  textureDesc,
  wgsl,
  writeCode,
  type SurfaceCase,
} from 'twinpath';
import { sampleView, type ViewRequest } from '../../oracles/texture-view.ts';

/** Where a UV lies, independent of the level's size (so it shrinks well). */
interface RequestSpec {
  readonly mode: 0 | 1 | 2;
  /** `where`: 0 = texel centre, 1..4 = within half a texel of the left/right/top/bottom edge, 5 = anywhere. */
  readonly where: number;
  /** Level; beyond the chain it is clamped, as the WGSL does. */
  readonly level: number;
  readonly a: number;
  readonly b: number;
}

interface ViewCase {
  readonly surface: SurfaceCase;
  readonly requests: readonly RequestSpec[];
}

const UNIT = 65536;

/** The sampled surface: every level filled (its own seed per level); named, so the judge threads build it. */
const surface = caseMemo((c: ViewCase) => {
  const s = createSurface(descFromCase(c.surface));
  const content = c.surface.content;
  for (const l of s.desc.levels)
    fillContent(s, 'seed' in content ? { ...content, seed: (content.seed + l.level) >>> 0 } : content, l.level);
  return s;
}, 'texture_view surface');

const requests = caseMemo((c: ViewCase): ViewRequest[] => {
  const levels = descFromCase(c.surface).levels;
  return c.requests.map((r) => {
    const lv = levels[Math.min(r.level, levels.length - 1)]!;
    if (r.mode === 0) return { mode: 'load', x: r.a % lv.width, y: r.b % lv.height, lod: r.level };
    const f = Math.fround;
    const centre = (k: number, n: number) => f((k % n) + 0.5) / n;
    const nearLow = (t: number, n: number) => f(((t / UNIT) * 0.5) / n);
    const random = (t: number) => f(t / UNIT);
    let u = r.where === 0 ? centre(r.a, lv.width) : random(r.a);
    let v = r.where === 0 ? centre(r.b, lv.height) : random(r.b);
    if (r.where === 1) u = nearLow(r.a, lv.width);
    if (r.where === 2) u = f(1 - nearLow(r.a, lv.width));
    if (r.where === 3) v = nearLow(r.b, lv.height);
    if (r.where === 4) v = f(1 - nearLow(r.b, lv.height));
    u = f(u);
    v = f(v);
    return r.mode === 1
      ? { mode: 'linear', u, v, lod: r.level }
      : { mode: 'trilinear', u, v, lodF: f((r.level * 4 + (r.a % 4)) / 4 - 0.5) };
  });
});

/** Results: one Float32x4 texel per request. */
const resultsDesc = (n: number) =>
  textureDesc({ width: n, height: 1, format: { storage: 'Float32x4', layout: 'Rgba' } });

function describeRequest(r: ViewRequest): string {
  if (r.mode === 'load') return `load(${r.x},${r.y}) lod ${r.lod}`;
  return `${r.mode} uv(${r.u},${r.v}) ${r.mode === 'linear' ? `lod ${r.lod}` : `lodF ${r.lodF}`}`;
}

export default defineKernel<ViewCase>({
  name: 'texture_view',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './texture-view.wgsl'),
  input: fc.record({
    surface: surfaceCaseArb({ maxSide: 300, levels: { min: 1, max: 5 } }),
    requests: fc.array(
      fc.record({
        mode: fc.constantFrom<0 | 1 | 2>(1, 2, 0),
        where: fc.integer({ min: 0, max: 5 }),
        level: fc.integer({ min: 0, max: 5 }),
        a: fc.integer({ min: 0, max: UNIT - 1 }),
        b: fc.integer({ min: 0, max: UNIT - 1 }),
      }),
      { minLength: 1, maxLength: 48 },
    ),
  }),
  describe: (c) => {
    const rs = requests(c);
    return `${describeSurfaceCase(c.surface)}; ${rs.length} requests: ${rs.slice(0, 3).map(describeRequest).join('; ')}${rs.length > 3 ? '; …' : ''}`;
  },
  cpu: (c) => {
    const s = surface(c);
    const rs = requests(c);
    const out = createSurface(resultsDesc(rs.length));
    rs.forEach((r, i) => sampleView(s, r).forEach((v, ch) => writeCode(out, i, 0, 0, ch, bitsFromF32(v))));
    return out;
  },
  gpu: (g, c) => {
    const rs = requests(c);
    const words = rs.flatMap((r) =>
      r.mode === 'load'
        ? [0, r.x, r.y, r.lod]
        : r.mode === 'linear'
          ? [1, bitsFromF32(r.u), bitsFromF32(r.v), r.lod]
          : [2, bitsFromF32(r.u), bitsFromF32(r.v), bitsFromF32(r.lodF)],
    );
    const out = g.output(resultsDesc(rs.length));
    g.dispatch(
      'texture_view',
      { pixels: g.surface(surface(c)), desc: g.desc(surface(c).desc), requests: g.storage(words), results: out },
      [rs.length],
    );
    return out;
  },
  // Each weight f = uv * size - 0.5 - floor may be 2 ULP(300) = 2^-14 off (docs/facts.md#precision: + - * round either way); through 3 mixes of values up to 4: <= 8 * 2^-14 = 2^-11, plus rounding.
  compare: absRel(2 ** -10, 0),
  runs: 300,
});
