/**
 * `twinpath init`: scaffolds a project — twinpath.config.ts, one example
 * kernel in the four files the naming rule gives it (definition, WGSL,
 * oracle, sweep), a vitest config with the preset, a strict tsconfig (or,
 * beside a project's own, tsconfig.twinpath.json), the report folder in
 * .gitignore, and package.json scripts and dev dependencies. It never
 * overwrites: a file that exists is kept and said so, a script or dependency
 * already there is left (a typecheck that misses the scaffold is extended),
 * and it writes through no symbolic link.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { kernelFiles } from '../core/kernel/naming.ts';
import { packageRoot } from '../core/settings/package-info.ts';
import { CI_WORKFLOWS, type CiSystem, writeCiWorkflow } from './ci-workflow.ts';
import {
  ignoreReportFolder,
  refuseLinks,
  TWINPATH_TSCONFIG,
  twinpathTsconfig,
  typecheckScript,
} from './scaffold-files.ts';

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

/** Refuses, writing nothing, a package.json that is missing or CommonJS in a project that already has sources. */
function checkPackage(root: string, pkg: PackageJson | undefined, lines: string[]): PackageJson {
  if (!pkg) throw new Error(`twinpath init: no package.json in ${root}. Fix: run \`npm init -y\` first`);
  if (pkg.type === 'module') return pkg;
  if (hasOwnSources(root)) {
    throw new Error(
      `twinpath init: package.json has ${pkg.type ? `"type": "${pkg.type}"` : 'no "type"'} and the project has ` +
        'sources; the scaffold is ES modules (import.meta.url). ' +
        'Fix: set "type": "module" in package.json, or scaffold in a fresh package',
    );
  }
  pkg.type = 'module';
  lines.push('set "type": "module" in package.json (the scaffold is ES modules)');
  return pkg;
}

/** Adds the scripts the scaffold needs where the project has none; a typecheck that misses the scaffold is extended. */
function addScripts(pkg: PackageJson, ownTsconfig: boolean, lines: string[]): void {
  const scripts = (pkg.scripts ??= {});
  const wanted: Record<string, string> = { parity: 'twinpath run', test: 'vitest run' };
  if (!ownTsconfig) wanted.typecheck = 'tsc --noEmit -p .';
  for (const [name, command] of Object.entries(wanted)) {
    const has = scripts[name];
    if (has !== undefined && !(name === 'test' && NPM_PLACEHOLDER_TEST.test(has))) {
      lines.push(`kept script ${name} (${JSON.stringify(has)})`);
      continue;
    }
    scripts[name] = command;
    lines.push(`added script ${name}: ${command}`);
  }
  const typecheck = ownTsconfig ? typecheckScript(scripts.typecheck) : undefined;
  if (typecheck) {
    scripts.typecheck = typecheck.script;
    lines.push(typecheck.line);
  }
}

/** Adds the dev dependencies the scaffold needs that the project lacks; returns them as `name@version`. */
function addDevDependencies(pkg: PackageJson, lines: string[]): string[] {
  const added: string[] = [];
  const dev = (pkg.devDependencies ??= {});
  for (const [name, version] of Object.entries(scaffoldDependencies())) {
    if (dev[name] || pkg.dependencies?.[name]) continue;
    dev[name] = version;
    added.push(`${name}@${version}`);
    lines.push(`added dev dependency ${name} ${version}`);
  }
  return added;
}

/** Every path init may write, checked for links before the first is written. */
function writtenPaths(): string[] {
  const templates = scaffoldFiles().map(([, to]) => to);
  return [...templates, 'package.json', 'vitest.config.ts', 'tsconfig.json', TWINPATH_TSCONFIG, '.gitignore'];
}

/**
 * Scaffolds `root`. Throws, writing nothing, when package.json is missing or
 * declares CommonJS in a project that already has sources:
 * `twinpath init: package.json has "type": "commonjs" ... Fix: ...`, or when a
 * path it would write is a symbolic link (refuseLinks, scaffold-files.ts).
 * With `ci`, also the CI workflow of that system (ci-workflow.ts).
 */
export function initProject(root: string, ci?: CiSystem): InitReport {
  const pkgFile = join(root, 'package.json');
  refuseLinks(root, [...writtenPaths(), ...(ci ? [CI_WORKFLOWS[ci]] : [])]);
  const lines: string[] = [];
  const pkg = checkPackage(
    root,
    existsSync(pkgFile) ? (JSON.parse(readFileSync(pkgFile, 'utf8')) as PackageJson) : undefined,
    lines,
  );
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
  if (vitestConfig) lines.push(keptVitestConfig(root, vitestConfig));
  else copy('vitest.config.ts', 'vitest.config.ts');
  const ownTsconfig = existsSync(join(root, 'tsconfig.json'));
  if (ownTsconfig) writeTwinpathTsconfig(root, typedConfig(vitestConfig ?? 'vitest.config.ts'), lines);
  else copy('tsconfig.json', 'tsconfig.json');
  addScripts(pkg, ownTsconfig, lines);
  const added = addDevDependencies(pkg, lines);
  lines.push(ignoreReportFolder(root));
  if (ci) lines.push(writeCiWorkflow(root, ci));
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  return { lines, added };
}

/** The vitest config, when TypeScript (a .js config is outside a typecheck without allowJs). */
const typedConfig = (file: string) => (/\.(c|m)?ts$/.test(file) ? file : undefined);

/** tsconfig.twinpath.json beside the project's own tsconfig.json (kept when it exists). */
function writeTwinpathTsconfig(root: string, vitestConfig: string | undefined, lines: string[]): void {
  const file = join(root, TWINPATH_TSCONFIG);
  lines.push('kept tsconfig.json (exists)');
  if (existsSync(file)) {
    lines.push(`kept ${TWINPATH_TSCONFIG} (exists)`);
    return;
  }
  writeFileSync(file, twinpathTsconfig(vitestConfig));
  lines.push(
    `created ${TWINPATH_TSCONFIG}: extends tsconfig.json; covers kernels, oracles and cases with moduleResolution ` +
      "Bundler (extensionless imports keep working) and allowImportingTsExtensions (the scaffold's .ts imports)",
  );
}

/** Runs `npm install` in `root` for the dependencies init added, its output shown. Throws npm's failure. */
export function installAdded(root: string): void {
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

/**
 * What init says of a project's own vitest config: that it has the preset, or how to add it (until then `npx vitest
 * run` runs no sweep): `kept vitest.config.ts: add the preset to its plugins — import { twinpath } from …`.
 */
function keptVitestConfig(root: string, file: string): string {
  const hasPreset = /from\s+['"]twinpath\/vitest['"]/.test(readFileSync(join(root, file), 'utf8'));
  return hasPreset
    ? `kept ${file} (it has the twinpath preset)`
    : `kept ${file}: add the preset to its plugins, or \`npx vitest run\` runs no sweep — ` +
        "import { twinpath } from 'twinpath/vitest'; plugins: [twinpath()]";
}
