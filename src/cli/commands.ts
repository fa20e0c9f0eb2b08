/**
 * The `twinpath` commands, in the order `twinpath --help` lists them: each
 * declaration (command-specs.ts) with the module that runs it, loaded only
 * when it runs, after its command line parsed.
 */
import { ADAPTER, BENCH, INIT, LAYOUT, MERGE, RUN, WATCH } from './command-specs.ts';
import type { CommandSpec, ParsedCommand } from './spec.ts';

/** A command: its declaration, and what runs it once its command line parsed. */
export interface CommandEntry {
  readonly spec: CommandSpec;
  readonly load: () => Promise<(parsed: ParsedCommand) => Promise<number>>;
}

type Main<S extends CommandSpec> = (parsed: ParsedCommand<S>) => Promise<number>;

function entry<S extends CommandSpec>(spec: S, load: () => Promise<Main<S>>): CommandEntry {
  return { spec, load: load as CommandEntry['load'] };
}

/** Every command, in the order `twinpath --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  entry(RUN, async () => (await import('./run.ts')).runCommand),
  entry(WATCH, async () => (await import('./watch.ts')).watchCommand),
  entry(BENCH, async () => (await import('./bench.ts')).benchCommand),
  entry(LAYOUT, async () => (await import('./layout.ts')).layoutMain),
  entry(ADAPTER, async () => (await import('./adapter.ts')).adapterCommand),
  entry(MERGE, async () => (await import('./merge.ts')).mergeCommand),
  entry(INIT, async () => (await import('./init.ts')).initCommand),
];

/** The command named `name`, or undefined. */
export const commandNamed = (name: string): CommandEntry | undefined => COMMANDS.find((c) => c.spec.name === name);
