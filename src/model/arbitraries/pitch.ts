/**
 * Row pitches, described independently of the width so they shrink well:
 * tight, rounded up to 256 bytes (the WebGPU copy alignment), or tight plus
 * padding in multiples of 4 bytes.
 */
import fc from 'fast-check';

export type PitchSpec =
  | { readonly kind: 'tight' }
  | { readonly kind: 'align'; readonly to: number }
  | { readonly kind: 'pad'; readonly bytes: number };

/** The level-0 pitch in bytes a spec gives for a row of `width` pixels of `bpp` bytes. */
export function resolvePitch(spec: PitchSpec, width: number, bpp: number): number {
  const tight = width * bpp;
  if (spec.kind === 'tight') return tight;
  if (spec.kind === 'align') return Math.ceil(tight / spec.to) * spec.to;
  return tight + spec.bytes;
}

/** `tight`, `align 256`, `+12 bytes`. */
export function describePitch(spec: PitchSpec): string {
  return spec.kind === 'tight' ? 'tight' : spec.kind === 'align' ? `align ${spec.to}` : `+${spec.bytes} bytes`;
}

/** Tight, aligned to 256, or padded by 4..256 bytes; shrinks towards tight. */
export function pitchArb(): fc.Arbitrary<PitchSpec> {
  return fc.oneof(
    { withCrossShrink: true },
    fc.constant<PitchSpec>({ kind: 'tight' }),
    fc.constant<PitchSpec>({ kind: 'align', to: 256 }),
    fc.integer({ min: 1, max: 64 }).map((k): PitchSpec => ({ kind: 'pad', bytes: 4 * k })),
  );
}
