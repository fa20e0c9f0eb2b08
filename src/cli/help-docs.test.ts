/**
 * docs/cli.md shows each command's `--help` as the command prints it: the
 * page cannot fall behind an option added to a command's table.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { COMMANDS } from './commands.ts';
import { commandHelp, overview } from './usage.ts';

const page = readFileSync(resolve(import.meta.dirname, '../../docs/cli.md'), 'utf8');

const helps: ReadonlyArray<readonly [string, string]> = [
  ['twinpath --help', overview()],
  ...COMMANDS.map(({ spec }) => [`twinpath ${spec.name} --help`, commandHelp(spec)] as const),
];

test.each(helps)('docs/cli.md shows `%s` as it prints', (_, help) => {
  expect(page, "paste the command's --help into its code block in docs/cli.md").toContain(help.trimEnd());
});
