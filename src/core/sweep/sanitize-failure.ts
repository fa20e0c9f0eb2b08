/**
 * A failing sweep's shrunk case, re-run once under a sanitizer
 * (TWINPATH_SANITIZE: memcheck unless `off`), so the failure says what the
 * kernel did to memory, where: AddressSanitizer + UBSan for C++,
 * compute-sanitizer for CUDA, the bounds check for WGSL. A sweep whose every
 * case already ran under the sanitizer (`--sanitize`) is not run again.
 */
import type { Backend } from '../../backends/backend.ts';
import type { SanitizerFinding } from '../../model/sanitizer.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { CaseOutcome } from './case.ts';
import { runConfig } from '../settings/settings.ts';
import { compileOn } from './device-half.ts';
import type { FailingCase } from './sweep-cases.ts';

/** Failures a sanitizer has nothing to say of (no kernel ran, or the oracle failed), or that would hang again. */
const NOT_RERUN: ReadonlySet<CaseOutcome> = new Set(['compile-error', 'setup-error', 'oracle-error', 'timeout']);

/**
 * What the sanitizer found re-running `f` on `backend`, or undefined when there is nothing to run: the backend
 * has no sanitizer, TWINPATH_SANITIZE is `off`, every case already ran under it, or the failure is one of
 * NOT_RERUN. The finding reads e.g.
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
  if (!tool || config.sanitize || !backend.sanitizeCase || NOT_RERUN.has(f.result.outcome)) return undefined;
  const compiled = await compileOn(k, backend);
  if (!('compiled' in compiled)) return undefined;
  const req = { input: f.input, kernel: k.name, seed, path: f.path, tool, deadlineMs: config.caseDeadlineMs };
  return backend.sanitizeCase(compiled.compiled, req);
}
