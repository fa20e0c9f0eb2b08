/**
 * The texture-format table checked against the device: every format's
 * texels, uploaded as random bytes and read by a shader's textureLoad through
 * a binding of the table's sample type, equal the table's decode; and every
 * storage access the table allows (or refuses) for the device's features,
 * Dawn accepts (or refuses).
 */
import { describe, expect, test } from 'vitest';
import { prng } from '../../model/arbitraries/contents.ts';
import { compareElements, renderElementComparison } from '../../model/compare/elements.ts';
import { absRel, exact, ulp, type Policy } from '../../model/compare/policy.ts';
import { copyLayout } from '../../model/elements/row-pitch.ts';
import { decodeTexel } from '../../model/elements/texel-codec.ts';
import {
  storageSupport,
  TEXTURE_FORMATS,
  wgslSampledType,
  type StorageAccess,
  type TextureFormatInfo,
} from '../../model/elements/texture-formats.ts';
import { BGRA8_SWAPPED } from '../../core/fixtures/swapped-channel-format.ts';
import { RGBA8_READ_WRITE_CLAIMED } from '../../core/fixtures/wrong-storage-format.ts';
import { requestAdapter } from './adapter.ts';
import { adapterChoiceFromEnv } from './session.ts';

const SIDE = 16;
const FEATURES: GPUFeatureName[] = [
  'bgra8unorm-storage',
  'texture-formats-tier1',
  'texture-formats-tier2',
] as GPUFeatureName[];

async function device(features: readonly GPUFeatureName[]): Promise<GPUDevice> {
  const { adapter } = await requestAdapter(adapterChoiceFromEnv());
  return adapter.requestDevice({ requiredFeatures: features.filter((f) => adapter.features.has(f)) });
}

const plainDevice = device([]);

/**
 * How textureLoad may differ from the table's decode (smallest bounds that hold on lavapipe and an H100):
 * floats and integers exact; unorm and snorm ulp(1), as lavapipe multiplies by 1 / max where
 * the table divides (correctly rounded); sRGB absRel(2^-8, 0): WebGPU leaves the sRGB decode's
 * precision to the device, lavapipe's polynomial is up to 1.2e-3 from the spec's EOTF and an
 * H100's decode up to 3.75e-3 (0.96 of an 8-bit step; 2^-9 does not hold there).
 */
function loadPolicy(f: TextureFormatInfo): Policy {
  if (wgslSampledType(f) !== 'f32') return exact();
  const kinds = new Set(f.channels.map((c) => c.codec.kind));
  return kinds.has('srgb') ? absRel(2 ** -8, 0) : kinds.has('unorm') || kinds.has('snorm') ? ulp(1) : ulp(0);
}

function loadShader(t: 'f32' | 'u32' | 'i32'): string {
  return `
@group(0) @binding(0) var tex: texture_2d<${t}>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<${t}>>;
@compute @workgroup_size(${SIDE}, ${SIDE})
fn main(@builtin(global_invocation_id) id: vec3u) {
  out[id.y * ${SIDE}u + id.x] = textureLoad(tex, vec2u(id.xy), 0);
}`;
}

/** What textureLoad returns for every texel of a SIDE x SIDE texture of `f` holding `bytes` (tight rows). */
async function loadAll(d: GPUDevice, f: TextureFormatInfo, bytes: Uint8Array): Promise<Uint32Array> {
  const texture = d.createTexture({
    size: [SIDE, SIDE],
    format: f.name as GPUTextureFormat,
    usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST,
  });
  d.queue.writeTexture({ texture }, bytes, { bytesPerRow: SIDE * f.bytesPerTexel }, [SIDE, SIDE]);
  const layout = d.createBindGroupLayout({
    entries: [
      { binding: 0, visibility: GPUShaderStage.COMPUTE, texture: { sampleType: f.sampleType } },
      { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
    ],
  });
  const module = d.createShaderModule({ code: loadShader(wgslSampledType(f)) });
  const pipeline = d.createComputePipeline({
    layout: d.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main' },
  });
  const size = SIDE * SIDE * 16;
  const out = d.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const read = d.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const group = d.createBindGroup({
    layout,
    entries: [
      { binding: 0, resource: texture.createView() },
      { binding: 1, resource: { buffer: out } },
    ],
  });
  const enc = d.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, group);
  pass.dispatchWorkgroups(1);
  pass.end();
  enc.copyBufferToBuffer(out, 0, read, 0, size);
  d.queue.submit([enc.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const result = new Uint32Array(read.getMappedRange().slice(0));
  read.unmap();
  for (const b of [out, read]) b.destroy();
  texture.destroy();
  return result;
}

describe('textureLoad of every format equals the table decode', () => {
  test.each(Object.keys(TEXTURE_FORMATS))('%s', async (name) => {
    const f = TEXTURE_FORMATS[name]!;
    const d = await plainDevice;
    const next = prng(0x5eed + name.length);
    const bytes = new Uint8Array(SIDE * SIDE * f.bytesPerTexel);
    for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
    d.pushErrorScope('validation');
    const actual = await loadAll(d, f, bytes);
    const error = await d.popErrorScope();
    expect(error?.message, `${name}: Dawn refused the upload or binding`).toBeUndefined();
    const r = againstTable(f, bytes, actual);
    expect(r.pass, `${name}: ${renderElementComparison(r)}`).toBe(true);
  });

  test('planted: bgra8unorm described with r and b swapped disagrees with the device', async () => {
    const bytes = Uint8Array.from({ length: SIDE * SIDE * 4 }, (_, i) => (i * 37) & 0xff);
    const actual = await loadAll(await plainDevice, BGRA8_SWAPPED, bytes);
    const r = againstTable(BGRA8_SWAPPED, bytes, actual);
    expect(r.pass).toBe(false);
    expect(r.channels?.['r']?.mismatches).toBeGreaterThan(200);
    expect(r.channels?.['g']?.mismatches).toBe(0);
  });
});

/**
 * textureLoad's results against the table's decode; channels a format lacks
 * read 0 (g, b) and 1 (a), WGSL §"Texel Formats".
 */
function againstTable(f: TextureFormatInfo, bytes: Uint8Array, actual: Uint32Array) {
  const expected: number[] = [];
  for (let t = 0; t < SIDE * SIDE; t++) {
    const v = decodeTexel(f, bytes, t * f.bytesPerTexel);
    expected.push(v[0]!, v[1] ?? 0, v[2] ?? 0, v[3] ?? 1);
  }
  return compareElements(expected, actual, { type: wgslSampledType(f), policy: loadPolicy(f), shape: [SIDE, SIDE, 4] });
}

/** Each format and access where Dawn and the table disagree on whether a storage-texture binding is valid. */
async function storageDisagreements(d: GPUDevice, formats: readonly TextureFormatInfo[]): Promise<string[]> {
  const accesses: StorageAccess[] = ['write-only', 'read-only', 'read-write'];
  const disagreements: string[] = [];
  for (const f of formats) {
    for (const access of accesses) {
      d.pushErrorScope('validation');
      const storageTexture = { access, format: f.name as GPUTextureFormat };
      d.createBindGroupLayout({ entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, storageTexture }] });
      const dawn = (await d.popErrorScope()) === null;
      const table = storageSupport(f, access, d.features);
      if (dawn === table.ok) continue;
      const says = table.ok ? 'accepts' : `refuses (${table.reason})`;
      disagreements.push(`${f.name} ${access}: Dawn ${dawn ? 'accepts' : 'refuses'}, the table ${says}`);
    }
  }
  return disagreements;
}

describe('storage-texture access: the table agrees with Dawn', () => {
  test.each([
    ['no optional features', [] as GPUFeatureName[]],
    ['every storage feature the adapter has', FEATURES],
  ])('%s', async (_, features) => {
    const d = await device(features);
    expect(await storageDisagreements(d, Object.values(TEXTURE_FORMATS))).toEqual([]);
    d.destroy();
  });

  test('planted: rgba8unorm claimed read-write in core is caught', async () => {
    expect(await storageDisagreements(await plainDevice, [RGBA8_READ_WRITE_CLAIMED])).toEqual([
      'rgba8unorm read-write: Dawn refuses, the table accepts',
    ]);
  });
});

test('a padded readback layout is what Dawn accepts for copyTextureToBuffer', async () => {
  const d = await plainDevice;
  const f = TEXTURE_FORMATS['rgba8unorm']!;
  const l = copyLayout(f, 65, 3);
  const texture = d.createTexture({ size: [65, 3], format: 'rgba8unorm', usage: GPUTextureUsage.COPY_SRC });
  const buffer = d.createBuffer({ size: l.bufferBytes, usage: GPUBufferUsage.COPY_DST });
  for (const [bytesPerRow, ok] of [
    [l.bytesPerRow, true],
    [l.rowBytes, false],
  ] as const) {
    d.pushErrorScope('validation');
    const enc = d.createCommandEncoder();
    enc.copyTextureToBuffer({ texture }, { buffer, bytesPerRow, rowsPerImage: 3 }, [65, 3]);
    d.queue.submit([enc.finish()]);
    expect((await d.popErrorScope()) === null, `bytesPerRow ${bytesPerRow}`).toBe(ok);
  }
  texture.destroy();
  buffer.destroy();
});
