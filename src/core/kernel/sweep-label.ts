/**
 * How a sweep is named: a sweep is a kernel on a backend, and this one
 * function says how that reads everywhere — test names, console, summary,
 * results.json, JUnit and the HTML report.
 */

/** `im2col [cuda]`; the default backend (`wgsl`, or none given) keeps the bare kernel name: `im2col`. */
export function sweepLabel(kernel: string, backend?: string): string {
  return !backend || backend === 'wgsl' ? kernel : `${kernel} [${backend}]`;
}
