/**
 * A kernel's WGSL: its files composed with the modules they `#import`
 * (src/wgsl/), with the origin of every line, so compiler messages name
 * the file, line and column the author wrote.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeWgsl, WgslCompositionError, type ModuleSource, type WgslPart } from './compose.ts';
import { demangle } from './mangle.ts';
import { originOf, type LineOrigin, type SourcePosition } from './line-map.ts';
import type { PushConstant } from './push-constants.ts';

export type { WgslPart } from './compose.ts';
export type { PushConstant } from './push-constants.ts';
export type { SourcePosition } from './line-map.ts';

export interface WgslSource {
  /** The composed WGSL; empty when composition failed (see `problem`). */
  readonly code: string;
  /** Origin of each line of `code`. */
  readonly lines: readonly LineOrigin[];
  /** Composed name -> qualified name for messages: `loadTexel__twinpath__texture` -> `twinpath::texture::loadTexel`. */
  readonly names: ReadonlyMap<string, string>;
  /** Each `var<push_constant>`, now a uniform binding: bind the case's values at its group and binding. */
  readonly pushConstants: readonly PushConstant[];
  /** Why the WGSL could not be composed (an unresolved import, a cycle, ...); compiling it reports this. */
  readonly problem?: string;
  /** The top-level files as given and the import roots (absolute), so an edited copy can be composed again. */
  readonly parts: readonly WgslPart[];
  readonly importRoots: readonly string[];
  /** The module files read from the import roots. */
  readonly rootModules: readonly ModuleSource[];
}

export interface WgslOptions {
  /**
   * Folders whose `.wgsl` files `#import` finds: relative to the module that
   * names them for {@link wgsl}, to the working directory for {@link wgslJoin}.
   * twinpath's own library (`twinpath::texture`, `twinpath::frame`) is always searched last.
   */
  readonly importRoots?: readonly string[];
}

/** twinpath's WGSL library: `twinpath::texture` (TextureDesc, pixel I/O by format), `twinpath::frame`. */
export const LIBRARY_ROOT = fileURLToPath(new URL('../lib/', import.meta.url));

function displayName(abs: string): string {
  return relative(process.cwd(), abs) || abs;
}

/** The project's import roots from its config (twinpath.config.ts `importRoots`, handed over as TWINPATH_IMPORT_ROOTS). */
function configuredImportRoots(): string[] {
  const roots = process.env.TWINPATH_IMPORT_ROOTS;
  return roots ? (JSON.parse(roots) as string[]) : [];
}

/** A source that could not be read or composed: `problem` says why. */
function failed(problem: string, parts: readonly WgslPart[], importRoots: readonly string[]): WgslSource {
  return { code: '', lines: [], names: new Map(), pushConstants: [], rootModules: [], problem, parts, importRoots };
}

type Overlay = ReadonlyMap<string, string>;

function composed(parts: readonly WgslPart[], roots: readonly string[], overlay?: Overlay): WgslSource {
  const importRoots = [...new Set([...roots, ...configuredImportRoots(), LIBRARY_ROOT].map((r) => resolve(r)))];
  try {
    const c = composeWgsl(parts, { importRoots, ...(overlay ? { overlay } : {}) });
    const { code, lines, names, pushConstants, rootModules } = c;
    return { code, lines, names, pushConstants, rootModules, parts, importRoots };
  } catch (e) {
    if (!(e instanceof WgslCompositionError)) throw e;
    return failed(e.message, parts, importRoots);
  }
}

/**
 * WGSL texts (each with the name messages show) composed with their imports:
 * `wgslJoin([{ file: 'inline.wgsl', code: '#import twinpath::texture::TextureDesc\n…' }])`.
 * Several parts share one namespace, in order.
 */
export function wgslJoin(parts: readonly WgslPart[], options: WgslOptions = {}): WgslSource {
  return composed(parts, options.importRoots ?? []);
}

/**
 * A kernel's WGSL files, relative to its module, composed with what they import:
 * `wgsl(import.meta.url, './blur.wgsl', { importRoots: ['./common'] })`.
 * A file that cannot be read or composed gives a source whose `problem` says
 * why; its sweep then fails every case as `compile-error` with that message.
 */
export function wgsl(base: string, paths: string | readonly string[], options: WgslOptions = {}): WgslSource {
  const roots = (options.importRoots ?? []).map((r) => fileURLToPath(new URL(r.endsWith('/') ? r : `${r}/`, base)));
  const parts: WgslPart[] = [];
  for (const p of typeof paths === 'string' ? [paths] : paths) {
    const abs = fileURLToPath(new URL(p, base));
    try {
      parts.push({ file: displayName(abs), code: readFileSync(abs, 'utf8') });
    } catch (e) {
      const why = `cannot read the kernel's WGSL (${(e as Error).message})`;
      const fix = `Fix: correct the path, relative to ${displayName(fileURLToPath(base))}.`;
      return failed(`${displayName(abs)}: ${why}. ${fix}`, parts, roots);
    }
  }
  return composed(parts, roots);
}

/** Maps a 1-based line (and column) of the composed code to where it was written. */
export function sourceLocation(src: WgslSource, line: number, column?: number): SourcePosition {
  return originOf(src.lines, line, column);
}

/** A message about the composed code (a compiler's, wgsl_reflect's) with composed names written as `module::item`. */
export function wgslMessage(src: WgslSource, text: string): string {
  return demangle(text, src.names);
}

/**
 * Replaces text once in the files as written (top-level parts or imported
 * modules) and composes again; throws if `find` is not there exactly once
 * (planted bugs rely on this):
 * `wgslReplace: expected exactly one occurrence of "x0 + 1u" in kernels/k/k.wgsl, src/lib/texture.wgsl; found 0`.
 */
export function wgslReplace(src: WgslSource, find: string, replace: string): WgslSource {
  const count = (code: string) => code.split(find).length - 1;
  const all = [...src.parts, ...src.rootModules];
  const found = all.reduce((n, f) => n + count(f.code), 0);
  if (found !== 1) {
    const files = all.map((f) => f.file).join(', ');
    const what = `expected exactly one occurrence of ${JSON.stringify(find)} in ${files}; found ${found}`;
    throw new Error(`wgslReplace: ${what}`);
  }
  const parts = src.parts.map((p) => (count(p.code) ? { file: p.file, code: p.code.replace(find, () => replace) } : p));
  const edited = src.rootModules.find((m) => count(m.code));
  const overlay = edited ? new Map([[edited.path, edited.code.replace(find, () => replace)]]) : undefined;
  return composed(parts, src.importRoots, overlay);
}
