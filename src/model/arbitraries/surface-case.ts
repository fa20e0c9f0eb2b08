/**
 * A surface case: everything that makes a test surface, compact enough to
 * print in one line and replay exactly. Materialized into a Surface once per
 * case object (the oracle and the GPU share it). Also the surface of a
 * `twinpath bench` frame.
 */
import fc from 'fast-check';
import { ALL_FORMATS, bytesPerPixel, formatName, type PixelFormat } from '../surface/format.ts';
import { MAX_MIP } from '../surface/mip.ts';
import { createSurface, type Surface } from '../surface/surface.ts';
import { textureDesc, type TextureDesc } from '../surface/desc.ts';
import { caseMemo } from './case-memo.ts';
import { contentArb, describeContent, fillContent, type ContentSpec } from './contents.ts';
import { describePitch, pitchArb, resolvePitch, type PitchSpec } from './pitch.ts';
import { sideArb } from './sizes.ts';

export interface SurfaceCase {
  readonly width: number;
  readonly height: number;
  readonly format: PixelFormat;
  readonly pitch: PitchSpec;
  /** Requested mip levels (0 or 1 = no chain). */
  readonly levels: number;
  readonly content: ContentSpec;
}

export interface SurfaceCaseOptions {
  /** Largest side (default 64). */
  readonly maxSide?: number;
  readonly formats?: readonly PixelFormat[];
  /** Level counts to sweep (default 0..MAX_MIP). */
  readonly levels?: { readonly min: number; readonly max: number };
  /** Sweep pitches (default true); false keeps rows tight. */
  readonly pitches?: boolean;
}

type Field = keyof SurfaceCase;
const FIELDS: readonly Field[] = ['width', 'height', 'format', 'pitch', 'levels', 'content'];
type Contexts = Partial<Record<Field, unknown>>;

/**
 * Surface cases whose fields shrink one at a time, plus one joint step: a
 * level fewer with both sides halved — the same chain from its level 1 on.
 * Field-by-field shrinking alone stalls on bugs that show only at the last
 * level (1x6 with 3 levels passes as 1x3/3 levels and as 1x6/2 levels, and
 * fails as 1x3/2 levels).
 */
class SurfaceCaseArbitrary extends fc.Arbitrary<SurfaceCase> {
  constructor(
    private readonly fields: { readonly [F in Field]: fc.Arbitrary<SurfaceCase[F]> },
    private readonly minLevels: number,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<SurfaceCase> {
    const value: Record<string, unknown> = {};
    const contexts: Contexts = {};
    for (const f of FIELDS) {
      const v = this.fields[f].generate(mrng, biasFactor);
      value[f] = v.value;
      contexts[f] = v.context;
    }
    return new fc.Value(value as unknown as SurfaceCase, contexts);
  }

  canShrinkWithoutContext(_value: unknown): _value is SurfaceCase {
    return false;
  }

  shrink(value: SurfaceCase, context: unknown): fc.Stream<fc.Value<SurfaceCase>> {
    const contexts = (context ?? {}) as Contexts;
    const joint =
      value.levels > Math.max(this.minLevels, 1)
        ? [
            new fc.Value<SurfaceCase>(
              {
                ...value,
                levels: value.levels - 1,
                width: Math.max(1, value.width >> 1),
                height: Math.max(1, value.height >> 1),
              },
              { ...contexts, levels: undefined, width: undefined, height: undefined },
            ),
          ]
        : [];
    const single = (f: Field) =>
      this.fields[f]
        .shrink(value[f] as never, contexts[f])
        .map((v) => new fc.Value<SurfaceCase>({ ...value, [f]: v.value }, { ...contexts, [f]: v.context }));
    return FIELDS.reduce((stream, f) => stream.join(single(f)), fc.Stream.of(...joint));
  }
}

/** fast-check arbitrary of {@link SurfaceCase}s. */
export function surfaceCaseArb(o: SurfaceCaseOptions = {}): fc.Arbitrary<SurfaceCase> {
  const maxSide = o.maxSide ?? 64;
  const formats = o.formats ?? ALL_FORMATS;
  const minLevels = o.levels?.min ?? 0;
  return new SurfaceCaseArbitrary(
    {
      width: sideArb(maxSide),
      height: sideArb(maxSide),
      format: fc.constantFrom(...formats),
      pitch: o.pitches === false ? fc.constant<PitchSpec>({ kind: 'tight' }) : pitchArb(),
      levels: fc.integer({ min: minLevels, max: o.levels?.max ?? MAX_MIP }),
      content: contentArb(),
    },
    minLevels,
  );
}

/** The descriptor a case describes. */
export function descFromCase(c: SurfaceCase): TextureDesc {
  return textureDesc({
    width: c.width,
    height: c.height,
    format: c.format,
    pitchBytes: resolvePitch(c.pitch, c.width, bytesPerPixel(c.format.storage)),
    levels: c.levels,
  });
}

/** The surface a case describes: level 0 filled with its content, other levels zero. Built once per case object. */
export const surfaceFromCase = caseMemo((c: SurfaceCase): Surface => {
  const s = createSurface(descFromCase(c));
  fillContent(s, c.content);
  return s;
}, 'surfaceFromCase');

/** `3x1 Unorm8x4/Bgra pitch +4 bytes levels 2 random#12` */
export function describeSurfaceCase(c: SurfaceCase): string {
  return `${c.width}x${c.height} ${formatName(c.format)} pitch ${describePitch(c.pitch)} levels ${c.levels} ${describeContent(c.content)}`;
}

/**
 * The surface of a `twinpath bench` frame of `width` x `height`: random content (seed 1), Unorm8x4/Rgba with tight
 * rows and one level unless `o` says otherwise.
 */
export function benchSurfaceCase(
  width: number,
  height: number,
  o: { readonly format?: PixelFormat; readonly pitch?: PitchSpec; readonly levels?: number } = {},
): SurfaceCase {
  return {
    width,
    height,
    format: o.format ?? { storage: 'Unorm8x4', layout: 'Rgba' },
    pitch: o.pitch ?? { kind: 'tight' },
    levels: o.levels ?? 1,
    content: { kind: 'random', seed: 1 },
  };
}
