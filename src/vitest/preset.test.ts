import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import type { ViteUserConfig as UserConfig } from 'vitest/config';
import { sweepInclude, twinpath } from './preset.ts';

type Hook = (config: UserConfig) => Promise<UserConfig | null>;
const apply = (options?: Parameters<typeof twinpath>[0]) => twinpath(options).config as unknown as Hook;

test('the preset adds forked workers, its setup file, its reporter beside the default, GPU timeouts', async () => {
  const added = await apply()({ root: process.cwd() });
  expect(added?.test).toMatchObject({ pool: 'forks', testTimeout: 120_000, hookTimeout: 60_000 });
  expect(added?.test?.setupFiles).toEqual([expect.stringMatching(/vitest[/\\]setup\.ts$/)]);
  expect(added?.test?.reporters).toEqual(['default', expect.objectContaining({ onTestRunEnd: expect.any(Function) })]);
});

test("beside a project's own reporters it adds only its own; applied twice it applies once", async () => {
  const own = await apply()({ root: process.cwd(), test: { reporters: ['dot'] } });
  expect(own?.test?.reporters).toHaveLength(1);
  expect(
    await apply({ reporters: 'only' })({ root: process.cwd(), test: { setupFiles: own!.test!.setupFiles! } }),
  ).toBeNull();
});

test("the preset drops Dawn's warnings from the error stream the workers' stderr goes to; applied twice, once", () => {
  const sink = new PassThrough();
  let out = '';
  sink.on('data', (d: Buffer) => (out += d.toString()));
  const logger = { errorStream: sink as NodeJS.WritableStream };
  const hook = twinpath().configureVitest as (c: { vitest: { logger: typeof logger } }) => void;
  hook({ vitest: { logger } });
  const wrapped = logger.errorStream;
  expect(wrapped).not.toBe(sink);
  hook({ vitest: { logger } });
  expect(logger.errorStream).toBe(wrapped);
  wrapped.write('kept\nWarning: maxStorageBuffersPerShaderStage artificially reduced from 64 to 8\nalso kept\n');
  expect(out).toBe('kept\nalso kept\n');
});

/** This worker's environment less its TWINPATH_* settings: a fixture's run has its own (its sweep globs among them). */
const outsideEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TWINPATH_')));

test("planted: under `npx vitest run` with the preset, a worker's own fd-2 warning never reaches the terminal", async () => {
  const root = resolve(import.meta.dirname, '../..');
  const env = {
    ...outsideEnv(),
    TWINPATH_REPORT: join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report'),
    TWINPATH_TESTS: JSON.stringify(['src/vitest/fixtures/dawn-noise/*.fixture.ts']),
  };
  const r = await promisify(execFile)(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'src/vitest/fixtures/dawn-noise/vitest.config.ts',
    ],
    { cwd: root, env, timeout: 120_000 },
  );
  expect(r.stderr).toContain('fixture: before\nfixture: after\n');
  expect(r.stderr).not.toContain('artificially reduced');
}, 150_000);

test("a project's own include that lacks the sweep files gets them added; no include keeps vitest's default", () => {
  expect(sweepInclude(['test/**'], ['cases/*.test.ts'])).toEqual({ include: ['cases/*.test.ts'] });
  expect(sweepInclude(['test/**', 'cases/*.test.ts'], ['cases/*.test.ts'])).toEqual({});
  expect(sweepInclude(undefined, ['cases/*.test.ts'])).toEqual({});
});

test('planted: `include: [test/]` beside the preset no longer hides the sweeps (fixtures/own-include fails)', async () => {
  const root = resolve(import.meta.dirname, '../..');
  const env = { ...outsideEnv(), TWINPATH_REPORT: join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report') };
  const r = await promisify(execFile)(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'src/vitest/fixtures/own-include/vitest.config.ts',
    ],
    { cwd: root, env, timeout: 120_000 },
  ).catch((e: { code: number; stdout: string }) => e);
  // The planted sweep fails on purpose: a run that hid it would pass with 1 test.
  expect(r).toMatchObject({ code: 1, stdout: expect.stringContaining('twinpath: 1 passed, 1 failed, 0 skipped') });
  // Named again just above the count, so a log that keeps only its tail says what failed.
  expect((r as { stdout: string }).stdout).toMatch(
    /\ntwinpath ✗ cases\/sweep\.fixture\.ts > .+: .+\ntwinpath: 1 passed/,
  );
}, 150_000);
