/**
 * Which compiler builds CUDA sources: nvcc when the toolkit has it (a `.cu`
 * file with host code compiles as its author wrote it), else NVRTC;
 * TWINPATH_CUDA_COMPILER=nvcc|nvrtc forces one.
 */
import koffi from 'koffi';
import { join } from 'node:path';
import { cudaCompilerChoice } from '../../core/settings/settings.ts';
import type { CudaCompiler } from './compiler.ts';
import { loadFirst, nvrtcCandidates, nvrtcSearchText } from './find.ts';
import { Nvcc, nvccVersion } from './nvcc.ts';
import { Nvrtc } from './nvrtc.ts';
import { toolkitFolders, type CudaToolkit } from './toolkit.ts';

/** The compiler chosen and where it was found, as the device's flags record it (`compiler=nvcc:/usr/local/cuda/bin/nvcc`). */
export interface ChosenCompiler {
  readonly compiler: CudaCompiler;
  readonly flag: string;
}

/**
 * nvcc or NVRTC, or why there is neither:
 * `CUDA unavailable: TWINPATH_CUDA_COMPILER=nvcc, but no nvcc was found — looked in /usr/local/cuda/bin, …, and PATH. Fix: …`,
 * `CUDA unavailable: NVRTC did not load (looked for …): …. Fix: …`.
 */
export function chooseCudaCompiler(
  toolkit: CudaToolkit | undefined,
): ChosenCompiler | { readonly unavailable: string } {
  let choice: ReturnType<typeof cudaCompilerChoice>;
  try {
    choice = cudaCompilerChoice();
  } catch (e) {
    return { unavailable: `CUDA unavailable: ${(e as Error).message}` };
  }
  const version = choice !== 'nvrtc' && toolkit?.nvcc ? nvccVersion(toolkit.nvcc) : undefined;
  if (toolkit?.nvcc && version)
    return { compiler: new Nvcc(toolkit.nvcc, version, toolkit), flag: `compiler=nvcc:${toolkit.nvcc}` };
  if (choice === 'nvcc') {
    const looked = toolkitFolders().map((d) => join(d, 'bin'));
    return {
      unavailable: `CUDA unavailable: TWINPATH_CUDA_COMPILER=nvcc, but no nvcc ${toolkit?.nvcc ? `runs (${toolkit.nvcc} --version failed)` : `was found — looked in ${looked.join(', ')} and PATH`}. Fix: install the CUDA toolkit or set CUDA_PATH to it, or unset TWINPATH_CUDA_COMPILER to use NVRTC`,
    };
  }
  const rtc = loadFirst(nvrtcCandidates(), (p) => new Nvrtc(koffi.load(p), toolkit));
  if ('errors' in rtc) {
    return {
      unavailable: `CUDA unavailable: NVRTC did not load (looked for ${nvrtcSearchText()}): ${rtc.errors}. Fix: install the CUDA toolkit, or pip install nvidia-cuda-nvrtc, or set TWINPATH_NVRTC to its libnvrtc.so`,
    };
  }
  return { compiler: rtc.lib, flag: `nvrtc=${rtc.path}` };
}
