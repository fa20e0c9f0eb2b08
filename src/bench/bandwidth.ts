/**
 * A row's bandwidth, decided in one place: the bytes a case moves (movedBytes: the kernel's declared `benchBytes`,
 * else 2 x the output's bytes, one read and one write of it) per cold median time, as a share of the device's peak
 * (as its driver states it) and of the streaming floor (stream_copy of the same bytes, timed the same way on the
 * same backend in the same run). A share above 100% of either is a bug of the bench — the estimate or a measurement
 * is wrong — and is reported as an error, never as a result.
 */

/** The bytes a case moves, as its GB/s counts them, and what the count is. */
export interface MovedBytes {
  readonly bytes: number;
  /** The kernel declared them (`benchBytes`); else they are 2 x the output's bytes. */
  readonly declared: boolean;
  /** Why the figure undercounts: the inputs are much larger than the outputs and no count was declared. */
  readonly note?: string;
}

// Inputs over 3x the outputs: the case moves over 4x its outputs, so 2 x the outputs is under half of it.
const INPUTS_MUCH_LARGER = 3;

/**
 * The bytes a case moves: `declared` (the kernel's `benchBytes` of the case), else 2 x `outputBytes`, with a note
 * when the inputs are much larger: `GB/s counts the outputs only (2 x 32.4 KB): the inputs are 64x larger. Fix:
 * declare benchBytes(input) in the kernel definition, the bytes a case reads and writes`. Throws for a declared
 * count that is no count: `benchBytes gave -3: must be a positive number of bytes`.
 */
export function movedBytes(outputBytes: number, inputBytes: number, declared?: number): MovedBytes {
  if (declared !== undefined) {
    if (!(Number.isFinite(declared) && declared > 0))
      throw new Error(`benchBytes gave ${declared}: must be a positive number of bytes`);
    return { bytes: declared, declared: true };
  }
  const bytes = 2 * outputBytes;
  if (inputBytes <= INPUTS_MUCH_LARGER * outputBytes) return { bytes, declared: false };
  const ratio = outputBytes > 0 ? `${Math.round(inputBytes / outputBytes)}x` : 'far';
  return {
    bytes,
    declared: false,
    note:
      `GB/s counts the outputs only (2 x ${sizeText(outputBytes)}): the inputs are ${ratio} larger. ` +
      'Fix: declare benchBytes(input) in the kernel definition, the bytes a case reads and writes',
  };
}

/** `512 B`, `32.4 KB`, `8.3 MB`. */
function sizeText(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** GB/s of moving `bytes` (read and written, all told) in `us` microseconds. */
export function gbPerS(bytes: number, us: number): number {
  return bytes / (us * 1000);
}

/** A row's bandwidth and its shares, or what is wrong with them. */
export interface Bandwidth {
  readonly gbPerS: number;
  /** The streaming floor's GB/s, when measured. */
  readonly floorGbPerS?: number;
  /** The device's peak GB/s, when its driver states it. */
  readonly peakGbPerS?: number;
  /** Why the figures are not to be believed (a share above 100%). */
  readonly error?: string;
}

/**
 * The bandwidth of a row moving `bytes` (movedBytes); `error` when it exceeds the floor or the peak:
 * `183% of the streaming floor (412.0 of 225.1 GB/s): a kernel cannot outrun a copy of the bytes it moves; the byte
 * estimate or a timing is wrong`, `104% of the device's peak (3471.0 of 3352.3 GB/s): …`.
 */
export function bandwidth(bytes: number, coldUs: number, floorGbPerS?: number, peakGbPerS?: number): Bandwidth {
  const g = gbPerS(bytes, coldUs);
  const over = (limit: number | undefined, what: string) =>
    limit !== undefined && g > limit
      ? `${((100 * g) / limit).toFixed(0)}% of ${what} (${g.toFixed(1)} of ${limit.toFixed(1)} GB/s): ` +
        'a kernel cannot outrun a copy of the bytes it moves; the byte estimate or a timing is wrong'
      : undefined;
  const error = over(peakGbPerS, "the device's peak") ?? over(floorGbPerS, 'the streaming floor');
  return {
    gbPerS: g,
    ...(floorGbPerS === undefined ? {} : { floorGbPerS }),
    ...(peakGbPerS === undefined ? {} : { peakGbPerS }),
    ...(error ? { error } : {}),
  };
}
