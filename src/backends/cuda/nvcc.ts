/**
 * nvcc as the CUDA compiler: the joined source compiled to a CUBIN for the
 * device's architecture (`nvcc -cubin -arch=sm_90`), so a `.cu` file as its
 * author wrote it — host code, `<<<…>>>` wrappers, error-check macros —
 * compiles, and twinpath launches the `__global__` functions it is told to.
 * Cached on disk by nvcc's version, flags and source; its log (the format
 * NVRTC's has) at file:line:col of the original source.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheKey, nativeCacheDir, withLocalHeaders } from '../native/cache.ts';
import type { NativeBuildOptions } from '../native/compile-options.ts';
import { NativeCompileError } from '../native/host-compiler.ts';
import type { CudaBinary, CudaCompiler } from './compiler.ts';
import { mapNvrtcLog } from './nvrtc.ts';
import { cudaFlags, type CudaToolkit } from './toolkit.ts';

/**
 * The source with every template instance of `entries` instantiated, as a host launch of it would instantiate it:
 * `reduce<int, 256, true>` is in the CUBIN though nothing in the `.cu` launches it. Appended after the source, so
 * its lines keep their numbers.
 */
export function withInstances(code: string, entries: readonly string[] = []): string {
  const instances = entries.filter((e) => e.includes('<') && !e.startsWith('&'));
  if (!instances.length) return code;
  const refs = instances.map((e) => `(void*)&${e}`).join(', ');
  return `${code}\n// twinpath: the template instances launched by name\nstatic void* const twinpath_instances_[] = {${refs}};\n`;
}

/** nvcc's complaint about an architecture it does not know. */
const UNKNOWN_ARCH = /is not defined for option 'gpu-architecture'|Unsupported gpu architecture/;

/** `13.0` from nvcc's `Cuda compilation tools, release 13.0, V13.0.88`, or undefined when it does not run. */
export function nvccVersion(nvcc: string): string | undefined {
  const r = spawnSync(nvcc, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? (/release (\d+\.\d+)/.exec(r.stdout)?.[1] ?? 'unknown version') : undefined;
}

/** nvcc of a toolkit (its version from nvccVersion). */
export class Nvcc implements CudaCompiler {
  readonly name = 'nvcc';

  constructor(
    readonly path: string,
    readonly version: string,
    private readonly toolkit: CudaToolkit,
  ) {}

  get description(): string {
    return `nvcc ${this.version}`;
  }

  /**
   * A CUBIN of `code` for `arch`, from the disk cache when the same nvcc built the same source with the same flags.
   * Throws NativeCompileError with the mapped log:
   * ```
   * im2col [cuda]: nvcc compilation failed (nvcc -cubin -arch=sm_90 -std=c++17 …):
   * kernels/im2col/im2col.cu:14: error: identifier "colums" is undefined
   * ```
   * and, for an architecture this nvcc does not know, the fix:
   * `Fix: this nvcc cannot build for sm_120, the device's compute capability: install a CUDA toolkit that knows it, …`.
   */
  compile(label: string, written: string, arch: string, impl: NativeBuildOptions): CudaBinary {
    const code = withInstances(written, impl.entries);
    const flags = ['-cubin', `-arch=${arch}`, ...cudaFlags(label, impl, this.toolkit)];
    const dir = nativeCacheDir();
    const key = cacheKey('nvcc', this.path, this.version, flags.join(' '), withLocalHeaders(code, flags));
    const out = join(dir, `${key}.cubin`);
    if (!existsSync(out)) {
      const src = join(dir, `${key}.cu`);
      writeFileSync(src, code);
      const tmp = `${out}.${process.pid}.tmp`;
      const r = spawnSync(this.path, [...flags, '-o', tmp, src], { encoding: 'utf8' });
      if (r.status !== 0) {
        const log = `${r.stderr}${r.stdout}`.trim() || (r.error ? r.error.message : `exit status ${r.status}`);
        const archFix = UNKNOWN_ARCH.test(log)
          ? `\nFix: this nvcc cannot build for ${arch}, the device's compute capability: install a CUDA toolkit that knows it, or set TWINPATH_CUDA_COMPILER=nvrtc with an NVRTC that does`
          : '';
        throw new NativeCompileError(
          `${label}: nvcc compilation failed (nvcc ${flags.join(' ')}):\n${mapNvrtcLog(log, written)}${archFix}`,
        );
      }
      renameSync(tmp, out);
    }
    return { cubin: new Uint8Array(readFileSync(out)), lowered: new Map() };
  }
}
