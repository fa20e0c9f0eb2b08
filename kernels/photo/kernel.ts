/**
 * AgX-style photo stages (docs/facts.md#reference-systems) on Float32x4 and Unorm8x4 surfaces, in
 * AgX's order: one kernel per stage (so each has its own tolerance and worst
 * error) and the combined pipeline. Unorm stores round to nearest, judged
 * tie-aware against the oracle's exact (f64) values.
 */
import {
  benchSurfaceCase,
  fc,
  absRel,
  caseMemo,
  defineKernel,
  describeSurfaceCase,
  exact,
  f32,
  nativeWithLibrary,
  packStruct,
  perStorage,
  struct,
  surfaceCaseArb,
  surfaceFromCase,
  u32,
  ulp,
  unormNearTie,
  vec4,
  wgsl,
  type NativeContext,
  type Policy,
  type PixelFormat,
  type SurfaceCase,
} from 'twinpath';
import { photo, STAGE, type PhotoParams } from '../../oracles/photo.ts';

/** The uniform the WGSL reads, declared once (checked three ways in src/layout-check). */
export const PHOTO_PARAMS = struct('PhotoParams', {
  gains: vec4(f32),
  contrast: f32,
  vignetteAmount: f32,
  vignetteMidpoint: f32,
  vignetteFeather: f32,
  vignetteRoundness: f32,
  grainAmount: f32,
  grainSeed: u32,
  stages: u32,
});

export const PHOTO_WGSL = wgsl(import.meta.url, './photo.wgsl');
export const PHOTO_CUDA = nativeWithLibrary(import.meta.url, './photo.h', './photo.cu');
export const PHOTO_CPP = nativeWithLibrary(import.meta.url, './photo.h', './photo.cpp');

/** CUDA blocks of 16x16 threads, one per pixel, as the WGSL's workgroups. */
const PHOTO_BLOCK = 16;

const FORMATS: PixelFormat[] = [
  { storage: 'Float32x4', layout: 'Rgba' },
  { storage: 'Float32x4', layout: 'Bgra' },
  { storage: 'Unorm8x4', layout: 'Rgba' },
  { storage: 'Unorm8x4', layout: 'Bgra' },
];

interface PhotoCase {
  readonly surface: SurfaceCase;
  readonly params: PhotoParams;
}

/** Parameters as exact f32 values (k / 64 steps), in AgX-like ranges. */
const paramsArb = (stages: number, roundness?: number): fc.Arbitrary<PhotoParams> => {
  const step = (lo: number, hi: number) => fc.integer({ min: lo * 64, max: hi * 64 }).map((k) => k / 64);
  return fc
    .record({
      wb: fc.tuple(step(0.5, 2), step(0.5, 2), step(0.5, 2)),
      stops: step(-2, 2),
      contrast: step(0.5, 2),
      vignetteAmount: step(0, 1),
      vignetteMidpoint: step(0, 1.25),
      vignetteFeather: step(0.0625, 1),
      vignetteRoundness: roundness === undefined ? fc.constantFrom(0, 1) : fc.constant(roundness),
      grainAmount: step(0, 0.125),
      grainSeed: fc.nat(),
    })
    .map(({ wb, stops, ...p }) => ({
      ...p,
      stages,
      gains: wb.map((g) => Math.fround(g * 2 ** stops)) as unknown as readonly [number, number, number],
    }));
};

const source = caseMemo((c: PhotoCase) => surfaceFromCase(c.surface));

/** The native halves' arguments, in the entry points' order: source, result, TextureDesc, PhotoParams. */
function nativePhoto<C extends NativeContext>(n: C, c: PhotoCase) {
  const s = source(c);
  const out = n.output(s.desc);
  const p = c.params;
  return { out, args: [n.surface(s), out, n.desc(s.desc), n.struct(PHOTO_PARAMS, { ...p, gains: [...p.gains, 1] })] };
}

interface PhotoKernelOptions {
  readonly name: string;
  readonly stages: number;
  readonly compare: Policy | ((s: PixelFormat['storage']) => Policy);
  readonly formats?: PixelFormat[];
  /** Vignette shape: 0 elliptical, 1 circular; default either. */
  readonly roundness?: number;
  /** Give the kernel a 1080p-style bench input (`twinpath bench`). */
  readonly bench?: boolean;
}

function photoKernel(o: PhotoKernelOptions) {
  const { stages } = o;
  return defineKernel<PhotoCase>({
    name: o.name,
    module: import.meta.url,
    wgsl: PHOTO_WGSL,
    input: fc.record({
      surface: surfaceCaseArb({ maxSide: 96, levels: { min: 0, max: 1 }, formats: o.formats ?? FORMATS }),
      params: paramsArb(stages, o.roundness),
    }),
    describe: (c) => `${describeSurfaceCase(c.surface)} params ${JSON.stringify({ ...c.params, stages: undefined })}`,
    cpu: (c) => photo(source(c), c.params),
    gpu: (g, c) => {
      const s = source(c);
      const out = g.output(s.desc);
      const p = c.params;
      const params = packStruct(PHOTO_PARAMS, { ...p, gains: [...p.gains, 1] });
      g.dispatch(
        'photo',
        { source: g.surface(s), result: out, desc: g.desc(s.desc), params: g.uniform(new Uint32Array(params.buffer)) },
        [s.desc.width, s.desc.height],
      );
      return out;
    },
    cuda: {
      source: PHOTO_CUDA,
      structs: [PHOTO_PARAMS],
      run: (n, c) => {
        const { out, args } = nativePhoto(n, c);
        const blocks = (side: number) => Math.ceil(side / PHOTO_BLOCK);
        n.launch('photo', args, {
          grid: [blocks(out.desc.width), blocks(out.desc.height)],
          block: [PHOTO_BLOCK, PHOTO_BLOCK],
        });
        return out;
      },
    },
    cpp: {
      source: PHOTO_CPP,
      structs: [PHOTO_PARAMS],
      run: (n, c) => {
        const { out, args } = nativePhoto(n, c);
        n.call('photo', args);
        return out;
      },
    },
    compare: o.compare,
    runs: 200,
    ...(o.bench
      ? {
          bench: (width: number, height: number): PhotoCase => ({
            surface: benchSurfaceCase(width, height, { format: { storage: 'Float32x4', layout: 'Rgba' } }),
            params: {
              gains: [1.25, 1, 0.75],
              contrast: 1.25,
              vignetteAmount: 0.5,
              vignetteMidpoint: 0.5,
              vignetteFeather: 0.5,
              vignetteRoundness: 0,
              grainAmount: 0.03125,
              grainSeed: 1,
              stages,
            },
          }),
        }
      : {}),
  });
}

const tieAware = (eps: number, float: Policy) => perStorage({ Unorm8x4: unormNearTie(eps), Float32x4: float });

export const photoExposure = photoKernel({
  name: 'photo_exposure',
  stages: STAGE.exposure,
  // One f32 multiply may round either way (docs/facts.md#precision); unorm adds the decode division (2.5 ULP): <= 2^-21 in [0, 1].
  compare: tieAware(2 ** -20, ulp(1)),
});

export const photoSrgbEncode = photoKernel({
  name: 'photo_srgb_encode',
  stages: STAGE.srgbEncode,
  // pow = exp2(y log2 x): log2 3 ULP, exp2 3 + 2|x| ULP (docs/facts.md#precision) -> ~20 ULP, x1.4 through 1.055 p - 0.055 near the knee.
  compare: tieAware(2 ** -19, ulp(32)),
});

export const photoSrgbDecode = photoKernel({
  name: 'photo_srgb_decode',
  stages: STAGE.srgbDecode,
  // pow(x, 2.4): log2's 3 ULP x 2.4 through exp2 (~20 ULP) + exp2's own 3 + 2|x| (<= 24) + the division, x2.4 (docs/facts.md#precision).
  compare: tieAware(2 ** -18, ulp(64)),
});

export const photoContrast = photoKernel({
  name: 'photo_contrast',
  stages: STAGE.contrast,
  // Three f32 ops on values <= 4, each may round either way: <= 3 ULP(8) = 3 * 2^-21; near 0 only an absolute bound holds.
  compare: tieAware(2 ** -19, absRel(2 ** -19, 0)),
});

// length (~4.5 ULP) and the smoothstep division (2.5 ULP) scaled by its slope <= 1.5 / feather (<= 24): ~2^-15 in the factor, x values <= 4.
const vignettePolicy = tieAware(2 ** -14, absRel(2 ** -13, 0));

export const photoVignetteElliptic = photoKernel({
  name: 'photo_vignette_elliptic',
  stages: STAGE.vignette,
  compare: vignettePolicy,
  roundness: 0,
});

export const photoVignetteCircular = photoKernel({
  name: 'photo_vignette_circular',
  stages: STAGE.vignette,
  compare: vignettePolicy,
  roundness: 1,
});

export const photoGrainNoise = photoKernel({
  name: 'photo_grain_noise',
  stages: STAGE.noiseOnly,
  // The shared integer hash makes the noise itself exact (AgX has no grain test because its CPU and GPU streams differ).
  compare: exact(),
  formats: FORMATS.filter((f) => f.storage === 'Float32x4'),
});

export const photoGrain = photoKernel({
  name: 'photo_grain',
  stages: STAGE.grain,
  // Exact noise, then c + amount * n, maybe fused into an fma: <= 1/2 ULP(amount * n < 2^-4) + 1 ULP of the result, which cancellation can make tiny.
  compare: tieAware(2 ** -20, absRel(2 ** -28, 2 ** -22)),
});

export const photoPipeline = photoKernel({
  name: 'photo_pipeline',
  stages: STAGE.exposure | STAGE.srgbEncode | STAGE.contrast | STAGE.grain | STAGE.vignette | STAGE.srgbDecode,
  // The stages' bounds compounded: encode's 32 ULP x contrast <= 2, the vignette's 2^-15, decode's x2.4 + 64 ULP, on HDR values <= 16.
  compare: tieAware(2 ** -12, absRel(2 ** -10, 2 ** -14)),
  bench: true,
});

export const PHOTO_KERNELS = [
  photoExposure,
  photoSrgbEncode,
  photoSrgbDecode,
  photoContrast,
  photoVignetteElliptic,
  photoVignetteCircular,
  photoGrainNoise,
  photoGrain,
  photoPipeline,
];
