/**
 * Native kernel sources (CUDA C++ or C++): the shared texture header, then
 * the kernel's files, joined with `#line` directives so that gcc, clang and
 * NVRTC report errors at the original file and line.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StructDecl } from '../../model/layout/types.ts';
import { textureDescStruct } from '../../model/surface/desc.ts';

export interface NativeSource {
  /** The joined text the compiler sees. */
  readonly code: string;
  /** The files it was joined from, as messages name them (relative to the working directory). */
  readonly files: readonly string[];
  /**
   * The TS declarations of the C structs the joined files declare (the library's TextureDesc), checked at compile
   * time.
   */
  readonly structs: readonly StructDecl[];
}

/** twinpath's shared native header: TextureDesc and pixel I/O by format, for CUDA and C++ alike. */
const LIBRARY = new URL('../../lib/texture.h', import.meta.url);

const quoted = (file: string) => JSON.stringify(file.replaceAll('\\', '/'));

/** Joins source texts (each with the name messages should show), each behind a `#line 1 "file"`. */
export function nativeJoin(
  parts: ReadonlyArray<{ readonly file: string; readonly code: string }>,
  structs: readonly StructDecl[] = [],
): NativeSource {
  const code = parts
    .map((p) => `#line 1 ${quoted(p.file)}\n${p.code.endsWith('\n') ? p.code : `${p.code}\n`}`)
    .join('');
  return { code, files: parts.map((p) => p.file), structs };
}

function readPart(url: URL): { file: string; code: string } {
  const abs = fileURLToPath(url);
  return { file: relative(process.cwd(), abs) || abs, code: readFileSync(abs, 'utf8') };
}

/**
 * A kernel's native files, relative to its module, after the shared header:
 * `nativeWithLibrary(import.meta.url, './mip-downsample.cu')`.
 */
export function nativeWithLibrary(base: string, ...paths: string[]): NativeSource {
  return nativeJoin([readPart(LIBRARY), ...paths.map((p) => readPart(new URL(p, base)))], [textureDescStruct()]);
}

/** Native files relative to a module, without the shared header. */
export function nativeFiles(base: string, ...paths: string[]): NativeSource {
  return nativeJoin(paths.map((p) => readPart(new URL(p, base))));
}

/** The source with text appended as its own file (`<twinpath layout check>`). */
export function nativeAppend(src: NativeSource, file: string, code: string): NativeSource {
  return { ...src, code: `${src.code}#line 1 ${quoted(file)}\n${code}`, files: [...src.files, file] };
}

/**
 * The folder of the source's first own file (the shared header skipped), absolute: where an implementation's
 * relative include folders resolve; the working directory for a source of no file.
 */
export function sourceFolder(src: NativeSource): string {
  const library = fileURLToPath(LIBRARY);
  const first = src.files.find((f) => resolve(f) !== library && !f.startsWith('<'));
  return first === undefined ? process.cwd() : dirname(resolve(first));
}

/** Returns the source with `find` replaced once; throws if it is not there exactly once (planted bugs rely on this). */
export function nativeReplace(src: NativeSource, find: string, replace: string): NativeSource {
  const first = src.code.indexOf(find);
  if (first < 0 || src.code.indexOf(find, first + 1) >= 0)
    throw new Error(`nativeReplace: expected exactly one occurrence of ${JSON.stringify(find)}`);
  return { ...src, code: src.code.replace(find, replace) };
}
