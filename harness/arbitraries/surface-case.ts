/**
 * A surface case: everything that makes a test surface, compact enough to
 * print in one line and replay exactly. Materialized into a Surface once per
 * case object (the oracle and the GPU share it).
 */
import fc from 'fast-check';
import { ALL_FORMATS, bytesPerPixel, formatName, type PixelFormat } from '../surface/format.ts';
import { MAX_MIP } from '../surface/mip.ts';
import { createSurface, type Surface } from '../surface/surface.ts';
import { textureDesc, type TextureDesc } from '../surface/desc.ts';
import { caseMemo } from '../case-memo.ts';
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

/** fast-check arbitrary of {@link SurfaceCase}s; every field shrinks independently. */
export function surfaceCaseArb(o: SurfaceCaseOptions = {}): fc.Arbitrary<SurfaceCase> {
  const maxSide = o.maxSide ?? 64;
  const formats = o.formats ?? ALL_FORMATS;
  return fc.record({
    width: sideArb(maxSide),
    height: sideArb(maxSide),
    format: fc.constantFrom(...formats),
    pitch: o.pitches === false ? fc.constant<PitchSpec>({ kind: 'tight' }) : pitchArb(),
    levels: fc.integer({ min: o.levels?.min ?? 0, max: o.levels?.max ?? MAX_MIP }),
    content: contentArb(),
  });
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
});

/** `3x1 Unorm8x4/Bgra pitch +4 bytes levels 2 random#12` */
export function describeSurfaceCase(c: SurfaceCase): string {
  return `${c.width}x${c.height} ${formatName(c.format)} pitch ${describePitch(c.pitch)} levels ${c.levels} ${describeContent(c.content)}`;
}
