/**
 * Usage errors and per-command help, both cut from the one usage text
 * (args.ts USAGE). A usage error exits 2 and prints the command's usage
 * line, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { USAGE } from './args.ts';

/** A mistake in the command line: `twinpath run: --runs needs a value`, exit status 2. */
export class UsageError extends Error {
  constructor(
    readonly command: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * node's parseArgs for one command, its errors (an unknown flag, a missing value) as that command's UsageError:
 * `twinpath bench: Unknown option '--x'`.
 */
export function parseCommand<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(command, `twinpath ${command}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const lines = USAGE.split('\n');
const flagsAt = lines.findIndex((l) => /^\s+--/.test(l));

/** The usage block (lines and description) of `command`, or undefined for an unknown command. */
function block(command: string): string[] | undefined {
  const out: string[] = [];
  for (let i = 1; i < flagsAt; i++) {
    if (!lines[i]!.startsWith(`  twinpath ${command}`)) continue;
    out.push(lines[i]!);
    for (let j = i + 1; j < flagsAt && lines[j]!.startsWith('      '); j++) out.push(lines[j]!);
  }
  return out.length ? out : undefined;
}

/** `--help` of one command: its usage lines, their description, and the shared flags. */
export function commandHelp(command: string): string {
  const b = block(command);
  return b ? ['usage:', ...b, '', ...lines.slice(flagsAt)].join('\n') : USAGE;
}

/** The first usage line of `command` (what a usage error prints), or the whole usage. */
export function usageLine(command: string | undefined): string {
  const b = command ? block(command) : undefined;
  return b ? `usage: ${b[0]!.trim()}` : USAGE;
}

/**
 * The text of a usage error: the message, the usage line and where help is.
 * ```
 * twinpath run: Unknown option '--rusn'
 * usage: twinpath run [kernel...] [--runs N] ...
 * (twinpath run --help for more)
 * ```
 */
export function renderUsageError(e: UsageError): string {
  const help = e.command ? `twinpath ${e.command} --help` : 'twinpath help';
  return `${e.message}\n${usageLine(e.command)}\n(${help} for more)`;
}
