/**
 * The one naming convention of sweep tests: a kernel's sweep is the vitest
 * test `parity: <kernel>`. parityTest names it, `twinpath run` selects by it,
 * the reporter and the JUnit file read the kernel back from it.
 */

const PREFIX = 'parity: ';

/** The vitest test name of `kernel`'s sweep: `parity: mip_downsample`. */
export function sweepTestName(kernel: string): string {
  return `${PREFIX}${kernel}`;
}

/** The kernel a sweep test name belongs to, or undefined when the test is not a sweep. */
export function kernelOfTestName(testName: string): string | undefined {
  return testName.startsWith(PREFIX) && testName.length > PREFIX.length ? testName.slice(PREFIX.length) : undefined;
}

/**
 * The vitest test-name pattern of the sweeps of the named kernels; names are
 * exact and `*` matches any characters (`mip*`). No names: every sweep.
 */
export function sweepNamePattern(kernels: readonly string[]): string {
  if (!kernels.length) return `^${PREFIX}`;
  const globs = kernels.map((k) => k.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'));
  return `^${PREFIX}(?:${globs.join('|')})$`;
}
