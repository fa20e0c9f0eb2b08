/**
 * C++ implementations as shared libraries: the source (plus the C layout
 * assertions of its structs) compiled by the system compiler into the native
 * cache, keyed by source and flags, loaded once with koffi; entry points
 * bound once per signature.
 */
import koffi, { type LibraryHandle } from 'koffi';

type KoffiFunction = ReturnType<LibraryHandle['func']>;
import { GpuSetupError } from '../../gpu/context.ts';
import type { NativeArg } from '../../native/api.ts';
import { compileHost } from '../../native/host-compiler.ts';
import { LAYOUT_CHECK_FILE, layoutAssertions } from '../../native/layout-asserts.ts';
import { nativeAppend, type NativeSource } from '../../native/source.ts';
import type { StructDecl } from '../../layout/types.ts';

/** A loaded library: its path and entry points by signature. */
export interface CppLibrary {
  readonly path: string;
  readonly lib: LibraryHandle;
  readonly entries: Map<string, KoffiFunction>;
}

const libraries = new Map<string, CppLibrary>();

/**
 * Compiles and loads `src` (cached by everything that goes into it). Throws
 * NativeCompileError with the compiler's diagnostics at the original
 * file:line:col, a layout mismatch as
 * `<twinpath C layout check>:3:1: error: static assertion failed: twinpath layout: TextureDesc.mipLevelCount is at offset 28 …`.
 */
export function cppLibrary(label: string, src: NativeSource, structs: readonly StructDecl[], flags: readonly string[]): CppLibrary {
  const code = nativeAppend(src, LAYOUT_CHECK_FILE, layoutAssertions([...src.structs, ...structs])).code;
  const path = compileHost({ language: 'c++', code, output: 'shared', flags: ['-fno-fast-math', ...flags], label });
  let l = libraries.get(path);
  if (!l) {
    l = { path, lib: koffi.load(path), entries: new Map() };
    libraries.set(path, l);
  }
  return l;
}

const C_TYPE: Readonly<Record<'u32' | 'i32' | 'f32', string>> = { u32: 'uint32_t', i32: 'int32_t', f32: 'float' };

/** The C parameter list of a call: surfaces and structs are pointers, scalars by value. */
export function cppSignature(args: readonly NativeArg[]): string {
  return args.map((a) => (a.kind === 'scalar' ? C_TYPE[a.type] : 'void *')).join(', ');
}

/**
 * The entry point `entry` of the library, for arguments like `args`. Throws GpuSetupError:
 * `mip_downsample [cpp]: no extern "C" function mip_downsample in the compiled source (…). Fix: define it with TP_KERNEL (extern "C")`.
 */
export function cppEntry(label: string, l: CppLibrary, entry: string, args: readonly NativeArg[]): KoffiFunction {
  const signature = `void ${entry}(${cppSignature(args)})`;
  let f = l.entries.get(signature);
  if (!f) {
    try {
      f = l.lib.func(signature);
    } catch (e) {
      throw new GpuSetupError(`${label}: no extern "C" function ${entry} in the compiled source (${e instanceof Error ? e.message : String(e)}). Fix: define it with TP_KERNEL (extern "C")`);
    }
    l.entries.set(signature, f);
  }
  return f;
}
