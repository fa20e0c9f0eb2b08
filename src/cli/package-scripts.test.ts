import { exec } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const sh = promisify(exec);
const LOGGER = fileURLToPath(new URL('./fixtures/resolution-log.mjs', import.meta.url));

/** The repository's own scripts (or a planted copy): name -> command. */
const scriptsOf = (file: URL) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { scripts: Record<string, string> }).scripts;

/**
 * Runs a script's command with arguments that stop it once its imports are loaded; returns where `twinpath`
 * resolved (the kernels import it by name) and the script's stderr.
 */
async function resolutions(command: string, args: string): Promise<{ twinpath: string[]; stderr: string }> {
  const log = join(mkdtempSync(join(tmpdir(), 'twinpath-resolve-')), 'log');
  const env = {
    ...process.env,
    PATH: `node_modules/.bin:${process.env.PATH}`,
    NODE_OPTIONS: `--import=${LOGGER}`,
    TWINPATH_RESOLUTION_LOG: log,
  };
  const stderr = await sh(`${command} ${args}`, { env }).then(
    (r) => r.stderr,
    (e: { stderr: string }) => e.stderr,
  );
  const twinpath = existsSync(log) ? [...new Set(readFileSync(log, 'utf8').trim().split('\n'))] : [];
  return { twinpath: twinpath.map((u) => u.replace(/^.*\/(src|dist)\//, '$1/')), stderr };
}

/** The scripts reach `twinpath` through its sources: a fresh clone has no dist/ (built or not here). */
async function scriptsResolveSources(scripts: Record<string, string>): Promise<void> {
  const soak = await resolutions(scripts.soak!, '--cases 0');
  expect(soak.twinpath).toEqual(['src/index.ts']);
  expect(soak.stderr).toContain('soak: --cases must be a positive whole number, not "0"\n');
  const bench = await resolutions(scripts['bench:sweep']!, 'no_such_kernel');
  expect(bench.twinpath).toEqual(['src/index.ts']);
  expect(bench.stderr).toMatch(/bench: no kernel no_such_kernel; kernels: /);
}

test('npm run soak and bench:sweep load the sources, not dist/ (a fresh clone has none)', async () => {
  await scriptsResolveSources(scriptsOf(new URL('../../package.json', import.meta.url)));
}, 60_000);

test('the check catches scripts that resolve twinpath to dist/ (fixtures/scripts-without-source-condition.json)', async () => {
  await expect(
    scriptsResolveSources(scriptsOf(new URL('./fixtures/scripts-without-source-condition.json', import.meta.url))),
  ).rejects.toThrow(/'dist\/index\.js'/);
}, 60_000);
