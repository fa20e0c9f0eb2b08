/**
 * Command-line parsing for `twinpath`. Flags map onto the TWINPATH_*
 * environment variables, which is how settings reach the test workers.
 */
import { parseArgs } from 'node:util';

export const USAGE = `usage:
  twinpath run [kernel...] [--runs N] [--seed S] [--path P] [--adapter NAME] [--report DIR]
      sweep every kernel (or those named; * is a wildcard) on the current adapter
  twinpath adapter [--adapter NAME] [--json]
      print the adapter a run would use
  twinpath help

  --adapter [backend:]name   e.g. llvmpipe, vulkan:, vulkan:nvidia   (TWINPATH_ADAPTER)
  --runs N                   cases per sweep                          (TWINPATH_RUNS)
  --seed S --path P          replay one case exactly                  (TWINPATH_SEED, TWINPATH_PATH)
  --report DIR               where results are kept (twinpath-report) (TWINPATH_REPORT)`;

export interface Command {
  readonly command: 'run' | 'adapter' | 'help';
  readonly kernels: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly json: boolean;
}

const ENV = { runs: 'TWINPATH_RUNS', seed: 'TWINPATH_SEED', path: 'TWINPATH_PATH', adapter: 'TWINPATH_ADAPTER', report: 'TWINPATH_REPORT' } as const;

/**
 * Parses argv (without node and the script).
 * Throws `twinpath: unknown command "sweep"` or node's own message for an unknown flag.
 */
export function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      seed: { type: 'string' },
      path: { type: 'string' },
      adapter: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command = 'help', ...kernels] = positionals;
  if (values.help || command === 'help') return { command: 'help', kernels: [], env: {}, json: false };
  if (command !== 'run' && command !== 'adapter') throw new Error(`twinpath: unknown command ${JSON.stringify(command)}\n${USAGE}`);
  const env: Record<string, string> = {};
  for (const [flag, name] of Object.entries(ENV)) {
    const v = values[flag as keyof typeof ENV];
    if (v !== undefined) env[name] = v;
  }
  return { command, kernels, env, json: values.json };
}

/** The vitest test-name pattern of the sweeps of the named kernels (`*` = any characters). */
export function sweepNamePattern(kernels: readonly string[]): string {
  if (!kernels.length) return '^parity: ';
  const globs = kernels.map((k) => k.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'));
  return `^parity: (?:${globs.join('|')})$`;
}
