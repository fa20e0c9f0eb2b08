/**
 * The layering rules of docs/architecture.md, checked on the source: oracles
 * reach nothing that touches the GPU; the harness core (harness/ but its
 * command line, harness/cli/) never imports a kernel, a case, a report or the
 * project tooling.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

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

/** The package's own entry points (`twinpath`, `twinpath/oracle`, ...) as source paths relative to `root`, from package.json. */
function selfExports(root: string): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(pkg.exports)) {
    const source =
      typeof value === 'object' && value ? (value as Record<string, string>)['twinpath-source'] : undefined;
    if (source) map.set(key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`, relative(root, resolve(root, source)));
  }
  return map;
}

/**
 * Follows relative imports and the package's own entry points from `entry`; returns every path (`file -> file -> 'webgpu'`)
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
  const own = selfExports(root);
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'), o.dynamic ?? true)) {
      const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : (own.get(spec) ?? spec);
      const next = [...chain, target];
      if (forbidden(target)) found.push(next.join(' -> '));
      else if ((spec.startsWith('.') || own.has(spec)) && existsSync(resolve(root, target)))
        walk(resolve(root, target), next);
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

/** The harness core must not import kernels, cases, reports or the project tooling. */
export const outsideHarness = (target: string) => /^(kernels|cases|reports|project)\//.test(target);

/** The harness core: harness/ without its command line (harness/cli/, the application on top of every layer). */
export const isHarnessCore = (file: string) => !/[/\\]harness[/\\]cli[/\\]/.test(file);
