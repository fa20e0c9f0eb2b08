/**
 * Command-line parsing for `twinpath`. Flags map onto the TWINPATH_*
 * environment variables, which is how settings reach the test workers.
 */
import { parseArgs } from 'node:util';
import { parseBackends } from '../backends/registry.ts';
import { InputError } from '../core/settings/input-error.ts';

export const USAGE = `usage:
  twinpath run [kernel...] [--runs N] [--seed S] [--path P] [--adapter NAME] [--report DIR] [--require-gpu hardware|any]
               [--backend NAME[,NAME]] [--require-backend NAME[,NAME]]
      sweep every kernel of the project (or those named; * is a wildcard) on every backend it implements
      (or those named)
  twinpath run --list [kernel...]
      list the project's kernels: name, test file, outputs, backends
  twinpath watch [kernel...] [--runs N] [--full] [--adapter NAME]
      rerun the sweeps a change touches (WGSL, oracle, definition) at a reduced case count
      (TWINPATH_RUNS, default 20); --full: the full count
  twinpath init [--no-install]
      scaffold twinpath.config.ts, an example kernel, a strict tsconfig and scripts; never overwrites
  twinpath bench [kernel...] [--sizes 720p,1080p,4k] [--repeat N] [--save FILE] [--baseline FILE]
      GPU time of the project's kernels at fixed frame sizes; speedup against a saved baseline
  twinpath adapter [--adapter NAME] [--json]
      print the adapter a run would use
  twinpath layout FILE.wgsl... [--root DIR]... [--struct NAME] [--ts MODULE#EXPORT] [--space storage|uniform] [--json]
      the layout of every struct the WGSL files declare (joined in order, #import
      resolved among them and under each --root), with the uniform rules each
      breaks; with --ts, the three-way check (TS, WGSL, GPU)
  twinpath merge DIR... [--report OUT]
      one report from the report folders of sharded runs
  twinpath help [command] | twinpath COMMAND --help | twinpath --version

  --adapter [backend:]name   e.g. llvmpipe, vulkan:, vulkan:nvidia   (TWINPATH_ADAPTER)
  --runs N                   cases per sweep                          (TWINPATH_RUNS)
  --seed S --path P          replay one case exactly                  (TWINPATH_SEED, TWINPATH_PATH)
  --report DIR               where results are kept (twinpath-report) (TWINPATH_REPORT)
  --require-gpu hardware|any refuse software adapters (default any)   (TWINPATH_REQUIRE_GPU)
  --backend wgsl,cuda,cpp    sweep these implementations (default all) (TWINPATH_BACKEND)
  --require-backend cuda     fail before any case where it is missing  (TWINPATH_REQUIRE_BACKEND)
  Settings not given by a flag or variable come from twinpath.config.ts.`;

export interface Command {
  readonly command: 'run' | 'adapter' | 'layout' | 'help';
  /** Kernel names (run) or WGSL files (layout). */
  readonly kernels: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly json: boolean;
  readonly struct?: string;
  /** `MODULE#EXPORT` of a TS struct declaration. */
  readonly ts?: string;
  readonly space?: 'storage' | 'uniform';
  /** Import roots for `#import` (layout), relative to the working directory. */
  readonly importRoots?: readonly string[];
  /** run --list: list the kernels instead of sweeping them. */
  readonly list?: boolean;
  /** watch --full: every rerun at the full case count. */
  readonly full?: boolean;
}

const ENV = {
  runs: 'TWINPATH_RUNS',
  seed: 'TWINPATH_SEED',
  path: 'TWINPATH_PATH',
  adapter: 'TWINPATH_ADAPTER',
  report: 'TWINPATH_REPORT',
  'require-gpu': 'TWINPATH_REQUIRE_GPU',
  backend: 'TWINPATH_BACKEND',
  'require-backend': 'TWINPATH_REQUIRE_BACKEND',
} as const;

/** node's parseArgs, its errors (an unknown flag, a missing value) as InputErrors with the usage. */
function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        runs: { type: 'string' },
        seed: { type: 'string' },
        path: { type: 'string' },
        adapter: { type: 'string' },
        report: { type: 'string' },
        'require-gpu': { type: 'string' },
        backend: { type: 'string' },
        'require-backend': { type: 'string' },
        json: { type: 'boolean', default: false },
        struct: { type: 'string' },
        ts: { type: 'string' },
        space: { type: 'string' },
        root: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
        list: { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    throw new InputError(`twinpath: ${(e as Error).message}\n${USAGE}`);
  }
}

/**
 * Parses argv (without node and the script); the values themselves are checked by runConfig.
 * Throws an InputError: `twinpath: unknown command "sweep"`, or node's message for an unknown flag
 * (`twinpath: Unknown option '--rnus'`), each followed by the usage.
 */
export function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parse(argv);
  const [command = 'help', ...kernels] = positionals;
  if (values.help || command === 'help') return { command: 'help', kernels: [], env: {}, json: false };
  if (command !== 'run' && command !== 'adapter' && command !== 'layout')
    throw new InputError(`twinpath: unknown command ${JSON.stringify(command)}\n${USAGE}`);
  if (values.space !== undefined && values.space !== 'storage' && values.space !== 'uniform')
    throw new InputError(`twinpath: --space is storage or uniform, not ${JSON.stringify(values.space)}`);
  if (command === 'layout' && !kernels.length) throw new InputError(`twinpath: layout needs a WGSL file\n${USAGE}`);
  for (const list of [values.backend, values['require-backend']]) if (list !== undefined) parseBackends(list);
  const env: Record<string, string> = {};
  for (const [flag, name] of Object.entries(ENV)) {
    const v = values[flag as keyof typeof ENV];
    if (v !== undefined) env[name] = v;
  }
  return {
    command,
    kernels,
    env,
    json: values.json,
    ...(values.struct ? { struct: values.struct } : {}),
    ...(values.ts ? { ts: values.ts } : {}),
    ...(values.space ? { space: values.space as 'storage' | 'uniform' } : {}),
    ...(values.root?.length ? { importRoots: values.root } : {}),
    ...(values.list ? { list: true } : {}),
    ...(values.full ? { full: true } : {}),
  };
}

export { sweepNamePattern } from '../core/kernel/sweep-name.ts';
