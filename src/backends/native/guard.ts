/**
 * Native memory has no robustness: a stray write really lands. Every native
 * allocation is [front guard | data | rear guard] — the data a surface's
 * chain or a typed buffer's elements — the guards and every byte the kernel
 * does not own holding a canary (src/core/judge/canary.ts), or NaN poison around
 * float input buffers; after the run every front guard and every byte of
 * every input must be as uploaded. Violations are located like the WGSL
 * side's: level, row, byte, element, or guard band (a negative guard byte is
 * before the data).
 */
import {
  canaryBytes,
  guardedBytes,
  GUARD_BYTES,
  guardBandReport,
  poisonBytes,
  type CanaryReport,
} from '../../model/canary.ts';
import type { TextureDesc } from '../../model/surface/desc.ts';
import { texelRanges, type Surface } from '../../model/surface/surface.ts';

/** Bytes of guard band before every native allocation's chain (the rear guard is the canary's GUARD_BYTES). */
export const FRONT_GUARD_BYTES = GUARD_BYTES;

/** Front guards get salts apart from every buffer's own, so a guard copied from a neighbour is caught. */
const FRONT_SALT = 0x5eed;

/** The bytes a native allocation for `desc` holds: front guard, chain, rear guard. */
export function allocationBytes(desc: TextureDesc): number {
  return FRONT_GUARD_BYTES + guardedBytes(desc);
}

/**
 * The image of a surface's allocation: guards and untouched bytes
 * hold the canary of `salt` (0 for the output, as the judge expects), the
 * texels of `levels` are copied from `from`.
 */
export function surfaceImage(
  desc: TextureDesc,
  salt: number,
  from?: { readonly surface: Surface; readonly levels: readonly number[] },
): Uint8Array {
  const image = new Uint8Array(allocationBytes(desc));
  image.set(canaryBytes(FRONT_GUARD_BYTES, FRONT_SALT + salt), 0);
  const chain = canaryBytes(guardedBytes(desc), salt);
  if (from) for (const [a, b] of texelRanges(desc, from.levels)) chain.set(from.surface.bytes.subarray(a, b), a);
  image.set(chain, FRONT_GUARD_BYTES);
  return image;
}

/**
 * The image of a typed buffer's allocation: front guard, `data`, rear guard
 * (GUARD_BYTES). An input's guards hold NaN poison (`poison`: float data) or
 * the canary of its `salt`, the rear guard's words counted from the data's
 * first byte as a WGSL buffer's are; an output's (`salt` 0) hold the canary
 * the judge's guard-band check expects.
 */
export function bufferImage(data: Uint8Array, salt: number, poison = false): Uint8Array {
  const fill = (length: number, s: number) =>
    poison ? poisonBytes(Math.ceil(length / 4) * 4, s).subarray(0, length) : canaryBytes(length, s);
  const image = new Uint8Array(FRONT_GUARD_BYTES + data.length + GUARD_BYTES);
  image.set(fill(FRONT_GUARD_BYTES, FRONT_SALT + salt), 0);
  const rest = fill(data.length + GUARD_BYTES, salt);
  rest.set(data, 0);
  image.set(rest, FRONT_GUARD_BYTES);
  return image;
}

/**
 * The runs of bytes of an allocation's front guard band where `actual`
 * differs from `expected`, as a canary report (offsets negative: before the
 * first byte the kernel receives).
 */
export function frontGuardChanges(expected: Uint8Array, actual: Uint8Array, maxViolations = 8): CanaryReport {
  const range = { from: 0, to: FRONT_GUARD_BYTES, origin: FRONT_GUARD_BYTES, base: FRONT_GUARD_BYTES };
  return guardBandReport(expected, actual, range, maxViolations);
}

/**
 * The runs of bytes of an allocation's rear guard band (after `dataBytes` of data) where `actual` differs from
 * `expected`, as a canary report (offsets from the guard's first byte; buffer offsets from the data's).
 */
export function rearGuardChanges(
  expected: Uint8Array,
  actual: Uint8Array,
  dataBytes: number,
  maxViolations = 8,
): CanaryReport {
  const from = FRONT_GUARD_BYTES + dataBytes;
  const range = { from, to: expected.length, origin: from, base: FRONT_GUARD_BYTES };
  return guardBandReport(expected, actual, range, maxViolations);
}
