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
import { closeSessions, gpuSession, UnsupportedError } from './session.ts';
import { wgslTimer } from './timer.ts';

/**
 * Where WGSL runs: the adapter of the process's session and how pass time is taken; `unsupported` when the adapter
 * lacks a feature the project requires (`the adapter lacks shader-f16 (required by twinpath.config.ts
 * requiredFeatures)`). Rejects with NoAdapterError when there is no adapter, or when TWINPATH_REQUIRE_GPU=hardware
 * and the adapter is software.
 */
async function probe(): Promise<BackendProbe> {
  const session = await gpuSession();
  checkRequirement(session.info, gpuRequirement());
  const missing = missingFeatures(session.adapter);
  return {
    ...(missing.length
      ? { unsupported: `the adapter lacks ${missing.join(', ')} (required by twinpath.config.ts requiredFeatures)` }
      : {}),
    device: session.info,
    timingSource: session.timestamps
      ? 'timestamp queries, Dawn timestamp quantization disabled (toggle)'
      : 'no timestamp-query on this device: wall time only',
  };
}

/**
 * Opens the kernel's device (with the features and limits it `requires`) and compiles its modules there:
 * `unsupported` when the adapter lacks a requirement, the compile error's text (`blur: WGSL does not compile\n
 *   kernels/blur/blur.wgsl:14:3: error: unresolved identifier 'lastx'`) when a module does not compile.
 */
async function compile<I>(k: BackendKernel<I>, label: string): Promise<CompileOutcome<I>> {
  let session;
  try {
    session = await gpuSession(undefined, k.requires);
  } catch (e) {
    if (e instanceof UnsupportedError) return { unsupported: e.message };
    throw e;
  }
  try {
    await compileModules(k, session);
  } catch (e) {
    if (e instanceof WgslCompileError) return { compileError: e.message };
    throw e;
  }
  return { compiled: { kernel: k, label } };
}

/** The WGSL backend (Dawn through the npm `webgpu` package): never lost, a lost device is replaced. */
export const wgslBackend: Backend = {
  name: 'wgsl',
  implementationOf: (k) => implementationOf(k, 'wgsl'),
  probe,
  compile,
  run: <I>(compiled: Compiled<I>, inputs: readonly I[], deadlineMs: number) =>
    executeGpu(compiled.kernel, inputs, deadlineMs),
  timer: <I>(compiled: Compiled<I>, input: I, deadlineMs: number) => wgslTimer(compiled.kernel, input, deadlineMs),
  release: closeSessions,
  lost: undefined,
};
