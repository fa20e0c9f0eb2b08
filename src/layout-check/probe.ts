/**
 * Asks the GPU where each field of a struct lives. The probe buffer is filled
 * with self-describing 16-bit units, `0x0400 + unitIndex`: below 0x7C00 they
 * are normal finite numbers as f16, and pairwise (high unit 0x0401..0x7BFF)
 * as f32, so no NaN canonicalization or denormal flush can alter them. A
 * generated shader reads every scalar leaf of the struct,
 * bound as declared in the WGSL source, and stores its raw bits. Each value
 * read names the byte offset it came from. Reading, not writing, works in the
 * uniform address space too, where a shader cannot write.
 */
import { gpuSession, type GpuSession } from '../backends/wgsl/session.ts';
import { layoutStruct, sizeOf } from '../model/layout/rules.ts';
import type { StructDecl, WgslType } from '../model/layout/types.ts';

export type AddressSpace = 'storage' | 'uniform';

/** Where the GPU found a member: its first byte and how far its data reaches. */
export interface ProbedMember {
  readonly name: string;
  readonly offset: number;
  readonly extent: number;
}

export type ProbeResult = { readonly members: readonly ProbedMember[] } | { readonly error: string };

/** First unit value: the smallest normal f16. */
const UNIT_BASE = 0x0400;
/** Units stay below 0x7C00 (f16 infinity): 0x7800 units of 2 bytes. */
export const PROBE_MAX_BYTES = 0x7800 * 2;

interface Leaf {
  readonly member: number;
  readonly expr: string;
  readonly bytes: 2 | 4;
}

function leaves(t: WgslType, expr: string, member: number, out: Leaf[]): void {
  switch (t.kind) {
    case 'scalar': {
      const asU32 =
        t.scalar === 'u32'
          ? expr
          : t.scalar === 'f16'
            ? `bitcast<u32>(vec2<f16>(${expr}, 0.0h))`
            : `bitcast<u32>(${expr})`;
      out.push({ member, expr: asU32, bytes: t.scalar === 'f16' ? 2 : 4 });
      return;
    }
    case 'vec':
      for (let i = 0; i < t.n; i++) leaves({ kind: 'scalar', scalar: t.scalar }, `${expr}[${i}]`, member, out);
      return;
    case 'mat':
      for (let c = 0; c < t.cols; c++)
        leaves({ kind: 'vec', n: t.rows, scalar: t.scalar }, `${expr}[${c}]`, member, out);
      return;
    case 'array': {
      const n = t.count ?? 2;
      const picks = n <= 64 ? [...Array(n).keys()] : [0, 1, n - 1];
      for (const i of picks) leaves(t.element, `${expr}[${i}]`, member, out);
      return;
    }
    case 'struct':
      for (const m of t.struct.members) leaves(m.type, `${expr}.${m.name}`, member, out);
  }
}

const usesF16 = (t: WgslType): boolean =>
  t.kind === 'struct'
    ? t.struct.members.some((m) => usesF16(m.type))
    : t.kind === 'array'
      ? usesF16(t.element)
      : t.scalar === 'f16';

/** The probe shader: the WGSL that declares `s`, bound in `space`, and one store of each leaf's raw bits. */
function probeShader(code: string, s: StructDecl, space: AddressSpace, list: readonly Leaf[]): string {
  const wantsF16 = usesF16({ kind: 'struct', struct: s }) && !/\benable\s+f16\s*;/.test(code);
  return [
    wantsF16 ? 'enable f16;' : '',
    code,
    `@group(0) @binding(0) var<${space === 'uniform' ? 'uniform' : 'storage, read'}> twinpath_probe_in: ${s.name};`,
    '@group(0) @binding(1) var<storage, read_write> twinpath_probe_out: array<u32>;',
    '@compute @workgroup_size(1)',
    'fn twinpath_probe() {',
    ...list.map((l, k) => `  twinpath_probe_out[${k}] = ${l.expr};`),
    '}',
  ].join('\n');
}

/** Runs the probe over `bytes` of probe units bound in `space`; the `leaves` words it stored. */
async function runProbe(
  { device, pool }: GpuSession,
  module: GPUShaderModule,
  space: AddressSpace,
  bytes: number,
  leaves: number,
): Promise<Uint32Array> {
  const units = new Uint16Array(bytes / 2).map((_, i) => UNIT_BASE + i);
  const input = pool.acquire(
    bytes,
    (space === 'uniform' ? GPUBufferUsage.UNIFORM : GPUBufferUsage.STORAGE) | GPUBufferUsage.COPY_DST,
    'probe in',
  );
  const outBytes = Math.max(4, leaves * 4);
  const output = pool.acquire(outBytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC, 'probe out');
  const staging = pool.acquire(outBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'probe readback');
  try {
    device.queue.writeBuffer(input, 0, units);
    const pipeline = device.createComputePipeline({
      layout: 'auto',
      compute: { module, entryPoint: 'twinpath_probe' },
    });
    const bind = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: input, offset: 0, size: bytes } },
        { binding: 1, resource: { buffer: output, offset: 0, size: outBytes } },
      ],
    });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(1);
    pass.end();
    enc.copyBufferToBuffer(output, 0, staging, 0, outBytes);
    device.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ, 0, outBytes);
    const words = new Uint32Array(staging.getMappedRange(0, outBytes).slice(0));
    staging.unmap();
    return words;
  } finally {
    [input, output, staging].forEach((b) => pool.release(b));
  }
}

/**
 * Where each member's leaves were read from, by the probe units they hold; throws on a word that holds none:
 * `probe: bitcast<u32>(twinpath_probe_in.a) read 0x0, not probe data`.
 */
function probedMembers(s: StructDecl, list: readonly Leaf[], words: Uint32Array, bytes: number): ProbedMember[] {
  const at = (w: number, l: Leaf): number => {
    const lo = w & 0xffff;
    const hi = w >>> 16;
    if (lo < UNIT_BASE || lo >= UNIT_BASE + bytes / 2 || (l.bytes === 4 && hi !== lo + 1))
      throw new Error(`probe: ${l.expr} read 0x${w.toString(16)}, not probe data`);
    return (lo - UNIT_BASE) * 2;
  };
  return s.members.map((m, i) => {
    const mine = list.map((l, k) => ({ l, offset: at(words[k]!, l) })).filter((x) => x.l.member === i);
    const offset = Math.min(...mine.map((x) => x.offset));
    return { name: m.name, offset, extent: Math.max(...mine.map((x) => x.offset + x.l.bytes)) - offset };
  });
}

/**
 * Probes struct `s` (as reflected from `code`, which declares it) bound in
 * `space`. A shader the device rejects comes back as `{ error }` with its
 * compiler messages; a struct the probe cannot hold as
 * `{ error: 'probe: Big spans 65536 bytes; the probe handles up to 61440' }`.
 */
export async function probeLayout(code: string, s: StructDecl, space: AddressSpace): Promise<ProbeResult> {
  const layout = layoutStruct(s);
  const last = layout.members[layout.members.length - 1];
  const runtime = last?.type.kind === 'array' && last.type.count === undefined ? 2 * sizeOf(last.type.element) : 0;
  const granule = Math.max(16, layout.align);
  const bytes = Math.ceil((layout.size + runtime) / granule) * granule;
  if (bytes > PROBE_MAX_BYTES)
    return { error: `probe: ${s.name} spans ${bytes} bytes; the probe handles up to ${PROBE_MAX_BYTES}` };
  if (space === 'uniform' && runtime)
    return { error: `probe: ${s.name} has a runtime-sized array and cannot be bound as uniform` };
  const list: Leaf[] = [];
  s.members.forEach((m, i) => leaves(m.type, `twinpath_probe_in.${m.name}`, i, list));
  const session = await gpuSession();
  const { device } = session;
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code: probeShader(code, s, space, list), label: `probe ${s.name}` });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length) {
    await device.popErrorScope();
    return { error: errors.map((e) => `${e.lineNum}:${e.linePos}: ${e.message}`).join('\n') };
  }
  const words = await runProbe(session, module, space, bytes, list.length);
  const failed = await device.popErrorScope();
  if (failed) return { error: failed.message };
  return { members: probedMembers(s, list, words, bytes) };
}
