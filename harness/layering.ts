/**
 * The layering rules of ARCHITECTURE.md, checked on the source: oracles reach
 * nothing that touches the GPU; the harness never imports a kernel, a case
 * or a report.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * Import specifiers of a TS source that load code at run time (`import type`
 * does not); `dynamic: false` leaves out `import()`.
 */
function importsOf(source: string, dynamic: boolean): string[] {
  return [...source.matchAll(IMPORT)].flatMap((m) => {
    const spec = m[1] ?? (dynamic ? m[2] : undefined);
    return spec ? [spec] : [];
  });
}

/** Every `.ts` file under `dir`, tests excluded. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/**
 * Follows relative imports from `entry`; returns every path (`file -> file -> 'webgpu'`)
 * that reaches a file or package `forbidden` accepts (paths relative to `root`).
 */
export function forbiddenImports(
  root: string,
  entry: string,
  forbidden: (target: string) => boolean,
  o: { readonly dynamic?: boolean } = {},
): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'), o.dynamic ?? true)) {
      const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : spec;
      const next = [...chain, target];
      if (forbidden(target)) found.push(next.join(' -> '));
      else if (spec.startsWith('.') && existsSync(resolve(root, target))) walk(resolve(root, target), next);
    }
  };
  walk(resolve(entry), [relative(root, resolve(entry))]);
  return found;
}

/** Oracles must not reach the GPU or a native library: dawn.node, wgsl_reflect, koffi, harness/gpu, the native backends. */
export const touchesGpu = (target: string) =>
  /^(webgpu|wgsl_reflect|koffi)(\/|$)/.test(target) || /^harness\/(gpu|backends|native)\//.test(target);

/** The backend-neutral core must not load a backend's own folder except through the registry, on demand. */
export const backendSpecific = (target: string) => /^harness\/backends\/(cuda|cpp)\//.test(target);

/** The harness must not import kernels, cases or reports. */
export const outsideHarness = (target: string) => /^(kernels|cases|reports)\//.test(target);
