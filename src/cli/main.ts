/**
 * `twinpath`: the one dispatcher of every command. `--version`/`-v` and
 * `--help`/`-h` work anywhere on the line; a command's line is parsed by its
 * declaration (commands.ts) before its module loads. Every refused input — a
 * usage mistake included — exits INPUT_ERROR_EXIT (2) before anything runs;
 * any other error prints its message (the stack only with TWINPATH_DEBUG=1)
 * and exits 1.
 */
import { packageVersion } from '../core/settings/package-info.ts';
import { INPUT_ERROR_EXIT, isInputError } from '../core/settings/input-error.ts';
import { COMMANDS, commandNamed } from './commands.ts';
import { didYouMean } from './did-you-mean.ts';
import { parseOptions } from './parse-options.ts';
import { commandHelp, overview, renderUsageError } from './usage.ts';
import { UsageError } from './usage-error.ts';

/** The first of --version/-v and --help/-h on the line before `--`, if any. */
function globalFlag(argv: readonly string[]): 'version' | 'help' | undefined {
  for (const a of argv) {
    if (a === '--') return undefined;
    if (a === '--version' || a === '-v') return 'version';
    if (a === '--help' || a === '-h') return 'help';
  }
  return undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const flag = name === 'version' ? 'version' : globalFlag(argv);
  if (flag === 'version') {
    process.stdout.write(`twinpath ${packageVersion()}\n`);
    return 0;
  }
  const asked = name === 'help' ? rest[0] : name;
  if (asked === undefined || (flag === 'help' && asked.startsWith('-'))) {
    process.stdout.write(`${overview()}\n`);
    return 0;
  }
  const command = commandNamed(asked);
  if (!command) {
    const names = COMMANDS.map((c) => c.spec.name);
    const what = asked.startsWith('-') ? `option ${asked} before a command` : `command ${JSON.stringify(asked)}`;
    throw new UsageError(
      undefined,
      `twinpath: unknown ${what}${didYouMean(asked, names)}; commands: ${names.join(', ')}`,
    );
  }
  if (flag === 'help' || name === 'help') {
    process.stdout.write(`${commandHelp(command.spec)}\n`);
    return 0;
  }
  const parsed = parseOptions(command.spec, rest);
  return (await command.load())(parsed);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (isInputError(e)) {
      process.stderr.write(`${e instanceof UsageError ? renderUsageError(e) : e.message}\n`);
      process.exit(INPUT_ERROR_EXIT);
    }
    const debug = process.env.TWINPATH_DEBUG === '1' && e instanceof Error && e.stack;
    process.stderr.write(`${debug || (e instanceof Error ? e.message : String(e))}\n`);
    process.exit(1);
  },
);
