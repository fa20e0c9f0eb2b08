/**
 * The one naming convention of sweep tests: a kernel's sweep on a backend is
 * the vitest test `parity: <label>`, the label from sweepLabel
 * (`parity: mip_downsample`, `parity: im2col [cuda]`). parityTest names it,
 * `twinpath run` selects by it, the reporter and the JUnit file read the
 * kernel and backend back from it.
 */
import { sweepLabel } from './sweep-label.ts';

const PREFIX = 'parity: ';
const LABEL = /^(.+?)(?: \[([a-z0-9]+)\])?$/;

/** The vitest test name of `kernel`'s sweep on `backend`: `parity: mip_downsample`, `parity: im2col [cuda]`. */
export function sweepTestName(kernel: string, backend?: string): string {
  return `${PREFIX}${sweepLabel(kernel, backend)}`;
}

/** The kernel and backend a sweep test name belongs to, or undefined when the test is not a sweep. */
export function sweepOfTestName(testName: string): { readonly kernel: string; readonly backend?: string } | undefined {
  if (!testName.startsWith(PREFIX) || testName.length === PREFIX.length) return undefined;
  const [, kernel, backend] = LABEL.exec(testName.slice(PREFIX.length))!;
  return { kernel: kernel!, ...(backend ? { backend } : {}) };
}

/** The kernel a sweep test name belongs to, or undefined when the test is not a sweep. */
export function kernelOfTestName(testName: string): string | undefined {
  return sweepOfTestName(testName)?.kernel;
}

/**
 * The vitest test-name pattern of the sweeps of the named kernels on any
 * backend; names are exact and `*` matches any characters but a space (`mip*`).
 * No names: every sweep.
 */
export function sweepNamePattern(kernels: readonly string[]): string {
  if (!kernels.length) return `^${PREFIX}`;
  const globs = kernels.map((k) => k.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^ ]*'));
  return `^${PREFIX}(?:${globs.join('|')})(?: \\[[a-z0-9]+\\])?$`;
}
