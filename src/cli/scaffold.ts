/**
 * `twinpath init`: scaffolds a project — twinpath.config.ts, one example
 * kernel in the four files the naming rule gives it (definition, WGSL,
 * oracle, sweep), a vitest config with the preset, a strict tsconfig, and
 * package.json scripts and dev dependencies. It never overwrites: a file that
 * exists is kept and said so, a script or dependency already there is left.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { kernelFiles } from '../core/kernel/naming.ts';
import { packageRoot } from '../core/settings/package-info.ts';

/** The example kernel init scaffolds. */
export const EXAMPLE_KERNEL = 'flip_y';

/** The scaffold's files: template path (under templates/init) -> path in the project. */
export function scaffoldFiles(): ReadonlyArray<readonly [string, string]> {
  const k = kernelFiles(EXAMPLE_KERNEL);
  return [
    ['twinpath.config.ts', 'twinpath.config.ts'],
    [k.definition, k.definition],
    [k.wgsl, k.wgsl],
    [k.oracle, k.oracle],
    [k.sweep, k.sweep],
  ];
}

/** Names under which vitest finds a project's config; with one of them present init writes no vitest.config.ts. */
const VITEST_CONFIGS = ['vitest.config', 'vite.config'].flatMap((b) =>
  ['ts', 'mts', 'js', 'mjs', 'cts', 'cjs'].map((e) => `${b}.${e}`),
);

/** npm's placeholder test script (`npm init -y`), which init may replace. */
const NPM_PLACEHOLDER_TEST = /^echo "Error: no test specified" && exit 1$/;

interface PackageJson {
  type?: string;
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** What init did, a line per file, script or dependency: `created cases/flip_y.test.ts`, `kept tsconfig.json`. */
export interface InitReport {
  readonly lines: string[];
  /** Dev dependencies it added to package.json (npm install is needed). */
  readonly added: string[];
}

/** The dev dependency versions the scaffold needs, taken from twinpath's own package.json. */
function scaffoldDependencies(): Record<string, string> {
  const own = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as PackageJson;
  const pick = (name: string) =>
    own.peerDependencies?.[name] ?? own.devDependencies?.[name] ?? own.dependencies?.[name];
  return Object.fromEntries(['typescript', 'vitest', '@types/node'].map((n) => [n, pick(n)!]));
}

/** JavaScript or TypeScript files at the project's top level or in src/ (a project that is not empty). */
function hasOwnSources(root: string): boolean {
  const dirs = [root, join(root, 'src')].filter((d) => existsSync(d) && statSync(d).isDirectory());
  return dirs.some((d) => readdirSync(d).some((f) => /\.(c|m)?(j|t)s$/.test(f)));
}

/**
 * Scaffolds `root`. Throws, writing nothing, when package.json is missing or
 * declares CommonJS in a project that already has sources:
 * `twinpath init: package.json has "type": "commonjs" ... Fix: ...`.
 */
export function initProject(root: string): InitReport {
  const pkgFile = join(root, 'package.json');
  if (!existsSync(pkgFile))
    throw new Error(`twinpath init: no package.json in ${root}. Fix: run \`npm init -y\` first`);
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as PackageJson;
  const lines: string[] = [];
  if (pkg.type !== 'module') {
    if (hasOwnSources(root)) {
      throw new Error(
        `twinpath init: package.json has ${pkg.type ? `"type": "${pkg.type}"` : 'no "type"'} and the project has ` +
          'sources; the scaffold is ES modules (import.meta.url). ' +
          'Fix: set "type": "module" in package.json, or scaffold in a fresh package',
      );
    }
    pkg.type = 'module';
    lines.push('set "type": "module" in package.json (the scaffold is ES modules)');
  }
  const templates = join(packageRoot(), 'templates', 'init');
  const copy = (from: string, to: string) => {
    const target = join(root, to);
    if (existsSync(target)) return lines.push(`kept ${to} (exists)`);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(templates, from), target);
    return lines.push(`created ${to}`);
  };
  for (const [from, to] of scaffoldFiles()) copy(from, to);
  const vitestConfig = VITEST_CONFIGS.find((f) => existsSync(join(root, f)));
  if (vitestConfig)
    lines.push(
      `kept ${vitestConfig}: add the preset to its plugins — ` +
        "import { twinpath } from 'twinpath/vitest'; plugins: [twinpath()]",
    );
  else copy('vitest.config.ts', 'vitest.config.ts');
  if (existsSync(join(root, 'tsconfig.json'))) {
    lines.push(
      'kept tsconfig.json (exists): the scaffold needs module NodeNext, allowImportingTsExtensions and noEmit',
    );
  } else copy('tsconfig.json', 'tsconfig.json');
  const scripts = (pkg.scripts ??= {});
  const wanted: Record<string, string> = { parity: 'twinpath run', test: 'vitest run', typecheck: 'tsc --noEmit -p .' };
  for (const [name, command] of Object.entries(wanted)) {
    const has = scripts[name];
    if (has !== undefined && !(name === 'test' && NPM_PLACEHOLDER_TEST.test(has))) {
      lines.push(`kept script ${name} (${JSON.stringify(has)})`);
      continue;
    }
    scripts[name] = command;
    lines.push(`added script ${name}: ${command}`);
  }
  const added: string[] = [];
  const dev = (pkg.devDependencies ??= {});
  for (const [name, version] of Object.entries(scaffoldDependencies())) {
    if (dev[name] || pkg.dependencies?.[name]) continue;
    dev[name] = version;
    added.push(`${name}@${version}`);
    lines.push(`added dev dependency ${name} ${version}`);
  }
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  return { lines, added };
}

/** Runs `npm install` in `root` for the dependencies init added, its output shown. Throws npm's failure. */
export function installAdded(root: string): void {
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}
