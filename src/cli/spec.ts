/**
 * How a command declares itself: its operands, its one-line summary and its
 * options, each option once (name, type, short alias, value name, one-line
 * description, default). The parser (parse-options.ts) and `--help`
 * (help.ts) are both built from this declaration, so they cannot disagree.
 */

/** One option of a command. */
export interface OptionSpec {
  /** `runs` for `--runs`. */
  readonly name: string;
  /** A boolean is a switch (`--json`); a string takes a value (`--runs 5`, `--runs=5`). */
  readonly type: 'string' | 'boolean';
  /** One letter: `-x`. */
  readonly short?: string;
  /** The value's name in help and usage: `N`, `DIR`. */
  readonly value?: string;
  /** One line for `--help`. */
  readonly description: string;
  /**
   * The value of a string option given bare (`--sanitize`): its value is then the next argument only when that is
   * one of `choices` (`--sanitize racecheck`), so a bare flag before an operand takes no operand.
   */
  readonly bareValue?: string;
  /** A string option's value when it is not given. */
  readonly default?: string;
  /** What help shows as the default when it is decided elsewhere (the kernel, the settings), not by the parser. */
  readonly shownDefault?: string;
  /** May be given more than once; its values are collected in order. */
  readonly multiple?: boolean;
  /** The TWINPATH_* variable the value becomes (how settings reach the test workers); a switch given sets it to 1. */
  readonly env?: string;
  /** The only values accepted. */
  readonly choices?: readonly string[];
  /** Checks a value; what it throws is reported as a usage error of the command. */
  readonly check?: (value: string) => unknown;
}

/** One command of `twinpath`. */
export interface CommandSpec {
  readonly name: string;
  /** The operands in the usage line: `[kernel...]`, `FILE.wgsl...`; '' for none. */
  readonly operands: string;
  /** The one line `twinpath --help` lists. */
  readonly summary: string;
  /** More lines for `twinpath <command> --help`, after the summary. */
  readonly details?: readonly string[];
  readonly options: readonly OptionSpec[];
}

type ValueOf<O extends OptionSpec> = O extends { readonly type: 'boolean' }
  ? boolean
  : O extends { readonly multiple: true }
    ? readonly string[]
    : O extends { readonly default: string }
      ? string
      : string | undefined;

/** The parsed values of a command's options, by option name, typed from its declaration. */
export type OptionValues<S extends CommandSpec> = {
  readonly [O in S['options'][number] as O['name']]: ValueOf<O>;
};

/** A parsed command line. */
export interface ParsedCommand<S extends CommandSpec = CommandSpec> {
  readonly operands: readonly string[];
  readonly values: OptionValues<S>;
  /** The TWINPATH_* variables of the options given (those with `env`). */
  readonly env: Readonly<Record<string, string>>;
}

/** How an option is written in usage and help: `--runs N`, `--json`, `--space storage|uniform`. */
export function optionSyntax(o: OptionSpec): string {
  const name = o.value ?? o.choices?.join('|') ?? 'VALUE';
  const value = o.type === 'boolean' ? '' : o.bareValue !== undefined ? ` [${name}]` : ` ${name}`;
  return `${o.short ? `-${o.short}, ` : ''}--${o.name}${value}`;
}
