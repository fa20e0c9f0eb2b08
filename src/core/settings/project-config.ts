/**
 * A project's `twinpath.config.ts`: where its kernels and sweeps live and the
 * settings of its runs. Every field has a default that works with no config
 * file. Settings reach the test workers as TWINPATH_* environment variables
 * (settings.ts reads them); a command-line flag or a variable already
 * set wins over the config file.
 */
import { InputError } from './input-error.ts';

/** What `twinpath.config.ts` may set (`export default defineConfig({ ... })`). */
export interface TwinpathConfig {
  /** Folder of the kernels: each `<name>/kernel.ts` under it exports kernel definitions (default `kernels`). */
  readonly kernels?: string;
  /** Globs of the test files holding the sweeps `twinpath run` runs (default `['cases/*.test.ts']`). */
  readonly tests?: readonly string[];
  /** Report folder (default `twinpath-report`). */
  readonly report?: string;
  /** Known failures the gate accepts (default `twinpath.expectations.json`). */
  readonly expectations?: string;
  /** Adapter as `[backend:]name`, e.g. `vulkan:nvidia` (default: Dawn's default adapter). */
  readonly adapter?: string;
  /** `hardware` refuses a software adapter before any case (default `any`). */
  readonly requireGpu?: 'hardware' | 'any';
  /** Cases per sweep (default: each kernel's own, else 100). */
  readonly runs?: number;
  /** fast-check seed (default: a fresh one per run, printed). */
  readonly seed?: number;
  /** Folders WGSL `#import` looks in, before the kernel's own folder (default: none). */
  readonly importRoots?: readonly string[];
  /** Device features every kernel of the project needs, e.g. `shader-f16`; an adapter without one is unsupported. */
  readonly requiredFeatures?: readonly string[];
  /**
   * Backends the project adds, by name (`--backend` takes it): the module, relative to the project root, that
   * exports the Backend as `backend` (or as its default). A kernel implements one through `implementations[name]`.
   */
  readonly backends?: Readonly<Record<string, string>>;
}

/** A config with every default filled in. */
export type ResolvedConfig = Required<Omit<TwinpathConfig, 'adapter' | 'runs' | 'seed'>> &
  Pick<TwinpathConfig, 'adapter' | 'runs' | 'seed'>;

/** The defaults: the layout `twinpath init` scaffolds and this repository follows (docs/naming.md). */
export const DEFAULT_CONFIG: ResolvedConfig = {
  kernels: 'kernels',
  tests: ['cases/*.test.ts'],
  report: 'twinpath-report',
  expectations: 'twinpath.expectations.json',
  requireGpu: 'any',
  importRoots: [],
  requiredFeatures: [],
  backends: {},
};

const FIELDS = new Set<string>([...Object.keys(DEFAULT_CONFIG), 'adapter', 'runs', 'seed']);

/**
 * Types a config file's export: `export default defineConfig({ tests: ['src/**\/*.parity.test.ts'] })`.
 * Throws `twinpath.config: unknown field "test" (fields: kernels, tests, ...)` for a misspelt field.
 */
export function defineConfig(config: TwinpathConfig): TwinpathConfig {
  for (const k of Object.keys(config)) {
    if (!FIELDS.has(k))
      throw new Error(`twinpath.config: unknown field ${JSON.stringify(k)} (fields: ${[...FIELDS].join(', ')})`);
  }
  return config;
}

function wholeNumber(name: string, v: unknown): void {
  if (v !== undefined && !Number.isInteger(v)) {
    throw new Error(`twinpath.config: ${name} must be a whole number, not ${JSON.stringify(v)}`);
  }
}

/**
 * Fills in the defaults and checks the values.
 * Throws `twinpath.config: tests must be a list of globs, not "cases"`.
 */
export function resolveConfig(config: TwinpathConfig = {}): ResolvedConfig {
  defineConfig(config);
  const r = { ...DEFAULT_CONFIG, ...config };
  const list = (name: string, v: unknown) => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw new Error(
        `twinpath.config: ${name} must be a list of ${name === 'tests' ? 'globs' : 'strings'}, ` +
          `not ${JSON.stringify(v)}`,
      );
    }
  };
  list('tests', r.tests);
  list('importRoots', r.importRoots);
  list('requiredFeatures', r.requiredFeatures);
  checkBackends(r.backends);
  if (!r.tests.length) throw new Error('twinpath.config: tests is empty: name at least one glob of sweep test files');
  if (r.requireGpu !== 'hardware' && r.requireGpu !== 'any') {
    throw new Error(`twinpath.config: requireGpu is hardware or any, not ${JSON.stringify(r.requireGpu)}`);
  }
  wholeNumber('runs', r.runs);
  wholeNumber('seed', r.seed);
  return r;
}

/** The TWINPATH_* variables a resolved config sets (only those it has a value for). */
export function configEnv(c: ResolvedConfig): Record<string, string> {
  return {
    TWINPATH_TESTS: JSON.stringify(c.tests),
    TWINPATH_REPORT: c.report,
    TWINPATH_EXPECTATIONS: c.expectations,
    TWINPATH_REQUIRE_GPU: c.requireGpu,
    ...(c.adapter === undefined ? {} : { TWINPATH_ADAPTER: c.adapter }),
    ...(c.runs === undefined ? {} : { TWINPATH_RUNS: String(c.runs) }),
    ...(c.seed === undefined ? {} : { TWINPATH_SEED: String(c.seed) }),
    ...(c.importRoots.length ? { TWINPATH_IMPORT_ROOTS: JSON.stringify(c.importRoots) } : {}),
    ...(c.requiredFeatures.length ? { TWINPATH_FEATURES: c.requiredFeatures.join(',') } : {}),
    ...(Object.keys(c.backends).length ? { TWINPATH_BACKENDS: JSON.stringify(c.backends) } : {}),
  };
}

/**
 * Checks the config's `backends`. Throws
 * `twinpath.config: backends must map names ([a-z0-9_]+) to module paths, not {"Echo":"echo.ts"}`.
 */
function checkBackends(backends: unknown): void {
  const ok =
    typeof backends === 'object' &&
    backends !== null &&
    !Array.isArray(backends) &&
    Object.entries(backends).every(([name, path]) => /^[a-z0-9_]+$/.test(name) && typeof path === 'string');
  if (!ok)
    throw new Error(
      `twinpath.config: backends must map names ([a-z0-9_]+) to module paths, not ${JSON.stringify(backends)}`,
    );
}

/**
 * The backends the project adds (TWINPATH_BACKENDS, set from twinpath.config.ts `backends`): module path by name.
 * Throws `twinpath: TWINPATH_BACKENDS is not a JSON object of module paths by name: …`.
 */
export function projectBackendModules(env: NodeJS.ProcessEnv = process.env): Readonly<Record<string, string>> {
  if (!env.TWINPATH_BACKENDS) return {};
  try {
    const v: unknown = JSON.parse(env.TWINPATH_BACKENDS);
    checkBackends(v);
    return v as Record<string, string>;
  } catch (e) {
    throw new InputError(
      `twinpath: TWINPATH_BACKENDS is not a JSON object of module paths by name: ${(e as Error).message}`,
    );
  }
}

/** Sets the config's variables in `env` where they are not set already (flags and the environment win). */
export function applyConfigEnv(c: ResolvedConfig, env: NodeJS.ProcessEnv = process.env): void {
  for (const [k, v] of Object.entries(configEnv(c))) if (env[k] === undefined || env[k] === '') env[k] = v;
}

/** The sweep test globs in force (TWINPATH_TESTS, else the default); a failure there replays through `twinpath run`. */
export function sweepTestGlobs(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  if (!env.TWINPATH_TESTS) return DEFAULT_CONFIG.tests;
  const v: unknown = JSON.parse(env.TWINPATH_TESTS);
  return Array.isArray(v) ? v.map(String) : DEFAULT_CONFIG.tests;
}
