/**
 * C++ implementations as shared libraries: the source (plus the C layout
 * assertions of its structs) compiled by the system compiler into the native
 * cache, keyed by source and flags, loaded once with koffi (its layout probe
 * runs here); entry points checked once per signature, and called in the
 * runner process (runner.ts).
 */
import { spawnSync } from 'node:child_process';
import koffi, { type LibraryHandle } from 'koffi';

type KoffiFunction = ReturnType<LibraryHandle['func']>;
import { SetupError } from '../../model/setup-error.ts';
import type { NativeArg } from '../native/api.ts';
import { checkGlobalSize } from '../native/case-context.ts';
import { compileHost } from '../native/host-compiler.ts';
import {
  checkProbedLayout,
  LAYOUT_PROBE_ENTRY,
  LAYOUT_PROBE_FILE,
  layoutProbeLength,
  layoutProbeSource,
} from '../native/layout-probe.ts';
import { nativeAppend, type NativeSource } from '../native/source.ts';
import type { StructDecl } from '../../model/layout/types.ts';
import { ASAN_FLAGS } from './asan.ts';

/** A loaded library: its path and the entry points seen in it, by signature. */
export interface CppLibrary {
  readonly path: string;
  readonly lib: LibraryHandle;
  readonly entries: Map<string, KoffiFunction>;
  /** Its exported data symbols and their sizes in bytes (by `nm`), once asked for. */
  globals?: ReadonlyMap<string, number>;
}

const libraries = new Map<string, CppLibrary>();
/** Libraries whose layout probe failed, per sweep label: the error again, without loading and probing again. */
const failures = new Map<string, Error>();

/**
 * Compiles and loads `src` (cached by everything that goes into it) with the
 * layout probe of its structs, and runs the probe once. Throws
 * NativeCompileError with the compiler's diagnostics at the original
 * file:line:col, or checkProbedLayout's
 * `im2col [cpp]: C struct Im2colParams differs from its TS declaration (C rules): nps_x at offset 16 in the compiled source, 12 in TS; …`.
 */
export function cppLibrary(
  label: string,
  src: NativeSource,
  structs: readonly StructDecl[],
  flags: readonly string[],
): CppLibrary {
  const checked = [...src.structs, ...structs];
  const path = compileLibrary(label, src, checked, flags);
  const failed = failures.get(`${path}:${label}`);
  if (failed) throw failed;
  let l = libraries.get(path);
  if (!l) {
    const lib = koffi.load(path);
    const probed = new BigUint64Array(Math.max(1, layoutProbeLength(checked)));
    lib.func(`void ${LAYOUT_PROBE_ENTRY}(void *out)`)(probed);
    try {
      checkProbedLayout(label, checked, probed);
    } catch (e) {
      failures.set(`${path}:${label}`, e as Error);
      throw e;
    }
    l = { path, lib, entries: new Map() };
    libraries.set(path, l);
  }
  return l;
}

/** The library's source (with the layout probe of `checked`) compiled with `flags`: its path in the native cache. */
function compileLibrary(label: string, src: NativeSource, checked: readonly StructDecl[], flags: readonly string[]) {
  const code = nativeAppend(src, LAYOUT_PROBE_FILE, layoutProbeSource(checked, 'cpp')).code;
  return compileHost({ language: 'c++', code, output: 'shared', flags: ['-fno-fast-math', ...flags], label });
}

/**
 * The same library built with AddressSanitizer and UBSan (ASAN_FLAGS), cached apart: its path, for a sanitized
 * runner process to load (it cannot load where the sanitizer runtime was not preloaded). Throws NativeCompileError
 * as cppLibrary does.
 */
export function cppSanitizedLibrary(
  label: string,
  src: NativeSource,
  structs: readonly StructDecl[],
  flags: readonly string[],
): string {
  return compileLibrary(label, src, [...src.structs, ...structs], [...flags, ...ASAN_FLAGS]);
}

const C_TYPE: Readonly<Record<'u32' | 'i32' | 'f32', string>> = { u32: 'uint32_t', i32: 'int32_t', f32: 'float' };

/** The C parameter list of a call: surfaces, buffers and structs are pointers, scalars by value. */
export function cppSignature(args: readonly NativeArg[]): string {
  return args.map((a) => (a.kind === 'scalar' ? C_TYPE[a.type] : 'void *')).join(', ');
}

/**
 * The C signature that calls `entry` of the library with arguments like `args`, once the library is seen to
 * export it (bound here, called in the runner process). Throws SetupError:
 * `mip_downsample [cpp]: no extern "C" function mip_downsample in the compiled source (…). Fix: define it with TP_KERNEL (extern "C")`.
 */
export function cppEntrySignature(label: string, l: CppLibrary, entry: string, args: readonly NativeArg[]): string {
  const signature = `void ${entry}(${cppSignature(args)})`;
  if (!l.entries.has(signature)) {
    try {
      l.entries.set(signature, l.lib.func(signature));
    } catch (e) {
      throw new SetupError(
        `${label}: no extern "C" function ${entry} in the compiled source (${e instanceof Error ? e.message : String(e)}). Fix: define it with TP_KERNEL (extern "C")`,
      );
    }
  }
  return signature;
}

/** The exported data symbols of a shared library and their sizes, by `nm -D -S --defined-only`. */
function exportedData(path: string): Map<string, number> {
  const r = spawnSync('nm', ['-D', '-S', '--defined-only', path], { encoding: 'utf8' });
  const data = new Map<string, number>();
  for (const line of r.status === 0 ? r.stdout.split('\n') : []) {
    const m = /^[0-9a-f]+ ([0-9a-f]+) [BDRGSV] (\S+)$/.exec(line.trim());
    if (m) data.set(m[2]!, parseInt(m[1]!, 16));
  }
  return data;
}

/**
 * Checks that the library exports global `name` of `bytes` bytes. Throws SetupError:
 * `blur [cpp]: no extern "C" global weight in the compiled source; it exports weights. Fix: …`, or checkGlobalSize's
 * `blur [cpp]: global weights is 36 bytes, the data 32. Fix: …`.
 */
export function checkCppGlobal(label: string, l: CppLibrary, name: string, bytes: number): void {
  l.globals ??= exportedData(l.path);
  const size = l.globals.get(name);
  if (size === undefined) {
    const has = [...l.globals.keys()].sort();
    throw new SetupError(
      `${label}: no extern "C" global ${name} in the compiled source; ${has.length ? `it exports ${has.join(', ')}` : 'it exports no data'}. Fix: define it at namespace scope inside extern "C" (extern "C" float ${name}[9];), not static or const`,
    );
  }
  checkGlobalSize(label, name, size, bytes);
}
