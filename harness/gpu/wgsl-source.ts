/**
 * WGSL sources made of several files (the shared library, then the kernel),
 * with a line map so compiler messages point at the right file and line.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

/** One file's lines inside a concatenated source. */
export interface WgslSegment {
  readonly file: string;
  /** 1-based line of the concatenated code where this file starts. */
  readonly firstLine: number;
  readonly lines: number;
}

export interface WgslSource {
  readonly code: string;
  readonly segments: readonly WgslSegment[];
}

/** Joins WGSL texts (each with the name messages should show) into one source. */
export function wgslJoin(parts: ReadonlyArray<{ file: string; code: string }>): WgslSource {
  const segments: WgslSegment[] = [];
  let line = 1;
  const texts: string[] = [];
  for (const p of parts) {
    const text = p.code.endsWith('\n') ? p.code : `${p.code}\n`;
    const lines = text.split('\n').length - 1;
    segments.push({ file: p.file, firstLine: line, lines });
    texts.push(text);
    line += lines;
  }
  return { code: texts.join(''), segments };
}

function readPart(url: URL): { file: string; code: string } {
  const abs = fileURLToPath(url);
  return { file: relative(process.cwd(), abs) || abs, code: readFileSync(abs, 'utf8') };
}

/**
 * Reads WGSL files relative to a module (`import.meta.url`) and joins them in
 * order: `wgslFiles(import.meta.url, './a.wgsl', './b.wgsl')`.
 */
export function wgslFiles(base: string, ...paths: string[]): WgslSource {
  return wgslJoin(paths.map((p) => readPart(new URL(p, base))));
}

/** twinpath's shared WGSL library: TextureDesc and pixel I/O by format. */
const LIBRARY = new URL('../../kernels/lib/texture.wgsl', import.meta.url);

/**
 * A kernel's WGSL files, relative to its module, after the shared texture
 * library: `wgslWithLibrary(import.meta.url, './flip-y.wgsl')`.
 */
export function wgslWithLibrary(base: string, ...paths: string[]): WgslSource {
  return wgslJoin([readPart(LIBRARY), ...paths.map((p) => readPart(new URL(p, base)))]);
}

/** Maps a 1-based line of the joined code to `file:line`. */
export function sourceLocation(src: WgslSource, line: number): { file: string; line: number } {
  for (const s of src.segments) {
    if (line >= s.firstLine && line < s.firstLine + s.lines) return { file: s.file, line: line - s.firstLine + 1 };
  }
  return { file: src.segments[src.segments.length - 1]?.file ?? '<wgsl>', line };
}

/** Returns the source with `find` replaced once; throws if it is not there exactly once (planted bugs rely on this). */
export function wgslReplace(src: WgslSource, find: string, replace: string): WgslSource {
  const first = src.code.indexOf(find);
  if (first < 0 || src.code.indexOf(find, first + 1) >= 0) {
    throw new Error(`wgslReplace: expected exactly one occurrence of ${JSON.stringify(find)}`);
  }
  const lines = src.code.split('\n');
  const parts = src.segments.map((s) => ({ file: s.file, code: lines.slice(s.firstLine - 1, s.firstLine - 1 + s.lines).join('\n') }));
  return wgslJoin(parts.map((p) => ({ file: p.file, code: p.code.replace(find, replace) })));
}
