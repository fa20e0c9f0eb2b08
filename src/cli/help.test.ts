import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { COMMANDS } from './commands.ts';
import { helpProblems, repeatedRows, usageErrorProblems } from './fixtures/cli-checks.ts';
import { twinpath } from './fixtures/run-cli.ts';

const version = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
).version;

test('twinpath --help lists every command with its one line', async () => {
  const r = await twinpath(['--help']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^usage: twinpath <command> \[options\]\n\ncommands:\n/);
  for (const { spec } of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${spec.name} +${spec.summary}$`, 'm'));
  expect((await twinpath([])).out).toBe(r.out);
});

test('<command> --help: its usage line, its description and only its own flags, each of which it takes', async () => {
  for (const { spec } of COMMANDS) {
    const r = await twinpath([spec.name, '--help']);
    expect(r.code, spec.name).toBe(0);
    expect(helpProblems(spec, r.out), spec.name).toEqual([]);
    expect(r.out, spec.name).toContain(`\n\n${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.\n`);
    expect((await twinpath(['help', spec.name])).out, spec.name).toBe(r.out);
  }
}, 60_000);

test('--version and -v anywhere print the version and exit 0', async () => {
  for (const args of [['--version'], ['-v'], ['init', '--version'], ['-v', 'run'], ['merge', 'a', '-v']]) {
    expect(await twinpath(args), args.join(' ')).toEqual({ code: 0, out: `twinpath ${version}\n`, err: '' });
  }
});

test('a usage error exits 2 with a twinpath message, the usage line and where help is, before anything runs', async () => {
  const cases: Array<[string[], string | undefined, string]> = [
    [['merge', '--runs', '3'], 'merge', 'twinpath merge: unknown option --runs'],
    [['run', '--runz', '5'], 'run', 'twinpath run: unknown option --runz (did you mean --runs?)'],
    [['rnu'], undefined, 'twinpath: unknown command "rnu" (did you mean run?); commands: run, watch, bench,'],
    [
      ['sweep'],
      undefined,
      'twinpath: unknown command "sweep"; commands: run, watch, bench, layout, adapter, merge, init',
    ],
    [['init', '--no-install=1'], 'init', 'twinpath init: --no-install takes no value'],
    [['bench', '--budget'], 'bench', 'twinpath bench: --budget needs a value (S)'],
    [['bench', '--same-within', 'x'], 'bench', 'twinpath bench: --same-within x: must be a percentage of at least 0'],
    [['bench', '--fail-on-regression', '10'], 'bench', 'twinpath bench: --fail-on-regression needs --baseline FILE'],
    [
      ['layout', 'x.wgsl', '--space', 'unifrm'],
      'layout',
      'twinpath layout: --space is storage or uniform, not "unifrm"',
    ],
    [
      ['run', '--backend', 'metal'],
      'run',
      'twinpath run: --backend metal: unknown backend "metal"; backends are wgsl,',
    ],
  ];
  for (const [args, command, message] of cases) {
    const r = await twinpath(args);
    expect(usageErrorProblems(command, r), args.join(' ')).toEqual([]);
    expect(r.err.split('\n')[0], args.join(' ')).toContain(message);
    expect(r.err, args.join(' ')).toContain(
      command ? `(twinpath ${command} --help lists the options)` : '(twinpath --help',
    );
  }
}, 60_000);

test('a kernel name that matches none exits 2 before any case, with the nearest name or the list', async () => {
  const typo = await twinpath(['run', 'mip_downsampel']);
  expect(usageErrorProblems('run', typo)).toEqual([]);
  expect(typo.err.split('\n')[0]).toBe('twinpath run: no kernel named mip_downsampel (did you mean mip_downsample?)');
  const none = await twinpath(['run', 'nosuchkernel']);
  expect(usageErrorProblems('run', none)).toEqual([]);
  expect(none.err).toMatch(/^twinpath run: no kernel named nosuchkernel; kernels: .*\bim2col\b/);
  const glob = await twinpath(['run', '--list', 'zz*']);
  expect(usageErrorProblems('run', glob)).toEqual([]);
  expect(glob.err).toMatch(/^twinpath run: no kernel matches zz\*; kernels: .*\bmip_downsample\b/);
  for (const r of [typo, none, glob]) expect(r.out).not.toMatch(/twinpath ▸|sweeping/);
}, 60_000);

test('layout --ts FILE#Name naming no export exits 2, listing what the file exports', async () => {
  const r = await twinpath([
    'layout',
    'kernels/agx/gpu-parameters.wgsl',
    '--ts',
    'kernels/agx/gpu-parameters.ts#GPU_PARAMETRS',
  ]);
  expect(usageErrorProblems('layout', r)).toEqual([]);
  expect(r.err.split('\n')[0]).toBe(
    'twinpath layout: --ts kernels/agx/gpu-parameters.ts#GPU_PARAMETRS: kernels/agx/gpu-parameters.ts exports no ' +
      'GPU_PARAMETRS (did you mean GPU_PARAMETERS?); it exports: GPU_PARAMETERS',
  );
  const nope = await twinpath([
    'layout',
    'kernels/agx/gpu-parameters.wgsl',
    '--ts',
    'kernels/agx/gpu-parameters.ts#Nope',
  ]);
  expect(nope.code).toBe(2);
  expect(nope.err).toMatch(/exports no Nope; it exports: GPU_PARAMETERS\n/);
  const missing = await twinpath(['layout', 'no-such.wgsl']);
  expect(usageErrorProblems('layout', missing)).toEqual([]);
  expect(missing.err).toMatch(
    /^twinpath layout: no file no-such\.wgsl\nusage: twinpath layout FILE\.wgsl\.\.\. \[options\]/,
  );
});

test('run --list: one row per kernel, by name, with its backends and outputs, running none', async () => {
  const r = await twinpath(['run', '--list']);
  expect(r.code, r.err).toBe(0);
  expect(r.out).toMatch(/^kernel +backends +outputs +file\n/);
  expect(repeatedRows(r.out)).toEqual([]);
  expect(r.out).toMatch(/^mip_downsample +wgsl,cuda,cpp +\(one\) +cases\/mip_downsample\.test\.ts$/m);
  expect(r.out).toMatch(/^texel_address +wgsl +\(one\) +cases\/texel_address\.test\.ts$/m);
  expect(r.out).not.toMatch(/twinpath ▸/);
  const some = await twinpath(['run', '--list', 'mip*']);
  expect(
    some.out
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(' ')[0]),
  ).toEqual(['mip_downsample', 'mip_texture_float32', 'mip_texture_unorm8']);
}, 60_000);
