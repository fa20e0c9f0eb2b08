/**
 * The modules under an import root: every `.wgsl` file below it, named by its
 * `#define_import_path`, or else by its path (`color/tone.wgsl` is
 * `color::tone`). Folders named `node_modules` or starting with `.` are skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const DEFINE = /^[ \t]*#define_import_path[ \t]+([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)/m;
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The module path a file declares, or none. */
export function declaredPath(code: string): string | undefined {
  return DEFINE.exec(code)?.[1];
}

function wgslFilesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (name.startsWith('.') || name === 'node_modules') return [];
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return wgslFilesUnder(p);
    return name.endsWith('.wgsl') ? [p] : [];
  });
}

/** Module path -> the files (absolute) that are that module, for one root. */
export function indexRoot(root: string, read: (file: string) => string): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const file of wgslFilesUnder(root)) {
    const segments = relative(root, file).slice(0, -'.wgsl'.length).split(sep);
    const path = declaredPath(read(file)) ?? (segments.every((s) => SEGMENT.test(s)) ? segments.join('::') : undefined);
    if (path === undefined) continue;
    index.set(path, [...(index.get(path) ?? []), file]);
  }
  return index;
}

/** Reads a file as UTF-8. */
export const readText = (file: string) => readFileSync(file, 'utf8');
