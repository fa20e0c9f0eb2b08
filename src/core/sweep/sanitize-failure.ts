/**
 * A failing native sweep's shrunk case, re-run once under a sanitizer
 * (TWINPATH_SANITIZE: memcheck unless `off`), so the failure says what the
 * kernel did to memory, where: AddressSanitizer + UBSan for C++,
 * compute-sanitizer for CUDA. A sweep whose every case already ran under the
 * sanitizer (`--sanitize`) is not run again.
 */
import type { Backend } from '../../backends/backend.ts';
import type { SanitizerFinding } from '../../model/sanitizer.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { runConfig } from '../settings/settings.ts';
import { compileOn } from './device-half.ts';
import type { FailingCase } from './sweep-cases.ts';

/**
 * What the sanitizer found re-running `f` on `backend`, or undefined when there is nothing to run: the backend
 * has no sanitizer (WGSL), TWINPATH_SANITIZE is `off`, or every case already ran under it. The finding reads e.g.
 * `{ tool: 'memcheck', status: 'found', text: 'heap_over [cpp]: sanitizer: AddressSanitizer: heap-buffer-overflow WRITE of size 4 at …' }`,
 * or `unavailable` with what was searched.
 */
export async function sanitizeFailure<I>(
  k: Kernel<I>,
  backend: Backend,
  f: FailingCase<I>,
  seed: number,
): Promise<SanitizerFinding | undefined> {
  const config = runConfig();
  const tool = config.failureSanitizer;
  if (!tool || config.sanitize || !backend.sanitizeCase || f.result.outcome === 'compile-error') return undefined;
  const compiled = await compileOn(k, backend);
  if (!('compiled' in compiled)) return undefined;
  const req = { input: f.input, kernel: k.name, seed, path: f.path, tool, deadlineMs: config.caseDeadlineMs };
  return backend.sanitizeCase(compiled.compiled, req);
}
