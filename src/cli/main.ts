/**
 * `twinpath`: the one dispatcher of every command. Each command lives in its
 * own module, loaded only when it runs. A usage mistake exits 2 with the
 * command's usage line; any other error prints its message (the stack only
 * with TWINPATH_DEBUG=1) and exits 1.
 */
import { packageVersion } from '../core/settings/package-info.ts';
import { USAGE } from './args.ts';
import { commandHelp, renderUsageError, UsageError } from './usage.ts';
import { INPUT_ERROR_EXIT, isInputError } from '../core/settings/input-error.ts';

type Command = (argv: readonly string[]) => Promise<number>;

/** Every command, by name. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  run: async () => (await import('./run.ts')).runCommand,
  watch: async () => (await import('./watch.ts')).watchCommand,
  init: async () => (await import('./init.ts')).initCommand,
  bench: async () => (await import('./bench.ts')).benchCommand,
  adapter: async () => (await import('./adapter.ts')).adapterCommand,
  layout: async () => (await import('./layout.ts')).layoutMain,
  merge: async () => (await import('./merge.ts')).mergeCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`twinpath ${packageVersion()}\n`);
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${rest[0] && COMMANDS[rest[0]] ? commandHelp(rest[0]) : USAGE}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(undefined, `twinpath: unknown command ${JSON.stringify(name)}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${commandHelp(name)}\n`);
    return 0;
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${renderUsageError(e)}\n`);
      process.exit(2);
    }
    const debug = process.env.TWINPATH_DEBUG === '1' && e instanceof Error && e.stack;
    process.stderr.write(`${debug || (e instanceof Error ? e.message : String(e))}\n`);
    process.exit(isInputError(e) ? INPUT_ERROR_EXIT : 1);
  },
);
