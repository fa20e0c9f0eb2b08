/**
 * Composed WGSL on the device: Dawn's compile errors inside an imported
 * module name that module's file, line and column; a push constant, rewritten
 * to a uniform in the free group, is bound there and read by a real dispatch.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { WgslCompileError } from '../backends/wgsl/pipelines.ts';
import { checkLayout, renderLayoutCheck } from '../layout-check/check.ts';
import { f32, struct, u32 } from '../model/layout/types.ts';
import { gpuSession } from '../backends/wgsl/session.ts';
import { wgslJoin } from './source.ts';

const fixture = (p: string) => fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url));

test("Dawn's error in an imported module: the file:line:col as written, names as module::item", async () => {
  const src = wgslJoin(
    [
      {
        file: 'uses-bad.wgsl',
        code: '#import broken::bad\n@compute @workgroup_size(1) fn main() { _ = bad::halve(1.0); }\n',
      },
    ],
    { importRoots: [fixture('broken')] },
  );
  const { pipelines } = await gpuSession();
  const err = await pipelines.module('uses_bad', src).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WgslCompileError);
  const message = (err as Error).message;
  expect(message).toBe(
    `uses_bad: WGSL does not compile\n  ${relative(process.cwd(), fixture('broken/bad.wgsl'))}:6:3: error: ` +
      "return statement type must match its function return type, returned 'u32', expected 'f32'",
  );
  const wrongCall = wgslJoin(
    [
      {
        file: 'call.wgsl',
        code: '#import color::curve\n@compute @workgroup_size(1) fn main() { _ = curve::ease(1u); }\n',
      },
    ],
    { importRoots: [fixture('roots')] },
  );
  const call = await pipelines.module('wrong_call', wrongCall).then(
    () => '',
    (e: unknown) => (e as Error).message,
  );
  // Column 57 is `1u` as written; in the composed line it sits 7 columns further right.
  expect(call).toBe(
    'wrong_call: WGSL does not compile\n  call.wgsl:2:57: error: ' +
      "type mismatch for argument 1 in call to 'color::curve::ease', expected 'f32', got 'u32'",
  );
});

test('planted: an unresolved import fails compiling with its message, before Dawn sees any WGSL', async () => {
  const src = wgslJoin(
    [{ file: 'typo.wgsl', code: '#import broken::bda\n@compute @workgroup_size(1) fn main() {}\n' }],
    { importRoots: [fixture('broken')] },
  );
  const { pipelines } = await gpuSession();
  const before = pipelines.stats.modules;
  await expect(pipelines.module('typo', src)).rejects.toThrow(
    /^typo: WGSL does not compile\n {2}typo\.wgsl:1:9: cannot resolve #import broken::bda: no module broken::bda \(nor/,
  );
  expect(pipelines.stats.modules).toBe(before);
});

test('var<push_constant>: a real dispatch reads the values bound at the group and binding chosen', async () => {
  const code = [
    '#import color::tone::{tone, ToneParams}',
    '@group(0) @binding(0) var<storage, read_write> out: array<f32>;',
    'var<push_constant> pc: ToneParams;',
    '@compute @workgroup_size(4)',
    'fn main(@builtin(global_invocation_id) gid: vec3u) {',
    '  out[gid.x] = tone(f32(gid.x) * 0.25, pc);',
    '}',
  ].join('\n');
  const src = wgslJoin([{ file: 'push.wgsl', code }], { importRoots: [fixture('roots')] });
  expect(src.pushConstants).toEqual([
    {
      name: 'pc',
      variable: 'pc',
      group: 1,
      binding: 0,
      type: 'ToneParams',
      wgslType: 'ToneParams__color__tone',
      declaredAt: 'push.wgsl:3',
    },
  ]);
  const { device, pipelines } = await gpuSession();
  const module = await pipelines.module('push_constant', src);
  const pipeline = pipelines.pipeline(module, 'main');
  const pc = src.pushConstants[0]!;
  /** Runs one dispatch with ToneParams { gain, ease } bound as the push constant. */
  const run = async (gain: number, ease: number): Promise<number[]> => {
    const out = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const params = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const words = new ArrayBuffer(16);
    new Float32Array(words, 0, 1)[0] = gain;
    new Uint32Array(words, 4, 1)[0] = ease;
    device.queue.writeBuffer(params, 0, words);
    const read = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(
      0,
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [{ binding: 0, resource: { buffer: out } }],
      }),
    );
    pass.setBindGroup(
      pc.group,
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(pc.group),
        entries: [{ binding: pc.binding, resource: { buffer: params } }],
      }),
    );
    pass.dispatchWorkgroups(1);
    pass.end();
    enc.copyBufferToBuffer(out, 0, read, 0, 16);
    device.queue.submit([enc.finish()]);
    await read.mapAsync(GPUMapMode.READ);
    const values = [...new Float32Array(read.getMappedRange().slice(0))];
    [out, params, read].forEach((b) => b.destroy());
    return values;
  };
  // Dyadic inputs: every product is exact in f32, so the GPU must give these values exactly.
  expect(await run(1.5, 0)).toEqual([0, 0.75, 1.5, 2.25]);
  const ease = (x: number) => x * x * (3 - 2 * x) * 2 * 2;
  expect(await run(2, 1)).toEqual([0, 0.25, 0.5, 0.75].map(ease));
});

test('the three-way layout check finds a struct of an imported module by its name or its qualified name', async () => {
  const src = wgslJoin([{ file: 'params.wgsl', code: '#import color::tone::ToneParams\n' }], {
    importRoots: [fixture('roots')],
  });
  const ts = struct('ToneParams', { gain: f32, ease: u32 });
  expect(renderLayoutCheck(await checkLayout({ ts, wgsl: src }))).toBe(
    'ToneParams (storage): TS, WGSL and GPU agree: 8 bytes, 2 fields',
  );
  const qualified = await checkLayout({ ts, wgsl: src, struct: 'color::tone::ToneParams', space: 'uniform' });
  expect(qualified.pass).toBe(true);
  const swapped = await checkLayout({ ts: struct('ToneParams', { ease: u32, gain: f32 }), wgsl: src });
  expect(renderLayoutCheck(swapped)).toMatch(
    /^ToneParams \(storage\): first wrong field #0: TS ease, WGSL ease; 2 moved or resized \(ease 0\/4 vs 4\/4/,
  );
});
