/**
 * How a sweep is named: a sweep is a kernel on a backend, and this one
 * function says how that reads everywhere — test names, console, summary,
 * results.json, JUnit and the HTML report.
 */
import { DEFAULT_BACKEND } from '../../backends/registry.ts';

/** `im2col [cuda]`; the default backend (DEFAULT_BACKEND, or none given) keeps the bare kernel name: `im2col`. */
export function sweepLabel(kernel: string, backend?: string): string {
  return !backend || backend === DEFAULT_BACKEND ? kernel : `${kernel} [${backend}]`;
}
