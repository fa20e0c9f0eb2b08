/**
 * Native memory has no robustness: a stray write really lands. Every native
 * allocation is [front guard | chain | rear guard], the front guard and every
 * byte the kernel does not own holding a canary (harness/canary.ts); after
 * the run the front guard of the output and every byte of every input must be
 * as uploaded. Violations are located like the WGSL side's: level, row, byte,
 * or guard band (a negative guard byte is before the chain).
 */
import {
  canaryBytes,
  guardedBytes,
  GUARD_BYTES,
  locateByte,
  type CanaryReport,
  type CanaryViolation,
} from '../canary.ts';
import type { TextureDesc } from '../surface/desc.ts';
import { texelRanges, type Surface } from '../surface/surface.ts';

/** Bytes of guard band before every native allocation's chain (the rear guard is the canary's GUARD_BYTES). */
export const FRONT_GUARD_BYTES = GUARD_BYTES;

/** Front guards get salts apart from every buffer's own, so a guard copied from a neighbour is caught. */
const FRONT_SALT = 0x5eed;

/** The bytes a native allocation for `desc` holds: front guard, chain, rear guard. */
export function allocationBytes(desc: TextureDesc): number {
  return FRONT_GUARD_BYTES + guardedBytes(desc);
}

/**
 * The image uploaded into a native allocation: guards and untouched bytes
 * hold the canary of `salt` (0 for the output, as the judge expects), the
 * texels of `levels` are copied from `from`.
 */
export function allocationImage(
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

/** Where allocation byte `at` sits, as a canary location (offsets relative to the chain's first byte). */
function locate(desc: TextureDesc, at: number): Pick<CanaryViolation, 'region' | 'level' | 'row' | 'rowByte'> {
  return at < FRONT_GUARD_BYTES
    ? { region: 'guard', rowByte: at - FRONT_GUARD_BYTES }
    : locateByte(desc, at - FRONT_GUARD_BYTES);
}

const hex = (b: Uint8Array) => [...b].map((v) => v.toString(16).padStart(2, '0')).join(' ');

/**
 * The runs of bytes in `[from, to)` where `actual` differs from `expected`,
 * split at region, level and row boundaries, as a canary report.
 */
export function changedBytes(
  desc: TextureDesc,
  expected: Uint8Array,
  actual: Uint8Array,
  from = 0,
  to = expected.length,
  maxViolations = 8,
): CanaryReport {
  const violations: CanaryViolation[] = [];
  let corrupt = 0;
  let i = from;
  while (i < to) {
    if (actual[i] === expected[i]) {
      i++;
      continue;
    }
    const where = locate(desc, i);
    const start = i;
    while (i < to && actual[i] !== expected[i]) {
      const w = locate(desc, i);
      if (w.region !== where.region || w.level !== where.level || w.row !== where.row) break;
      i++;
    }
    corrupt += i - start;
    if (violations.length < maxViolations) {
      const shown = Math.min(i - start, 8);
      violations.push({
        ...where,
        byteOffset: start - FRONT_GUARD_BYTES,
        bytes: i - start,
        expected: hex(expected.subarray(start, start + shown)),
        actual: hex(actual.subarray(start, start + shown)),
      });
    }
  }
  return { pass: corrupt === 0, corruptBytes: corrupt, violations };
}
