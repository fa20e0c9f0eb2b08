/**
 * An implementation's build options — include folders, definitions, the C++
 * standard, raw options — as compiler flags, decided once for every native
 * toolchain (the system compiler, nvcc, NVRTC): `-I<abs>` per folder (the
 * source's own folder first, so a header beside the kernel is found), then
 * `-DNAME=value` per definition, then the raw options.
 */
import { isAbsolute, resolve } from 'node:path';
import { NativeCompileError } from './host-compiler.ts';
import { sourceFolder, type NativeSource } from './source.ts';

/** What of a native implementation shapes how its source compiles. */
export interface NativeBuildOptions {
  readonly source: NativeSource;
  /** Extra compiler options, raw (NVRTC or nvcc options, or host compiler flags), after the ones below. */
  readonly options?: readonly string[];
  /** Include folders (`-I`); a relative one resolves against the folder of the source's first file. */
  readonly includes?: readonly string[];
  /** Preprocessor definitions: `{ RADIUS: 3, USE_FAST: true }` is `-DRADIUS=3 -DUSE_FAST=1` (false is `=0`). */
  readonly defines?: Readonly<Record<string, string | number | boolean>>;
  /** The C++ standard: `'c++17'` (the default), `'c++20'`. */
  readonly std?: string;
  /**
   * CUDA only: FMA contraction of a multiply and an add (`--fmad`); both CUDA compilers default to on. Exact parity
   * with a CPU reference usually needs `fmad: false`.
   */
  readonly fmad?: boolean;
  /** CUDA only: `--use_fast_math` (approximate division, square root and transcendentals; flush to zero). */
  readonly fastMath?: boolean;
  /**
   * CUDA: the source names it launches or sets that the compiler mangles — `'reduce<int, 256, true>'` for a
   * template kernel, `'&ns::weights'` for a variable — given to NVRTC as name expressions, so `launch` and
   * `global` find them. (nvcc builds list the module's kernels instead; an `extern "C"` name needs no entry.)
   */
  readonly entries?: readonly string[];
}

/** The C++ standard when the implementation names none. */
export const DEFAULT_STD = 'c++17';

const MACRO_NAME = /^[A-Za-z_]\w*$/;
const STD = /^(c|gnu)\+\+\d\w*$/;

/** The include folders, absolute: the source's folder, then `includes` (relative ones against the source's folder). */
export function includeFolders(impl: NativeBuildOptions): string[] {
  const base = sourceFolder(impl.source);
  return [...new Set([base, ...(impl.includes ?? []).map((d) => (isAbsolute(d) ? d : resolve(base, d)))])];
}

/**
 * `-DNAME=value` per definition (true is 1, false 0). Throws NativeCompileError for a name that is no macro name
 * or a value across lines: `blur [cuda]: define "RADIUS X" is not a macro name. Fix: a C identifier, e.g. RADIUS`.
 */
export function defineFlags(label: string, defines: NativeBuildOptions['defines'] = {}): string[] {
  return Object.entries(defines).map(([name, v]) => {
    if (!MACRO_NAME.test(name))
      throw new NativeCompileError(
        `${label}: define ${JSON.stringify(name)} is not a macro name. Fix: a C identifier, e.g. RADIUS`,
      );
    const value = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
    if (/[\r\n]/.test(value))
      throw new NativeCompileError(`${label}: define ${name}'s value spans lines. Fix: one line of text`);
    return `-D${name}=${value}`;
  });
}

/**
 * The standard the implementation asks for, checked: throws NativeCompileError
 * `blur [cpp]: std "17" is no C++ standard. Fix: e.g. 'c++17' or 'c++20'`.
 */
export function cxxStandard(label: string, impl: NativeBuildOptions): string {
  const std = impl.std ?? DEFAULT_STD;
  if (!STD.test(std))
    throw new NativeCompileError(
      `${label}: std ${JSON.stringify(std)} is no C++ standard. Fix: e.g. 'c++17' or 'c++20'`,
    );
  return std;
}

/** The flags every toolchain takes alike: includes, definitions, then the raw options (throws as defineFlags). */
export function sharedFlags(label: string, impl: NativeBuildOptions): string[] {
  return [...includeFolders(impl).map((d) => `-I${d}`), ...defineFlags(label, impl.defines), ...(impl.options ?? [])];
}

/**
 * The system compiler's flags for an implementation: `-std=` when it names one (after the compiler's default, so
 * it wins), then sharedFlags.
 */
export function hostFlags(label: string, impl: NativeBuildOptions): string[] {
  return [...(impl.std ? [`-std=${cxxStandard(label, impl)}`] : []), ...sharedFlags(label, impl)];
}

/** A key of everything but the source that shapes a build: for caches of compiled modules. */
export function buildKey(impl: NativeBuildOptions): string {
  const { options, includes, defines, std, fmad, fastMath, entries } = impl;
  return JSON.stringify({ options, includes, defines, std, fmad, fastMath, entries });
}
