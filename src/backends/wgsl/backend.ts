/**
 * The WGSL backend: a kernel's `wgsl` composed and compiled into shader
 * modules on the process's Dawn device, its `gpu` function recording cases
 * into queue submissions (execute.ts). A lost device is replaced by a new one,
 * so the backend is never lost for good.
 */
import type { Backend, BackendProbe, CompileOutcome, Compiled } from '../backend.ts';
import { implementationOf, type BackendKernel } from '../implementations.ts';
import { checkRequirement } from './adapter.ts';
import { gpuRequirement } from '../../core/settings/settings.ts';
import { missingFeatures } from './features.ts';
import { compileModules, executeGpu } from './execute.ts';
import { WgslCompileError } from './pipelines.ts';
import { sanitizeWgslCase, uncheckedAccesses, wgslSanitizing } from './sanitize.ts';
import { closeSessions, gpuSession, UnsupportedError } from './session.ts';
import { wgslTimer } from './timer.ts';

/**
 * Where WGSL runs: the adapter of the process's session and how pass time is taken; `unsupported` when the adapter
 * lacks a feature the project requires (`the adapter lacks shader-f16 (required by twinpath.config.ts
 * requiredFeatures)`). Rejects with NoAdapterError when there is no adapter, or when TWINPATH_REQUIRE_GPU=hardware
 * and the adapter is software.
 */
async function probe(): Promise<BackendProbe> {
  const sanitizing = wgslSanitizing();
  if ('unavailable' in sanitizing) return sanitizing;
  const session = await gpuSession();
  checkRequirement(session.info, gpuRequirement());
  const missing = missingFeatures(session.adapter);
  return {
    ...(missing.length
      ? { unsupported: `the adapter lacks ${missing.join(', ')} (required by twinpath.config.ts requiredFeatures)` }
      : {}),
    device: session.info,
    timingSource:
      (session.timestamps
        ? 'timestamp queries, Dawn timestamp quantization disabled (toggle)'
        : 'no timestamp-query on this device: wall time only') +
      (sanitizing.every ? ' (of the bounds-checked build)' : ''),
  };
}

/**
 * Opens the kernel's device (with the features and limits it `requires`) and compiles its modules there (under
 * `--sanitize memcheck`, their bounds-checked builds): `unsupported` when the adapter lacks a requirement or the
 * bounds check cannot see every access (`the bounds check cannot check every access of k: kernels/k/k.wgsl:9: a
 * pointer to a is taken; accesses through it are not checked`), the compile error's text (`blur: WGSL does not
 * compile\n  kernels/blur/blur.wgsl:14:3: error: unresolved identifier 'lastx'`) when a module does not compile.
 */
async function compile<I>(k: BackendKernel<I>, label: string): Promise<CompileOutcome<I>> {
  const boundsChecked = boundsChecking();
  const unchecked = boundsChecked ? uncheckedAccesses(k) : undefined;
  if (unchecked) return { unsupported: unchecked };
  let session;
  try {
    session = await gpuSession(undefined, k.requires);
  } catch (e) {
    if (e instanceof UnsupportedError) return { unsupported: e.message };
    throw e;
  }
  try {
    await compileModules(k, session, boundsChecked);
  } catch (e) {
    if (e instanceof WgslCompileError) return { compileError: e.message };
    throw e;
  }
  return { compiled: { kernel: k, label } };
}

/** Whether cases run the bounds-checked build: TWINPATH_SANITIZE=memcheck, read when they run. */
function boundsChecking(): boolean {
  const sanitizing = wgslSanitizing();
  return 'every' in sanitizing && sanitizing.every;
}

/**
 * The WGSL backend (Dawn through the npm `webgpu` package): never lost, a lost device is replaced; its sanitizer is
 * the bounds check (sanitize.ts).
 */
export const wgslBackend: Backend = {
  name: 'wgsl',
  implementationOf: (k) => implementationOf(k, 'wgsl'),
  probe,
  compile,
  run: <I>(compiled: Compiled<I>, inputs: readonly I[], deadlineMs: number) =>
    executeGpu(compiled.kernel, inputs, deadlineMs, boundsChecking()),
  timer: <I>(compiled: Compiled<I>, input: I, deadlineMs: number) => wgslTimer(compiled.kernel, input, deadlineMs),
  sanitizeCase: (compiled, req) => sanitizeWgslCase(compiled.kernel, req),
  release: closeSessions,
  lost: undefined,
};
