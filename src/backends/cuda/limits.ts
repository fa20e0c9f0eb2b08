/**
 * A launch checked against the device's limits before it is queued — threads
 * per block, block and grid dimensions, dynamic shared memory (up to the
 * opt-in maximum) — each violation a SetupError naming the limit; dynamic
 * shared memory above the 48 KB every device gives is opted into per function.
 */
import { SetupError } from '../../model/setup-error.ts';

/** The shared memory a block gets without opting in (bytes). */
export const DEFAULT_SHARED_BYTES = 48 * 1024;

/** CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES. */
export const FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8;

/** The CU_DEVICE_ATTRIBUTE_* a launch is checked against, by name. */
const ATTRIBUTES = {
  MAX_THREADS_PER_BLOCK: 1,
  MAX_BLOCK_DIM_X: 2,
  MAX_BLOCK_DIM_Y: 3,
  MAX_BLOCK_DIM_Z: 4,
  MAX_GRID_DIM_X: 5,
  MAX_GRID_DIM_Y: 6,
  MAX_GRID_DIM_Z: 7,
  MAX_SHARED_MEMORY_PER_BLOCK_OPTIN: 97,
} as const;

type LimitName = keyof typeof ATTRIBUTES;

/** The device's launch limits, by attribute name. */
export type DeviceLimits = Readonly<Record<LimitName, number>>;

/** Reads the launch limits through `attribute` (cuDeviceGetAttribute of the device). */
export function deviceLimits(attribute: (attrib: number) => number): DeviceLimits {
  return Object.fromEntries(
    Object.entries(ATTRIBUTES).map(([name, attrib]) => [name, attribute(attrib)]),
  ) as unknown as DeviceLimits;
}

const AXES = ['X', 'Y', 'Z'] as const;

/**
 * Checks a launch of `entry` against the limits. Throws SetupError:
 * `reduce [cuda]: block 2048 threads exceeds the device's 1024 (CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK). Fix: …`,
 * `… grid y 70000 exceeds the device's 65535 (CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y)…`,
 * `… sharedBytes 300000 exceeds the device's 232448 (CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN)…`,
 * `reduce [cuda]: launch of reduce: block z -1 is not a whole number ≥ 0. Fix: …`.
 */
export function checkLaunch(
  label: string,
  entry: string,
  limits: DeviceLimits,
  shape: { readonly grid: readonly number[]; readonly block: readonly number[]; readonly sharedBytes: number },
): void {
  const over = (what: string, value: number, limit: LimitName, fix: string, unit = '') => {
    if (value > limits[limit])
      throw new SetupError(
        `${label}: ${what} ${value}${unit} exceeds the device's ${limits[limit]} (CU_DEVICE_ATTRIBUTE_${limit}) in the launch of ${entry}. Fix: ${fix}`,
      );
  };
  for (const [part, dims] of [
    ['grid', shape.grid],
    ['block', shape.block],
  ] as const)
    dims.forEach((d, i) => {
      if (!Number.isSafeInteger(d) || d < 0)
        throw new SetupError(
          `${label}: launch of ${entry}: ${part} ${AXES[i]!.toLowerCase()} ${d} is not a whole number ≥ 0. Fix: whole numbers of blocks and threads`,
        );
    });
  const threads = shape.block.reduce((a, b) => a * b, 1);
  over(
    'block',
    threads,
    'MAX_THREADS_PER_BLOCK',
    `at most ${limits.MAX_THREADS_PER_BLOCK} threads per block`,
    ' threads',
  );
  shape.block.forEach((d, i) =>
    over(`block ${AXES[i]!.toLowerCase()}`, d, `MAX_BLOCK_DIM_${AXES[i]!}`, 'a smaller block on that axis'),
  );
  shape.grid.forEach((d, i) =>
    over(
      `grid ${AXES[i]!.toLowerCase()}`,
      d,
      `MAX_GRID_DIM_${AXES[i]!}`,
      'fewer blocks on that axis, or a loop in the kernel',
    ),
  );
  over('sharedBytes', shape.sharedBytes, 'MAX_SHARED_MEMORY_PER_BLOCK_OPTIN', 'less dynamic shared memory per block');
}
