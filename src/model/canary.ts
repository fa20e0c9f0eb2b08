/**
 * Canaries: every byte of a GPU buffer that a kernel does not own — pitch
 * padding, levels it must not touch, the guard band after the chain — is
 * filled with a position-dependent pattern before the run and must hold it
 * afterwards. Position-dependent, so a kernel that copies canary bytes from
 * one place to another is caught too.
 */
import { differingRuns, equalBytes, hexBytes } from './bytes.ts';
import { texelRanges, surfaceBytes } from './surface/surface.ts';
import type { TextureDesc } from './surface/desc.ts';

/** Bytes of guard band after the end of every output chain. */
export const GUARD_BYTES = 256;

/**
 * Whole elements of a runtime-sized array, `stride` bytes apart, that the guard band holds. A variable the kernel
 * sizes with arrayLength is bound to its data and this many elements of guard band, and its arrayLength is
 * rewritten to exclude them (src/wgsl/array-length.ts), so a read past the data reads poison and a write past it
 * lands in the canary. 0 where an element is larger than the guard band: that binding covers exactly the data.
 */
export function guardElements(stride: number): number {
  return Math.floor(GUARD_BYTES / stride);
}

/** The salt of the output buffer's canary; inputs get other salts, so canary copied from an input is caught. */
const OUTPUT_SALT = 0;

/** The canary value of the u32 word at index `i` of a buffer with `salt`. */
function canaryWord(i: number, salt = OUTPUT_SALT): number {
  return (Math.imul(i + 1 + Math.imul(salt, 0x632be5ab), 0x9e3779b1) ^ 0xca11ab1e) >>> 0;
}

/** The canary byte at buffer offset `offset` of a buffer with `salt`. */
export function canaryByte(offset: number, salt = OUTPUT_SALT): number {
  return (canaryWord(offset >>> 2, salt) >>> ((offset & 3) * 8)) & 0xff;
}

/** The pattern of each salt, grown as needed: a buffer's pattern is a prefix of it. */
const patterns = new Map<number, Uint8Array>();

function pattern(length: number, salt: number): Uint8Array {
  const have = patterns.get(salt);
  if (have && have.length >= length) return have;
  // Stryker disable next-line ArithmeticOperator: a longer pattern has the same prefix; the sizes only amortize growth
  const words = Uint32Array.from({ length: Math.max(length / 4, (have?.length ?? 0) / 2, 1024) }, (_, i) =>
    canaryWord(i, salt),
  );
  const bytes = new Uint8Array(words.buffer);
  patterns.set(salt, bytes);
  return bytes;
}

/** `length` bytes (a multiple of 4) holding the canary pattern of `salt`; a fresh copy the caller may write into. */
export function canaryBytes(length: number, salt = OUTPUT_SALT): Uint8Array {
  return pattern(length, salt).slice(0, length);
}

/** The poison of each salt, grown as needed (like the canary patterns): a buffer's poison is a prefix of it. */
const poisons = new Map<number, Uint8Array>();

/**
 * `length` bytes (a multiple of 4) of NaN poison for float inputs' padding and
 * guard band: every word a quiet f32 NaN whose payload is the canary of
 * `salt`, so a stray read — even one multiplied by a weight of 0 — turns the
 * output NaN, and each word still says where it came from. A fresh copy.
 */
export function poisonBytes(length: number, salt: number): Uint8Array {
  let have = poisons.get(salt);
  if (!have || have.length < length) {
    // Stryker disable next-line MethodExpression,ArithmeticOperator,LogicalOperator: the size only amortizes growth
    have = canaryBytes(Math.max(length, (have?.length ?? 0) * 2), salt);
    const words = new Uint32Array(have.buffer, 0, have.length >>> 2);
    words.forEach((w, i) => (words[i] = 0x7fc00000 | (w & 0x003fffff)));
    poisons.set(salt, have);
  }
  return have.slice(0, length);
}

/**
 * The runs of bytes [from, to) of a guard band where `actual` differs from
 * `expected`, as a canary report. `rowByte` counts from `origin` (the guard
 * band's first byte), `byteOffset` from `base` (the first byte the kernel
 * receives).
 */
export function guardBandReport(
  expected: Uint8Array,
  actual: Uint8Array,
  range: { readonly from: number; readonly to: number; readonly origin: number; readonly base: number },
  maxViolations = 8,
): CanaryReport {
  const runs = differingRuns(expected, actual, range.from, range.to);
  const violations: CanaryViolation[] = runs.slice(0, maxViolations).map(([start, end]) => {
    const shown = start + Math.min(end - start, 8);
    return {
      region: 'guard',
      rowByte: start - range.origin,
      byteOffset: start - range.base,
      bytes: end - start,
      expected: hexBytes(expected.subarray(start, shown)),
      actual: hexBytes(actual.subarray(start, shown)),
    };
  });
  const corrupt = runs.reduce((n, [start, end]) => n + end - start, 0);
  return { pass: corrupt === 0, corruptBytes: corrupt, violations };
}

/**
 * Checks the guard band after an element output's data (`dataBytes` on):
 * `canary: guard band byte 0 (buffer offset 48), 4 bytes overwritten: …`.
 */
export function checkGuardBand(bytes: Uint8Array, dataBytes: number, maxViolations = 8): CanaryReport {
  const expected = pattern(bytes.length, OUTPUT_SALT);
  return guardBandReport(
    expected,
    bytes,
    { from: dataBytes, to: bytes.length, origin: dataBytes, base: 0 },
    maxViolations,
  );
}

/** The bytes a buffer for `desc` holds: the chain plus the guard band. */
export function guardedBytes(desc: TextureDesc): number {
  return surfaceBytes(desc) + GUARD_BYTES;
}

/** Where a byte that lost its canary sits. */
export interface CanaryViolation {
  /** `padding`: past a row's texels; `level`: texels of a level the kernel must not touch; `guard`: past the chain (or, in native memory, before it). */
  readonly region: 'padding' | 'level' | 'guard';
  readonly level?: number;
  readonly row?: number;
  /** Byte offset inside the row (padding, level) or the guard band (negative: the front guard of native memory). */
  readonly rowByte: number;
  /** Byte offset in the buffer of the first byte of this run. */
  readonly byteOffset: number;
  /** Consecutive bytes lost in this run. */
  readonly bytes: number;
  readonly expected: string;
  readonly actual: string;
}

export interface CanaryReport {
  readonly pass: boolean;
  /** Bytes that lost their canary, in all. */
  readonly corruptBytes: number;
  /** The first runs of lost bytes, in buffer order. */
  readonly violations: readonly CanaryViolation[];
}

/** Where a byte offset of a surface's buffer falls: a level's texel or padding (with row and byte in the row), or past the chain. */
export type ByteLocation = Pick<CanaryViolation, 'region' | 'level' | 'row' | 'rowByte'>;

/** Locates a byte offset of a buffer laid out for `desc` (region `level` = a texel byte). */
export function locateByte(desc: TextureDesc, offset: number, chainEnd = surfaceBytes(desc)): ByteLocation {
  if (offset >= chainEnd) return { region: 'guard', rowByte: offset - chainEnd };
  // Level 0 starts at offset 0, so some level always holds the byte.
  const level = desc.levels.findLastIndex((lv) => offset >= lv.offsetBytes);
  const lv = desc.levels[level]!;
  const row = Math.floor((offset - lv.offsetBytes) / lv.pitchBytes);
  const rowByte = (offset - lv.offsetBytes) % lv.pitchBytes;
  return { region: rowByte >= lv.width * desc.bytesPerPixel ? 'padding' : 'level', level, row, rowByte };
}

/**
 * Whether every byte outside the owned texels still holds the canary: the common case, checked without locating
 * anything (checkCanary's fast path).
 */
export function canaryIntact(bytes: Uint8Array, desc: TextureDesc, ownedLevels: readonly number[]): boolean {
  const expected = pattern(bytes.length, OUTPUT_SALT);
  let from = 0;
  const ranges: Array<[number, number]> = [
    ...texelRanges(desc, ownedLevels).sort((p, q) => p[0] - q[0]),
    [bytes.length, bytes.length],
  ];
  for (const [a, b] of ranges) {
    if (a > from && !equalBytes(bytes, expected, from, a)) return false;
    from = Math.max(from, b);
  }
  return true;
}

/**
 * Checks every byte of `bytes` (a readback of chain + guard band) outside the
 * texels of `ownedLevels`. Runs are split at region, level and row boundaries.
 */
export function checkCanary(
  bytes: Uint8Array,
  desc: TextureDesc,
  ownedLevels: readonly number[],
  maxViolations = 8,
): CanaryReport {
  if (canaryIntact(bytes, desc, ownedLevels)) return { pass: true, corruptBytes: 0, violations: [] };
  const owned = new Uint8Array(bytes.length);
  for (const [a, b] of texelRanges(desc, ownedLevels)) owned.fill(1, a, b);
  const chainEnd = surfaceBytes(desc);
  const violations: CanaryViolation[] = [];
  let corrupt = 0;
  let i = 0;
  while (i < bytes.length) {
    if (owned[i] || bytes[i] === canaryByte(i)) {
      i++;
      continue;
    }
    const where = locateByte(desc, i, chainEnd);
    const start = i;
    while (i < bytes.length && !owned[i] && bytes[i] !== canaryByte(i)) {
      const w = locateByte(desc, i, chainEnd);
      if (w.region !== where.region || w.level !== where.level || w.row !== where.row) break;
      i++;
    }
    corrupt += i - start;
    if (violations.length < maxViolations) {
      const shown = Math.min(i - start, 8);
      const expected = Uint8Array.from({ length: shown }, (_, k) => canaryByte(start + k));
      violations.push({
        ...where,
        byteOffset: start,
        bytes: i - start,
        expected: hexBytes(expected),
        actual: hexBytes(bytes.subarray(start, start + shown)),
      });
    }
  }
  return { pass: corrupt === 0, corruptBytes: corrupt, violations };
}

/**
 * One line per violation:
 * `canary: level 0 row 1 padding byte 4 (buffer offset 20), 4 bytes overwritten: expected 1e ab 11 ca, got 00 00 80 3f`;
 * native memory's front guard (a negative byte):
 * `canary: guard band before the data, byte -4 (buffer offset -4), 4 bytes overwritten: …`
 */
export function renderCanary(r: CanaryReport): string {
  const lines = r.violations.map((v) => {
    const guard = v.rowByte < 0 ? `guard band before the data, byte ${v.rowByte}` : `guard band byte ${v.rowByte}`;
    const where =
      v.region === 'guard'
        ? guard
        : `level ${v.level} row ${v.row} ${v.region === 'padding' ? 'padding' : 'texel'} byte ${v.rowByte}`;
    const what = v.region === 'level' ? ' (a level the kernel must not touch)' : '';
    return `canary: ${where}${what} (buffer offset ${v.byteOffset}), ${v.bytes} bytes overwritten: expected ${v.expected}, got ${v.actual}`;
  });
  const more = r.corruptBytes - r.violations.reduce((n, v) => n + v.bytes, 0);
  if (more > 0) lines.push(`canary: … and ${more} more bytes`);
  return lines.join('\n');
}
