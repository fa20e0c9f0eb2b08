import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { sweepNamePattern } from '../core/kernel/sweep-name.ts';
import { parseOptions } from './parse-options.ts';
import { checkBackendFlags } from './project.ts';
import { RUN } from './command-specs.ts';
import { twinpath } from './fixtures/run-cli.ts';

/** Runs of these tests report here, never into the folder of the vitest run that runs them (which it holds). */
const report = resolve(import.meta.dirname, '../../twinpath-report/cli-test');

test('bad input exits 2 with its fix before any case: runs, seed, path, report folder, expectations', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twinpath-'));
  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  const expectations = join(dir, 'e.json');
  writeFileSync(
    expectations,
    JSON.stringify({ expectations: [{ kernel: 'im2col', adaptor: { vendor: 'nvidia' }, reason: 'r' }] }),
  );
  const cases: Array<[string[], Record<string, string>, string]> = [
    [
      ['--runs', '0'],
      {},
      'twinpath: --runs (TWINPATH_RUNS) must be a positive whole number of cases, not "0". Fix: --runs 100',
    ],
    [
      ['--runs=-5'],
      {},
      'twinpath: --runs (TWINPATH_RUNS) must be a positive whole number of cases, not "-5". Fix: --runs 100',
    ],
    [['--runs', '2.5'], {}, 'not "2.5"'],
    [[], { TWINPATH_RUNS: '0' }, 'twinpath: --runs (TWINPATH_RUNS) must be a positive whole number of cases, not "0"'],
    [['--runs', '-5'], {}, 'twinpath: --runs (TWINPATH_RUNS) must be a positive whole number of cases, not "-5"'],
    [
      ['--seed', 'abc'],
      {},
      'twinpath: --seed (TWINPATH_SEED) must be a 32-bit integer, not "abc". Fix: the seed a failure printed, e.g. --seed 42',
    ],
    [['--seed', '4294967296'], {}, 'must be a 32-bit integer, not "4294967296"'],
    [
      ['--path', '3:1'],
      {},
      'twinpath: --path (TWINPATH_PATH) names a case of one seed: give --seed too (the replay line has both)',
    ],
    [
      ['--seed', '1', '--path', 'x'],
      {},
      'twinpath: --path (TWINPATH_PATH) must be case indices joined by ":", not "x"',
    ],
    [
      ['--report', file],
      {},
      `twinpath: --report (TWINPATH_REPORT) ${JSON.stringify(file)} is a file, not a folder. Fix: name a folder`,
    ],
    [
      ['--report', join(file, 'sub')],
      {},
      `twinpath: --report (TWINPATH_REPORT) ${JSON.stringify(join(file, 'sub'))} cannot be created: ENOTDIR`,
    ],
    [
      [],
      { TWINPATH_EXPECTATIONS: expectations },
      `${expectations}: expectation 0 (kernel "im2col"): unknown key "adaptor" — did you mean "adapter"?`,
    ],
    [
      [],
      { TWINPATH_EXPECTATIONS: join(dir, 'missing.json') },
      `${join(dir, 'missing.json')}: expectations file not found (named by TWINPATH_EXPECTATIONS or twinpath.config.ts "expectations"). Fix: create it with {"expectations": []}, correct the path, or unset it to use twinpath.expectations.json`,
    ],
    [['--rnus', '5'], {}, 'twinpath run: unknown option --rnus (did you mean --runs?)'],
  ];
  for (const [args, env, message] of cases) {
    const r = await twinpath(['run', 'im2col', '--report', join(dir, 'report'), ...args], env);
    expect(r.code, args.join(' ')).toBe(2);
    expect(r.err.split('\n')[0], args.join(' ')).toContain(message);
    expect(r.out, args.join(' ')).not.toMatch(/twinpath ▸|sweeping/);
  }
});

test('kernel names are exact, * is a wildcard', () => {
  const re = new RegExp(sweepNamePattern(['mip_downsample', 'prep*']));
  expect(['parity: mip_downsample', 'parity: prepare_mip_source'].every((n) => re.test(n))).toBe(true);
  expect(re.test('parity: generate_mips')).toBe(false);
  expect(re.test('parity: mip_downsample_x')).toBe(false);
});

test('an adapter named that this machine lacks is a usage error, before any case', async () => {
  const r = await twinpath(['run', '--adapter', 'no-such-adapter', '--report', report]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(
    /^twinpath run: --adapter no-such-adapter \(TWINPATH_ADAPTER\): no WebGPU adapter found \(dawn\.node flags: adapter=no-such-adapter\)/,
  );
  expect(r.err).toMatch(/^Fix: install a Vulkan driver/m);
  expect(r.err).toMatch(/^usage: twinpath run \[kernel\.\.\.\] \[options\]$/m);
  expect(r.out).not.toMatch(/twinpath ▸/);
});

test('--require-gpu hardware refuses a software adapter before any case; any accepts it', async () => {
  const r = await twinpath(['run', 'im2col', '--require-gpu', 'hardware', '--runs', '3', '--report', report]);
  const software = /\[software\]/.test((await twinpath(['adapter'])).out);
  if (software) {
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^twinpath: --require-gpu hardware, but the adapter is software: .+\[software\]/m);
    expect(r.err).toMatch(/^Fix: run on a GPU runner/m);
    expect(r.out).not.toMatch(/twinpath ▸/);
  } else {
    expect(r.code, r.out + r.err).toBe(0);
  }
  const any = await twinpath(['run', 'im2col', '--require-gpu', 'any', '--runs', '3', '--report', report]);
  expect(any.code, any.out + any.err).toBe(0);
  const some = await twinpath(['run', '--require-gpu', 'some', '--report', report]);
  expect(some.code).toBe(2);
  expect(some.err).toContain('is hardware or any, not "some"');
});

test('the main job replays one case exactly and reports the adapter', async () => {
  const r = await twinpath(['run', 'prepare_mip_source', '--seed', '11', '--path', '4', '--report', report]);
  expect(r.code, r.out + r.err).toBe(0);
  expect(r.out).toMatch(/^twinpath ✓ prepare_mip_source: pass, 1 case,/m);
  expect(r.out).toMatch(/^adapter: .+\[(software|hardware)\]/m);
  expect(r.out).toMatch(/^twinpath: 1 passed, 0 failed, \d+ skipped$/m);
  expect(r.out).not.toMatch(/generate_mips/);
});

test('layout: every struct of a WGSL file, with its uniform validity; --json is machine-readable', async () => {
  const text = await twinpath(['layout', 'src/lib/texture.wgsl']);
  const frameAlone = await twinpath(['layout', 'src/lib/frame.wgsl', '--struct', 'FrameParams']);
  expect(frameAlone.out).toMatch(/^ +0 +112 +4 +outDesc +twinpath::texture::TextureDesc$/m);
  expect(text.code).toBe(0);
  expect(text.out).toMatch(/^struct TextureDesc: 112 bytes, align 4; storage: valid; uniform: 7 rule\(s\) broken$/m);
  expect(text.out).toMatch(/^ +52 +20 +4 +mipWidth +array<u32, 5>$/m);
  const json = await twinpath([
    'layout',
    'src/lib/texture.wgsl',
    'src/lib/frame.wgsl',
    '--struct',
    'FrameParams',
    '--json',
  ]);
  const [frame] = JSON.parse(json.out) as Array<{
    name: string;
    size: number;
    members: Array<{ name: string; offset: number }>;
  }>;
  expect(frame).toMatchObject({ name: 'FrameParams', size: 352 });
  expect(frame!.members.map((m) => m.offset)).toEqual([0, 112, 224, 336, 340, 344, 348]);
});

test('layout with #import: an imported struct gets its offsets, named module::Struct; unresolved, exit 1', async () => {
  const r = await twinpath(['layout', 'src/wgsl/fixtures/graded.wgsl', '--root', 'src/wgsl/fixtures/roots']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^struct color::tone::ToneParams: 8 bytes, align 4; storage: valid; uniform: valid$/m);
  expect(r.out).toMatch(/^struct Graded: 32 bytes, align 16; storage: valid; uniform: valid$/m);
  expect(r.out).toMatch(/^ +0 +8 +4 +tone +color::tone::ToneParams$/m);
  expect(r.out).toMatch(/^ +16 +16 +16 +lift +vec4<f32>$/m);
  const missing = await twinpath(['layout', 'src/wgsl/fixtures/graded.wgsl']);
  expect(missing.code).toBe(1);
  expect(missing.err).toMatch(
    /^twinpath layout: src\/wgsl\/fixtures\/graded\.wgsl:2:9: cannot resolve #import color::tone::ToneParams: /,
  );
  expect(missing.err).toContain('Fix: put a file that starts with `#define_import_path color::tone`');
});

test('layout --ts: the three-way check; a mismatch exits 1 with the table', async () => {
  const ok = await twinpath([
    'layout',
    'kernels/agx/gpu-parameters.wgsl',
    '--ts',
    'kernels/agx/gpu-parameters.ts#GPU_PARAMETERS',
  ]);
  expect(ok).toMatchObject({ code: 0 });
  expect(ok.out.trim()).toBe('GpuParameters (storage): TS, WGSL and GPU agree: 400 bytes, 50 fields');
  const planted = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'extra-field.wgsl');
  writeFileSync(
    planted,
    readFileSync('kernels/agx/gpu-parameters.wgsl', 'utf8').replace(
      '  contrast: f32,\n',
      '  contrast: f32,\n  hdrBoost: f32,\n',
    ),
  );
  const bad = await twinpath(['layout', planted, '--ts', 'kernels/agx/gpu-parameters.ts#GPU_PARAMETERS']);
  expect(bad.code).toBe(1);
  expect(bad.out).toMatch(
    /^GpuParameters \(storage\): first wrong field #9: TS \(none\), WGSL hdrBoost; 1 only in WGSL \(hdrBoost at 36\)/,
  );
  // A WGSL struct named otherwise: the check names it, and the option that picks it.
  writeFileSync(
    planted,
    readFileSync('kernels/agx/gpu-parameters.wgsl', 'utf8').replace(/\bGpuParameters\b/g, 'GpuParams'),
  );
  const renamed = await twinpath(['layout', planted, '--ts', 'kernels/agx/gpu-parameters.ts#GPU_PARAMETERS']);
  expect(renamed.code).toBe(1);
  expect(renamed.out).toMatch(/^GpuParameters \(storage\): no WGSL struct GpuParameters; size TS 400\n/);
  expect(renamed.out).toContain(
    'WGSL: no struct GpuParameters in the source (its structs: GpuParams). Fix: name the WGSL struct: --struct GpuParams',
  );
});

test('bench: hot and cold times with their noise, bandwidth against the floor, a saved baseline classified', async () => {
  const saved = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'base.json');
  const bench = ['bench', 'mip_downsample', '--sizes', '720p', '--budget', '0.3'];
  const first = await twinpath([...bench, '--backend', 'wgsl,cpp', '--save', saved]);
  expect(first.out).toMatch(
    /^wgsl: .+; time: (timestamp queries, Dawn timestamp quantization disabled \(toggle\)|no timestamp-query on this device)$/m,
  );
  // hot us, its noise, cold us, its noise, GB/s, of peak (neither WebGPU nor the CPU says), of floor; on lavapipe a
  // noisy floor may read below the kernel: then the row is an error that says so, and the run exits 1.
  const row = '+720p +(wgsl|cpp) +[\\d.]+ +[\\d.]+%\\*? +[\\d.]+ +[\\d.]+%\\*? +[\\d.]+ +- +\\d+%';
  expect(first.out).toMatch(new RegExp(`^mip_downsample ${row}$`, 'm'));
  expect(first.out).toMatch(new RegExp(`^mip_downsample \\[cpp\\] ${row}$`, 'm'));
  const errors = Number(/^twinpath bench: 2 rows: \d timed, 0 unsupported, (\d) errors?$/m.exec(first.out)?.[1]);
  expect(first.out.match(/^ {2}error: \d+% of the streaming floor/gm)?.length ?? 0).toBe(errors);
  expect(first.code, first.err).toBe(errors ? 1 : 0);
  // A planted regression: the baseline's C++ samples quartered, so this run reads 4x as slow as it (a margin for
  // a shared CPU, whose fastest samples may still move 2x between runs).
  const quartered = JSON.parse(readFileSync(saved, 'utf8')) as { rows: Array<{ hotSamples?: number[] }> };
  for (const r of quartered.rows) if (r.hotSamples) r.hotSamples = r.hotSamples.map((us) => us / 4);
  writeFileSync(saved, JSON.stringify(quartered));
  const gate = ['--baseline', saved, '--fastest', '20', '--same-within', '40', '--fail-on-regression', '10'];
  const again = await twinpath([...bench, '--backend', 'cpp', ...gate]);
  expect(again.out).toMatch(/^mip_downsample \[cpp\] +720p +cpp .+ {2}SLOWER \d+\.\d\dx \[\d+\.\d\d-\d+\.\d\d\]$/m);
  expect(again.out).toMatch(/^twinpath bench: 1 row: 1 timed, 0 unsupported, 0 errors; 1 SLOWER by more than 10%$/m);
  expect(again.code).toBe(1);
  const missing = await twinpath(['bench', '--baseline', join(tmpdir(), 'no-such-baseline.json')]);
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(
    /^twinpath bench: --baseline .+no-such-baseline\.json: no such file \(make one with --save\)$/m,
  );
}, 120_000);

test("Dawn's 'artificially reduced' limit warnings are not printed", async () => {
  const r = await twinpath(['adapter']);
  expect(r.code).toBe(0);
  expect(r.err).not.toContain('artificially reduced');
});

test('a required device feature the adapter lacks: unsupported, exit 1, no kernel swept', async () => {
  const report = mkdtempSync(join(tmpdir(), 'twinpath-features-'));
  const r = await twinpath(['run', 'im2col', '--runs', '1', '--report', report], {
    TWINPATH_FEATURES: 'no-such-feature',
  });
  expect(r.code).toBe(1);
  expect(r.err).toMatch(
    /^twinpath: unsupported: .+ lacks no-such-feature \(required by twinpath.config.ts requiredFeatures\)/m,
  );
  expect(r.out).not.toMatch(/twinpath ▸/);
});

test('--backend and --require-backend become settings; an unknown backend is an error naming the choices', () => {
  expect(parseOptions(RUN, ['im2col', '--backend', 'cuda,cpp', '--require-backend', 'cuda']).env).toEqual({
    TWINPATH_BACKEND: 'cuda,cpp',
    TWINPATH_REQUIRE_BACKEND: 'cuda',
  });
  const metal = parseOptions(RUN, ['--require-backend', 'metal']).env;
  expect(() => checkBackendFlags('run', { 'require-backend': metal.TWINPATH_REQUIRE_BACKEND })).toThrow(
    'twinpath run: --require-backend metal: unknown backend "metal"; backends are wgsl, cuda, cpp',
  );
  const re = new RegExp(sweepNamePattern(['im2col']));
  expect(['parity: im2col', 'parity: im2col [cuda]', 'parity: im2col [cpp]'].every((n) => re.test(n))).toBe(true);
  expect(re.test('parity: im2col_x [cpp]')).toBe(false);
});

test('--require-backend cuda where CUDA cannot load fails before any case, naming what was looked for', async () => {
  const r = await twinpath(
    ['run', '--require-backend', 'cuda', '--report', mkdtempSync(join(tmpdir(), 'twinpath-cuda-'))],
    {
      TWINPATH_LIBCUDA: '/nonexistent/libcuda.so.1',
    },
  );
  expect(r.code).toBe(1);
  expect(r.err).toMatch(
    /^twinpath: --require-backend cuda, but CUDA unavailable: libcuda did not load — looked for \/nonexistent\/libcuda\.so\.1: no such file\. Fix: install the NVIDIA driver, or set TWINPATH_LIBCUDA/m,
  );
  expect(r.out).not.toMatch(/twinpath ▸/);
});

test('a run where every selected sweep is unavailable checked nothing: it fails, after listing them', async () => {
  const report = resolve(import.meta.dirname, '../../twinpath-report/cli-unavailable');
  const r = await twinpath(['run', 'im2col', '--backend', 'cuda', '--runs', '3', '--report', report], {
    TWINPATH_LIBCUDA: '/nonexistent/libcuda.so.1',
  });
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/^twinpath – im2col \[cuda\]: unavailable: CUDA unavailable: libcuda did not load/m);
  expect(r.out).toMatch(/^twinpath: run finished: 1 unavailable$/m);
  expect(r.err).toContain(
    'twinpath: no sweep ran a case (every selected sweep was unavailable or unsupported here): nothing was checked',
  );
});
