/**
 * The modules under import roots: every `.wgsl` file below a root, named by
 * its `#define_import_path`, or else by its path (`color/tone.wgsl` is
 * `color::tone`). Folders named `node_modules` or starting with `.` are
 * skipped. A module path resolves to its file under the first root that has it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { WgslCompositionError } from './composition-error.ts';

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

/** A path as messages show it: relative to the working directory. */
export const shown = (abs: string): string => relative(process.cwd(), abs) || abs;

/** Import roots in order, each with its modules; a folder that does not exist has none. */
export class ImportRoots {
  private readonly roots: ReadonlyArray<{ readonly dir: string; readonly index: Map<string, string[]> | undefined }>;

  constructor(dirs: readonly string[], read: (file: string) => string) {
    this.roots = dirs.map((r) => {
      const dir = resolve(r);
      return { dir, index: existsSync(dir) ? indexRoot(dir, read) : undefined };
    });
  }

  /** The roots as messages list them: `kernels/k/common (modules: color::grade), kernels/lib (does not exist)`. */
  describe(): string {
    if (!this.roots.length) return 'no import roots';
    const modules = (index: Map<string, string[]> | undefined) => {
      if (!index) return 'does not exist';
      return index.size ? `modules: ${[...index.keys()].sort().join(', ')}` : 'no modules';
    };
    return this.roots.map((r) => `${shown(r.dir)} (${modules(r.index)})`).join(', ');
  }

  /**
   * The file (absolute) that is module `path` under the first root that has it, without reading it.
   * Throws WgslCompositionError when that root has several:
   * `module color::tone is declared by 2 files under kernels/lib: …. Fix: give each file its own #define_import_path.`
   */
  locate(path: string): string | undefined {
    for (const r of this.roots) {
      const files = r.index?.get(path);
      if (!files) continue;
      if (files.length > 1) {
        throw new WgslCompositionError(
          `module ${path} is declared by ${files.length} files under ${shown(r.dir)}: ` +
            `${files.map(shown).join(', ')}. ` +
            'Fix: give each file its own #define_import_path.',
        );
      }
      return files[0];
    }
    return undefined;
  }
}
