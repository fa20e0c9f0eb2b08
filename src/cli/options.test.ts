import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { BENCH, INIT, LAYOUT, MERGE, RUN } from './command-specs.ts';
import { COMMANDS } from './commands.ts';
import { didYouMean, editDistance, nearest } from './did-you-mean.ts';
import { helpProblems, repeatedRows, usageErrorProblems } from './fixtures/cli-checks.ts';
import { chooseKernels } from './kernel-choice.ts';
import { parseOptions } from './parse-options.ts';
import { checkBackendFlags } from './project.ts';
import { commandHelp } from './usage.ts';
import { isInputError, INPUT_ERROR_EXIT } from '../core/settings/input-error.ts';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');

/** The message a parse throws, or 'parsed'. */
function refusal(run: () => unknown): string {
  try {
    run();
    return 'parsed';
  } catch (e) {
    expect(isInputError(e), String(e)).toBe(true);
    return (e as Error).message;
  }
}

test('flags become values and TWINPATH_* settings; defaults from the table; -- ends the flags', () => {
  const argv = [
    'mip*',
    '--runs',
    '5',
    '--seed=7',
    '--path',
    '3:1',
    '--adapter',
    'vulkan:',
    '--report',
    'out',
    '--list',
    '--workers',
    '3',
    '--profile',
  ];
  expect(parseOptions(RUN, argv)).toEqual({
    operands: ['mip*'],
    values: {
      runs: '5',
      seed: '7',
      path: '3:1',
      adapter: 'vulkan:',
      report: 'out',
      list: true,
      workers: '3',
      profile: true,
    },
    env: {
      TWINPATH_RUNS: '5',
      TWINPATH_SEED: '7',
      TWINPATH_PATH: '3:1',
      TWINPATH_ADAPTER: 'vulkan:',
      TWINPATH_REPORT: 'out',
      TWINPATH_WORKERS: '3',
      // A switch given sets its variable to 1.
      TWINPATH_PROFILE: '1',
    },
  });
  expect(parseOptions(RUN, []).env).toEqual({});
  expect(parseOptions(BENCH, []).values).toEqual({
    sizes: '720p,1080p,4k',
    'max-noise': '0.5',
    budget: '2',
    'same-within': '5',
    fastest: '100',
  });
  expect(parseOptions(LAYOUT, ['a.wgsl', '--root', 'x', '--root', 'y', '--', '--odd.wgsl']).operands).toEqual([
    'a.wgsl',
    '--odd.wgsl',
  ]);
  expect(parseOptions(LAYOUT, ['a.wgsl', '--root', 'x', '--root', 'y']).values.root).toEqual(['x', 'y']);
  // A negative number is a value, left to the settings to refuse with their fix.
  expect(parseOptions(RUN, ['--runs', '-5']).values.runs).toBe('-5');
});

test("mistakes are the command's usage errors in twinpath's words, with the nearest valid flag", () => {
  expect(refusal(() => parseOptions(RUN, ['--runz', '5']))).toBe(
    'twinpath run: unknown option --runz (did you mean --runs?)',
  );
  expect(refusal(() => parseOptions(RUN, ['--rusn', '5']))).toBe(
    'twinpath run: unknown option --rusn (did you mean --runs?)',
  );
  expect(refusal(() => parseOptions(MERGE, ['--runs', '3']))).toBe('twinpath merge: unknown option --runs');
  expect(refusal(() => parseOptions(RUN, ['--report', '--runs', '3']))).toBe(
    'twinpath run: --report needs a value (DIR)',
  );
  expect(refusal(() => parseOptions(RUN, ['--runs']))).toBe('twinpath run: --runs needs a value (N)');
  expect(refusal(() => parseOptions(INIT, ['--no-install=yes']))).toBe('twinpath init: --no-install takes no value');
  expect(refusal(() => parseOptions(INIT, ['here']))).toBe('twinpath init: unexpected operand here (it takes none)');
  expect(refusal(() => parseOptions(LAYOUT, ['--space', 'unifrm']))).toBe(
    'twinpath layout: --space is storage or uniform, not "unifrm" (did you mean uniform?)',
  );
  expect(refusal(() => checkBackendFlags('bench', parseOptions(BENCH, ['--backend', 'cuda,metal']).values))).toBe(
    'twinpath bench: --backend cuda,metal: unknown backend "metal"; backends are wgsl, cuda, cpp',
  );
  expect(INPUT_ERROR_EXIT).toBe(2);
});

test('the nearest name: one edit (a swap counts one) in a short name, a third of a long one, else none', () => {
  expect(editDistance('runz', 'runs')).toBe(1);
  expect(editDistance('rusn', 'runs')).toBe(1);
  expect(editDistance('', 'run')).toBe(3);
  expect(nearest('--runz', ['--seed', '--runs', '--report'])).toBe('--runs');
  expect(nearest('mip_downsampel', ['mip_texture', 'mip_downsample'])).toBe('mip_downsample');
  expect(nearest('zzz', ['run', 'watch'])).toBeUndefined();
  expect(didYouMean('rnu', ['run', 'watch'])).toBe(' (did you mean run?)');
  expect(didYouMean('sweep', ['run', 'watch'])).toBe('');
});

test('kernel names on the command line: exact or * wildcards, each must match a kernel', () => {
  const known = ['mip_downsample', 'mip_texture', 'im2col'];
  expect(chooseKernels('run', [], known)).toEqual(known);
  expect(chooseKernels('run', ['im2col', 'mip*'], known)).toEqual(known);
  expect(refusal(() => chooseKernels('run', ['mip_downsampel'], known))).toBe(
    'twinpath run: no kernel named mip_downsampel (did you mean mip_downsample?)',
  );
  expect(refusal(() => chooseKernels('run', ['zz*'], known))).toBe(
    'twinpath run: no kernel matches zz*; kernels: mip_downsample, mip_texture, im2col',
  );
  expect(refusal(() => chooseKernels('bench', ['x'], [], 'kernels with a bench input'))).toBe(
    'twinpath bench: no kernel named x; kernels with a bench input: none',
  );
});

test("every command's help, as built, shows exactly the flags its parser takes", () => {
  for (const { spec } of COMMANDS) expect(helpProblems(spec, commandHelp(spec)), spec.name).toEqual([]);
});

test('the checks catch the outputs from before: run flags in merge --help, node parser text, a row per backend', () => {
  expect(helpProblems(MERGE, fixture('merge-help-lists-run-flags.txt'))).toEqual(
    ['--adapter', '--runs', '--seed', '--path', '--require-gpu', '--backend', '--require-backend']
      .map((f) => `merge --help shows ${f}, which merge refuses: twinpath merge: unknown option ${f}`)
      .concat('merge --help does not start with its usage line'),
  );
  expect(
    helpProblems(
      BENCH,
      'usage: twinpath bench [--sizes S] [--max-noise P] [--budget S] [--save F] [--baseline F] ' +
        '[--same-within P] [--fastest P] [--fail-on-regression P] [--adapter A]',
    ),
  ).toEqual(['bench --help omits --backend']);
  expect(usageErrorProblems('merge', { code: 2, out: '', err: fixture('merge-runs-node-parser-text.txt') })).toEqual([
    `node's parser text: "To specify a positional argument"`,
    `node's parser text: "Unknown option '"`,
  ]);
  expect(usageErrorProblems('run', { code: 1, out: '', err: 'twinpath: no kernel matches x\n' })).toEqual([
    'exit status 1, not 2',
    'first line is not a twinpath message: "twinpath: no kernel matches x"',
    'no usage line',
  ]);
  expect(repeatedRows(fixture('list-row-per-backend.txt'))).toEqual(['mip_downsample']);
});

test('--sanitize takes a tool, or none (memcheck) without taking a kernel; TWINPATH_SANITIZE is checked', async () => {
  const { runConfig } = await import('../core/settings/settings.ts');
  expect(parseOptions(RUN, ['--sanitize', 'blur']).env.TWINPATH_SANITIZE).toBe('memcheck');
  expect(parseOptions(RUN, ['--sanitize', 'blur']).operands).toEqual(['blur']);
  expect(parseOptions(RUN, ['--sanitize', 'racecheck', 'blur']).env.TWINPATH_SANITIZE).toBe('racecheck');
  expect(parseOptions(RUN, ['--sanitize=off']).env.TWINPATH_SANITIZE).toBe('off');
  expect(refusal(() => parseOptions(RUN, ['--sanitize=asan']))).toBe(
    'twinpath run: --sanitize is memcheck or racecheck or initcheck or synccheck or off, not "asan"',
  );
  expect(commandHelp(RUN)).toContain('--sanitize [TOOL]');
  expect(runConfig({ TWINPATH_SANITIZE: 'racecheck' })).toMatchObject({
    sanitize: 'racecheck',
    failureSanitizer: 'racecheck',
  });
  expect(runConfig({}).failureSanitizer).toBe('memcheck');
  expect(runConfig({ TWINPATH_SANITIZE: 'off' }).failureSanitizer).toBeUndefined();
  expect(refusal(() => runConfig({ TWINPATH_SANITIZE: 'asan' }))).toBe(
    'twinpath: --sanitize (TWINPATH_SANITIZE) is memcheck, racecheck, initcheck, synccheck or off, not "asan". Fix: --sanitize memcheck',
  );
});

test('--workers and --profile: TWINPATH_WORKERS is a whole number of threads from 1, TWINPATH_PROFILE 1 or 0', async () => {
  const { runConfig } = await import('../core/settings/settings.ts');
  const { availableParallelism } = await import('node:os');
  expect(runConfig({})).toMatchObject({ workers: availableParallelism() + 1, profile: false });
  expect(runConfig({ TWINPATH_WORKERS: '1', TWINPATH_PROFILE: '1' })).toMatchObject({ workers: 1, profile: true });
  expect(refusal(() => runConfig({ TWINPATH_WORKERS: '0' }))).toBe(
    'twinpath: --workers (TWINPATH_WORKERS) must be a whole number of threads from 1 to 256, not "0". Fix: --workers 1',
  );
  expect(refusal(() => runConfig({ TWINPATH_PROFILE: 'yes' }))).toBe(
    'twinpath: TWINPATH_PROFILE is 1 or 0, not "yes". Fix: --profile',
  );
});
