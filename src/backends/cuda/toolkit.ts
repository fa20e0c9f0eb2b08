/**
 * The CUDA toolkit: the first of $CUDA_PATH, $CUDA_HOME, /usr/local/cuda,
 * every /usr/local/cuda-X.Y (newest first) and the folder above an `nvcc` on
 * PATH that has `include/` or `bin/nvcc`; its include folders (CCCL's
 * `include/cccl` too, CUDA 12.x/13), and its tools: nvcc, cu++filt,
 * cuobjdump. Every CUDA compile gets these include folders and the flags of
 * the implementation (cudaFlags).
 */
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { cxxStandard, sharedFlags, type NativeBuildOptions } from '../native/compile-options.ts';

/** A toolkit found: its folder, include folders, and the tools it has. */
export interface CudaToolkit {
  readonly root: string;
  readonly includes: readonly string[];
  readonly nvcc?: string;
  readonly cuxxfilt?: string;
  readonly cuobjdump?: string;
}

const list = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** The folders a toolkit is looked for in, in order. */
export function toolkitFolders(env: NodeJS.ProcessEnv = process.env): string[] {
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter((d) => d && existsSync(join(d, 'nvcc')))
    .map((d) => dirname(d));
  const versioned = list('/usr/local')
    .filter((n) => /^cuda-\d/.test(n))
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))
    .map((n) => join('/usr/local', n));
  return [
    ...new Set(
      [env.CUDA_PATH, env.CUDA_HOME, '/usr/local/cuda', ...versioned, ...onPath].filter((d): d is string => !!d),
    ),
  ];
}

/** The first toolkit of toolkitFolders, or undefined. */
export function findToolkit(env: NodeJS.ProcessEnv = process.env): CudaToolkit | undefined {
  const root = toolkitFolders(env).find((d) => existsSync(join(d, 'include')) || existsSync(join(d, 'bin/nvcc')));
  if (!root) return undefined;
  const tool = (name: string) => (existsSync(join(root, 'bin', name)) ? join(root, 'bin', name) : undefined);
  const includes = [join(root, 'include'), join(root, 'include/cccl')].filter((d) => existsSync(d));
  const nvcc = tool('nvcc');
  const cuxxfilt = tool('cu++filt');
  const cuobjdump = tool('cuobjdump');
  return {
    root,
    includes,
    ...(nvcc ? { nvcc } : {}),
    ...(cuxxfilt ? { cuxxfilt } : {}),
    ...(cuobjdump ? { cuobjdump } : {}),
  };
}

/**
 * The flags both CUDA compilers take for an implementation: `-std=`, `--fmad=false` / `--use_fast_math` when
 * asked, the toolkit's include folders, then sharedFlags (the implementation's includes, defines, raw options).
 * Throws NativeCompileError as cxxStandard and defineFlags do.
 */
export function cudaFlags(label: string, impl: NativeBuildOptions, toolkit: CudaToolkit | undefined): string[] {
  return [
    `-std=${cxxStandard(label, impl)}`,
    ...(impl.fmad === undefined ? [] : [`--fmad=${impl.fmad}`]),
    ...(impl.fastMath ? ['--use_fast_math'] : []),
    ...(toolkit?.includes ?? []).map((d) => `-I${d}`),
    ...sharedFlags(label, impl),
  ];
}
