/**
 * A row's bandwidth, decided in one place: 2 x the output's bytes (one read and one write of it) per cold median
 * time, as a share of the device's peak (as its driver states it) and of the streaming floor (stream_copy of the
 * same bytes, timed the same way on the same backend in the same run). A share above 100% of either is a bug of the
 * bench — the estimate or a measurement is wrong — and is reported as an error, never as a result.
 */

/** GB/s of moving 2 x `bytes` (one read and one write) in `us` microseconds. */
export function gbPerS(bytes: number, us: number): number {
  return (2 * bytes) / (us * 1000);
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
 * The bandwidth of a row; `error` when it exceeds the floor or the peak:
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
