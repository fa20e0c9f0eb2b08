import { exec } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const sh = promisify(exec);

/** The repository's own scripts (or a planted copy): name -> command. */
const scriptsOf = (file: URL) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Runs a script's command with arguments that stop it after its imports resolve: its exit code and stderr. */
async function refusedArguments(command: string, args: string): Promise<{ code: number; stderr: string }> {
  try {
    await sh(`${command} ${args}`, { env: { ...process.env, PATH: `node_modules/.bin:${process.env.PATH}` } });
    return { code: 0, stderr: '' };
  } catch (e) {
    const { code, stderr } = e as { code: number; stderr: string };
    return { code, stderr };
  }
}

/** The scripts reach `twinpath` (through kernels/) in a fresh clone, where no dist/ is built. */
async function scriptsResolveSources(scripts: Record<string, string>): Promise<void> {
  const soak = await refusedArguments(scripts.soak!, '--cases 0');
  expect(soak.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
  expect(soak).toEqual({
    code: 2,
    stderr: 'soak: --cases must be a positive whole number, not "0"\n',
  });
  const bench = await refusedArguments(scripts['bench:sweep']!, 'no_such_kernel');
  expect(bench.stderr).toMatch(/^bench: no kernel no_such_kernel; kernels: /);
}

test('npm run soak and bench:sweep load the sources, not dist/ (a fresh clone has none)', async () => {
  await scriptsResolveSources(scriptsOf(new URL('../../package.json', import.meta.url)));
}, 60_000);

test('the check catches scripts that resolve twinpath to dist/ (fixtures/scripts-without-source-condition.json)', async () => {
  await expect(
    scriptsResolveSources(scriptsOf(new URL('./fixtures/scripts-without-source-condition.json', import.meta.url))),
  ).rejects.toThrow(/not to contain 'ERR_MODULE_NOT_FOUND'/);
}, 60_000);
