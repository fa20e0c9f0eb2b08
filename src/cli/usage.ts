/**
 * What `twinpath` prints about its own use, all of it built from the command
 * declarations (commands.ts): the overview (`twinpath --help`), one
 * command's help (`twinpath run --help`) and a usage error.
 */
import { COMMANDS, commandNamed } from './commands.ts';
import { optionSyntax, type CommandSpec, type OptionSpec } from './spec.ts';
import type { UsageError } from './usage-error.ts';

/** The options every command takes besides its own. */
const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'help', short: 'h', type: 'boolean', description: 'print this help' },
  { name: 'version', short: 'v', type: 'boolean', description: "print twinpath's version" },
];

/** `usage: twinpath run [kernel...] [options]`. */
export function usageLine(spec: CommandSpec): string {
  return `usage: twinpath ${spec.name}${spec.operands ? ` ${spec.operands}` : ''} [options]`;
}

/** Left column, then the description and its default and variable: `  --runs N   cases per sweep [env: TWINPATH_RUNS]`. */
function optionLines(options: readonly OptionSpec[]): string[] {
  const left = options.map((o) => (o.short ? optionSyntax(o) : `    ${optionSyntax(o)}`));
  const width = Math.max(...left.map((l) => l.length));
  return options.map((o, i) => {
    const shown = o.shownDefault ?? o.default;
    const notes = [...(shown !== undefined ? [`default: ${shown}`] : []), ...(o.env ? [`env: ${o.env}`] : [])];
    return `  ${left[i]!.padEnd(width)}  ${o.description}${notes.length ? ` [${notes.join('; ')}]` : ''}`;
  });
}

/** `twinpath <command> --help`: the usage line, the summary and details, and the command's own options. */
export function commandHelp(spec: CommandSpec): string {
  return [
    usageLine(spec),
    '',
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    ...(spec.details?.length ? ['', ...spec.details] : []),
    '',
    'options:',
    ...optionLines([...spec.options, ...GLOBAL_OPTIONS]),
  ].join('\n');
}

/** `twinpath --help`: every command with its one line. */
export function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    'usage: twinpath <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    '',
    'options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'twinpath <command> --help (or twinpath help <command>) shows the options of one command.',
  ].join('\n');
}

/**
 * The text of a usage error: the message, the usage line and where help is.
 * ```
 * twinpath run: unknown option --runz (did you mean --runs?)
 * usage: twinpath run [kernel...] [options]
 * (twinpath run --help lists the options)
 * ```
 */
export function renderUsageError(e: UsageError): string {
  const spec = e.command === undefined ? undefined : commandNamed(e.command)?.spec;
  return spec
    ? `${e.message}\n${usageLine(spec)}\n(twinpath ${spec.name} --help lists the options)`
    : `${e.message}\nusage: twinpath <command> [options]\n(twinpath --help lists the commands)`;
}
