/**
 * The command-line parser every command shares, driven by the command's
 * declaration (spec.ts). Its mistakes are the command's usage errors, in
 * twinpath's words, with the nearest valid flag.
 */
import { didYouMean } from './did-you-mean.ts';
import type { CommandSpec, OptionSpec, ParsedCommand } from './spec.ts';
import { UsageError } from './usage-error.ts';

/** The words of a thrown value, without a leading `twinpath: `. */
const reason = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/^twinpath: /, '');

/** A value for `o` is the next argument unless that is another flag (a negative number is a value). */
const isValue = (arg: string | undefined) => arg !== undefined && (!arg.startsWith('-') || /^-\d/.test(arg));

/** The next argument when it is `o`'s value: any value, or with a bareValue only one of the choices. */
function nextValue(o: OptionSpec, arg: string | undefined): string | undefined {
  if (o.bareValue !== undefined) return o.choices?.find((c) => c === arg);
  return isValue(arg) ? arg : undefined;
}

function findOption(spec: CommandSpec, flag: string): OptionSpec {
  const o = flag.startsWith('--')
    ? spec.options.find((x) => `--${x.name}` === flag)
    : spec.options.find((x) => x.short !== undefined && `-${x.short}` === flag);
  if (o) return o;
  const flags = spec.options.map((x) => `--${x.name}`);
  throw new UsageError(spec.name, `twinpath ${spec.name}: unknown option ${flag}${didYouMean(flag, flags)}`);
}

/** Checks one value of `o` against its choices and its check. */
function checkValue(spec: CommandSpec, o: OptionSpec, value: string): void {
  const at = `twinpath ${spec.name}: --${o.name}`;
  if (o.choices && !o.choices.includes(value))
    throw new UsageError(
      spec.name,
      `${at} is ${o.choices.join(' or ')}, not ${JSON.stringify(value)}${didYouMean(value, o.choices)}`,
    );
  try {
    o.check?.(value);
  } catch (e) {
    throw new UsageError(spec.name, `${at} ${value}: ${reason(e)}`);
  }
}

/**
 * Parses `argv` (the words after the command's name) by `spec`: `--name value`, `--name=value`, `-x value`, switches,
 * operands, and `--` before operands that start with `-`. Throws a UsageError, e.g.
 * `twinpath run: unknown option --runz (did you mean --runs?)`, `twinpath run: --runs needs a value (N)`,
 * `twinpath init: --no-install takes no value`, `twinpath init: unexpected operand x`.
 */
export function parseOptions<S extends CommandSpec>(spec: S, argv: readonly string[]): ParsedCommand<S> {
  const values: Record<string, string | boolean | string[]> = {};
  const found: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      found.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      found.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const o = findOption(spec, eq < 0 ? arg : arg.slice(0, eq));
    const flag = `twinpath ${spec.name}: --${o.name}`;
    if (o.type === 'boolean') {
      if (eq >= 0) throw new UsageError(spec.name, `${flag} takes no value`);
      values[o.name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : nextValue(o, argv[i + 1]) !== undefined ? argv[++i]! : o.bareValue;
    if (value === undefined) throw new UsageError(spec.name, `${flag} needs a value (${o.value ?? 'VALUE'})`);
    checkValue(spec, o, value);
    values[o.name] = o.multiple ? [...((values[o.name] as string[] | undefined) ?? []), value] : value;
  }
  if (spec.operands === '' && found.length)
    throw new UsageError(spec.name, `twinpath ${spec.name}: unexpected operand ${found[0]} (it takes none)`);
  const env: Record<string, string> = {};
  for (const o of spec.options) {
    values[o.name] ??= o.type === 'boolean' ? false : o.multiple ? [] : o.default!;
    if (values[o.name] === undefined) delete values[o.name];
    if (o.env && typeof values[o.name] === 'string') env[o.env] = values[o.name] as string;
    // A switch given sets its variable to 1.
    if (o.env && values[o.name] === true) env[o.env] = '1';
  }
  return { operands: found, values: values as ParsedCommand<S>['values'], env };
}
