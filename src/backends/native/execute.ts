/**
 * Runs one case's native half on a case context, the same way for every
 * native backend: the implementation's run, the backend's finish (sync and
 * read back), the guard and input checks; what is thrown becomes the
 * case's outcome.
 */
import { SetupError } from '../../model/setup-error.ts';
import type { NativeContext, NativeImplementation } from './api.ts';
import type { DeviceRun } from '../../model/output/run.ts';
import type { NativeCaseBase } from './case-context.ts';
import { NativeCompileError } from './host-compiler.ts';

/** A kernel fault or driver failure of a backend: its message names the result (`CUDA_ERROR_ILLEGAL_ADDRESS`). */
export class NativeRunError extends Error {
  override name = 'NativeRunError';
}

/** A case whose native work did not finish within its deadline (TWINPATH_CASE_DEADLINE_MS): outcome `timeout`. */
export class NativeTimeoutError extends NativeRunError {
  override name = 'NativeTimeoutError';
}

/** A sanitizer's report of a case's native work (its first error, where, in which function): outcome `sanitizer`. */
export class NativeSanitizerError extends NativeRunError {
  override name = 'NativeSanitizerError';
}

/** What a backend's case context adds to the shared part: finishing the run. */
export interface FinishingCase<C extends NativeContext> {
  readonly context: C & NativeCaseBase;
  /** Waits for the case's work, reads every allocation back; kernel time in ns. */
  finish(): Promise<{
    readonly read: (index: number) => Uint8Array;
    readonly gpuNs: number;
    readonly readbackMs: number;
  }>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The outcome of what a native half threw. */
export function thrownOutcome(label: string, e: unknown): DeviceRun {
  if (e instanceof SetupError) return { outcome: 'setup-error', error: e.message };
  if (e instanceof NativeCompileError) return { outcome: 'compile-error', error: e.message };
  if (e instanceof NativeTimeoutError) return { outcome: 'timeout', error: e.message };
  if (e instanceof NativeSanitizerError) return { outcome: 'sanitizer', error: e.message };
  if (e instanceof NativeRunError) return { outcome: 'gpu-error', error: e.message };
  return { outcome: 'gpu-error', error: `${label}: its native function threw: ${message(e)}` };
}

/** Runs `impl` on `input` through a backend's case; never throws for a problem of the case. */
export async function executeNative<I, C extends NativeContext>(
  label: string,
  impl: NativeImplementation<I, C>,
  input: I,
  c: FinishingCase<C>,
): Promise<DeviceRun> {
  try {
    const returned = await impl.run(c.context, input);
    const done = await c.finish();
    const checked = c.context.check(returned, done.read);
    if ('outcome' in checked) return checked;
    return {
      outputs: checked.outputs,
      inputs: checked.inputs,
      protection: c.context.protection(),
      gpuNs: done.gpuNs,
      uploadMs: c.context.uploadMs,
      readbackMs: done.readbackMs,
    };
  } catch (e) {
    return thrownOutcome(label, e);
  }
}
