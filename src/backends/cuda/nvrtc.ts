/**
 * NVRTC through koffi: CUDA C++ compiled at run time to a CUBIN for the
 * device's compute capability, cached on disk by NVRTC version, options and
 * source. Unannotated functions are device functions (`-default-device`), so
 * headers declaring host helpers compile; the implementation's `entries` are
 * name expressions, their lowered names kept beside the CUBIN. The log (NVRTC's
 * and nvcc's share a format) is rewritten to file:line:col of the original
 * source (the sources carry `#line` directives; the column from the caret).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LibraryHandle } from 'koffi';
import { cacheKey, nativeCacheDir, withLocalHeaders } from '../native/cache.ts';
import type { NativeBuildOptions } from '../native/compile-options.ts';
import { NativeCompileError } from '../native/host-compiler.ts';
import type { CudaBinary, CudaCompiler } from './compiler.ts';
import { cudaFlags, type CudaToolkit } from './toolkit.ts';

type Fn = ReturnType<LibraryHandle['func']>;

const NVRTC_SUCCESS = 0;

/** NVRTC's `file(line): error: msg`, the source line it prints, then a caret under the column. */
const DIAGNOSTIC = /^(.+)\((\d+)\): (error|warning|catastrophic error)( #\S+)?: (.*)$/;

/** Each file's lines inside a joined source, by its `#line 1 "file"` directives. */
function filesOf(code: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const l of code.split('\n')) {
    const m = /^#line 1 "(.*)"$/.exec(l);
    if (m) files.set(m[1]!, (current = []));
    else current?.push(l);
  }
  return files;
}

/**
 * NVRTC's log with every diagnostic as `file:line:col: error: msg` (the column
 * from its caret, measured against the line of `code` it quotes), the context lines kept:
 * `kernels/im2col/im2col.cu:14:3: error: identifier "colums" is undefined`.
 */
export function mapNvrtcLog(log: string, code: string): string {
  const files = filesOf(code);
  const lines = log.split('\n');
  return lines
    .map((l, i) => {
      const m = DIAGNOSTIC.exec(l);
      if (!m) return l;
      const [, file, lineText, kind, , msg] = m;
      const line = Number(lineText);
      const shown = lines[i + 1];
      const caret = lines[i + 2];
      let col = '';
      const original = files.get(file!)?.[line - 1];
      if (
        shown !== undefined &&
        caret !== undefined &&
        /^\s*\^\s*$/.test(caret) &&
        original !== undefined &&
        original.trim()
      ) {
        const indent = shown.indexOf(original.trimStart()) - (original.length - original.trimStart().length);
        if (indent >= 0) col = `:${caret.indexOf('^') - indent + 1}`;
      }
      return `${file}:${line}${col}: ${kind}: ${msg}`;
    })
    .join('\n');
}

export class Nvrtc implements CudaCompiler {
  readonly name = 'nvrtc';
  private readonly f: Record<string, Fn>;
  readonly version: string;

  constructor(
    lib: LibraryHandle,
    private readonly toolkit?: CudaToolkit,
  ) {
    this.f = {
      nvrtcVersion: lib.func('int nvrtcVersion(_Out_ int *major, _Out_ int *minor)'),
      nvrtcCreateProgram: lib.func(
        'int nvrtcCreateProgram(_Out_ void **prog, const char *src, const char *name, int numHeaders, const char **headers, const char **names)',
      ),
      nvrtcCompileProgram: lib.func('int nvrtcCompileProgram(void *prog, int numOptions, const char **options)'),
      nvrtcGetProgramLogSize: lib.func('int nvrtcGetProgramLogSize(void *prog, _Out_ size_t *size)'),
      nvrtcGetProgramLog: lib.func('int nvrtcGetProgramLog(void *prog, uint8_t *log)'),
      nvrtcGetCUBINSize: lib.func('int nvrtcGetCUBINSize(void *prog, _Out_ size_t *size)'),
      nvrtcGetCUBIN: lib.func('int nvrtcGetCUBIN(void *prog, uint8_t *cubin)'),
      nvrtcDestroyProgram: lib.func('int nvrtcDestroyProgram(_Inout_ void **prog)'),
      nvrtcGetErrorString: lib.func('const char *nvrtcGetErrorString(int result)'),
      nvrtcAddNameExpression: lib.func('int nvrtcAddNameExpression(void *prog, const char *name)'),
      nvrtcGetLoweredName: lib.func(
        'int nvrtcGetLoweredName(void *prog, const char *name, _Out_ const char **lowered)',
      ),
    };
    const major: [number] = [0];
    const minor: [number] = [0];
    this.check('nvrtcVersion', this.f.nvrtcVersion!(major, minor) as number);
    this.version = `${major[0]}.${minor[0]}`;
  }

  get description(): string {
    return `NVRTC ${this.version}`;
  }

  private check(call: string, r: number): void {
    if (r !== NVRTC_SUCCESS) throw new NativeCompileError(`${call}: ${String(this.f.nvrtcGetErrorString!(r))}`);
  }

  private sized(prog: unknown, sizeCall: string, getCall: string): Uint8Array {
    const size: [number | bigint] = [0];
    this.check(sizeCall, this.f[sizeCall]!(prog, size) as number);
    const buf = new Uint8Array(Number(size[0]));
    this.check(getCall, this.f[getCall]!(prog, buf) as number);
    return buf;
  }

  /**
   * A CUBIN of `code` for `arch` (`sm_90`), from the disk cache when the same
   * NVRTC compiled the same source with the same options before, with the
   * lowered name of each of `impl.entries`. Throws NativeCompileError with the mapped log:
   * ```
   * im2col [cuda]: NVRTC compilation failed (--gpu-architecture=sm_90 -default-device -std=c++17 …):
   * kernels/im2col/im2col.cu:14:3: error: identifier "colums" is undefined
   * ```
   */
  compile(label: string, code: string, arch: string, impl: NativeBuildOptions): CudaBinary {
    const options = [`--gpu-architecture=${arch}`, '-default-device', ...cudaFlags(label, impl, this.toolkit)];
    const entries = impl.entries ?? [];
    const key = cacheKey('nvrtc', this.version, options.join(' '), entries.join('\n'), withLocalHeaders(code, options));
    const file = join(nativeCacheDir(), `${key}.cubin`);
    const names = `${file}.names.json`;
    if (existsSync(file) && existsSync(names))
      return { cubin: new Uint8Array(readFileSync(file)), lowered: new Map(JSON.parse(readFileSync(names, 'utf8'))) };
    const prog: [unknown] = [null];
    this.check('nvrtcCreateProgram', this.f.nvrtcCreateProgram!(prog, code, label, 0, null, null) as number);
    try {
      for (const e of entries)
        this.check('nvrtcAddNameExpression', this.f.nvrtcAddNameExpression!(prog[0], e) as number);
      const r = this.f.nvrtcCompileProgram!(prog[0], options.length, options) as number;
      if (r !== NVRTC_SUCCESS) {
        const log = new TextDecoder()
          .decode(this.sized(prog[0], 'nvrtcGetProgramLogSize', 'nvrtcGetProgramLog'))
          .replace(/\0+$/, '')
          .trim();
        const mapped = mapNvrtcLog(log, code) || String(this.f.nvrtcGetErrorString!(r));
        throw new NativeCompileError(
          `${label}: NVRTC compilation failed (${options.join(' ')}):\n${mapped}${hostCodeFix(mapped)}`,
        );
      }
      const lowered = new Map(entries.map((e) => [e, this.lowered(prog[0], e)] as const));
      const cubin = this.sized(prog[0], 'nvrtcGetCUBINSize', 'nvrtcGetCUBIN');
      writeFileSync(names, JSON.stringify([...lowered]));
      writeFileSync(file, cubin);
      return { cubin, lowered };
    } finally {
      this.f.nvrtcDestroyProgram!(prog);
    }
  }

  /** The lowered name of a name expression after compiling. */
  private lowered(prog: unknown, expression: string): string {
    const out: [string | null] = [null];
    this.check('nvrtcGetLoweredName', this.f.nvrtcGetLoweredName!(prog, expression, out) as number);
    return out[0]!;
  }
}

/**
 * The fix where NVRTC stumbled on host code it cannot compile: a standard header it does not have, or a `<<<…>>>`
 * launch. `\nFix: NVRTC compiles device code only: keep host code (standard headers such as <cstdio>, <<<…>>>
 * launches) under #ifndef __CUDACC_RTC__, or let nvcc compile it (a CUDA toolkit with nvcc; TWINPATH_CUDA_COMPILER=nvcc)`.
 */
export function hostCodeFix(log: string): string {
  const hostHeader = /cannot open source file "[A-Za-z_]+(\.h)?"/.test(log);
  const launch = /<<<|expected an expression[\s\S]*>>>/.test(log);
  if (!hostHeader && !launch) return '';
  return (
    '\nFix: NVRTC compiles device code only: keep host code (standard headers such as <cstdio>, <<<…>>> launches) ' +
    'under #ifndef __CUDACC_RTC__, or let nvcc compile it (a CUDA toolkit with nvcc; TWINPATH_CUDA_COMPILER=nvcc)'
  );
}
