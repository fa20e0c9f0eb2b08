/**
 * A case's buffers: inputs uploaded behind a guard band of poison or canary
 * (surfaces, typed data, packed structs, descs, uniform and storage words)
 * and canary-filled outputs (surfaces, typed elements). Buffers come from the
 * session's pool and go back to it when the case is done; each input is
 * recorded as uploaded, to be read back and checked unchanged, and named as
 * the failure data and page show it (inputNames).
 */
import { canaryBytes, guardedBytes, GUARD_BYTES, poisonBytes } from '../../model/canary.ts';
import { packStruct, type LayoutValue, type ZeroFill } from '../../model/layout/codec.ts';
import type { StructDecl } from '../../model/layout/types.ts';
import { packTextureDesc, type TextureDesc } from '../../model/surface/desc.ts';
import { surfaceBytes, texelRanges, type Surface } from '../../model/surface/surface.ts';
import { bytesOf } from '../../model/bytes.ts';
import { elementOutputStart, type ElementOutputOptions } from '../../model/output/element-output.ts';
import { DEFAULT_OUTPUT } from '../../model/output/spec.ts';
import { floatInputsPoisoned, poisonsInput } from '../poison.ts';
import type { CaseScope } from './case-scope.ts';
import type { InputElements } from '../../model/output/run.ts';
import { typedArrayElement } from '../../model/elements/element-types.ts';
import type {
  Binding,
  BufferBinding,
  ElementOutputBinding,
  InputRecord,
  OutputBinding,
  OutputOptions,
  SurfaceBinding,
} from './gpu-context.ts';
import type { Submission } from './submission.ts';

/** An input buffer, read back whole. */
interface BufferInput extends InputRecord {
  readonly buffer: GPUBuffer;
  /** Set where the harness made its label up (`buffer 1`, `surface 1`): the kernel gave it no name. */
  readonly unnamed?: true;
}

/**
 * How each input is named: by the one WGSL variable it was bound to (`data`) where the kernel gave it no label and
 * no other input is bound to a variable of that name; else by its label (`buffer 1`: bound to none or several).
 */
function inputNames(inputs: readonly BufferInput[], soleVariable: (b: GPUBuffer) => string | undefined): string[] {
  const variables = inputs.map((input) => (input.unnamed ? soleVariable(input.buffer) : undefined));
  const taken = (v: string) => variables.filter((w) => w === v).length > 1;
  return inputs.map((input, i) => {
    const v = variables[i];
    return v !== undefined && !taken(v) ? v : input.label;
  });
}

/** The buffers of one case, and the inputs among them to check unchanged. */
export class CaseBuffers {
  private readonly acquired: GPUBuffer[] = [];
  private readonly inputRecords: BufferInput[] = [];
  private inputs = 0;

  constructor(private readonly scope: CaseScope) {}

  private allocate(size: number, usage: GPUBufferUsageFlags, label: string): GPUBuffer {
    if (usage & GPUBufferUsage.STORAGE) this.scope.checkStorageSize(size, label);
    const b = this.scope.session.pool.acquire(size, usage, `${this.scope.kernel}:${label}`);
    this.acquired.push(b);
    return b;
  }

  private write(b: GPUBuffer, data: Uint8Array | Uint32Array): void {
    this.scope.timeUpload(() => this.scope.device.queue.writeBuffer(b, 0, data as ArrayBufferView<ArrayBuffer>));
  }

  /** A storage buffer holding `fill`, readable back; recorded as an input to check unchanged when `input` names it. */
  private storageBuffer(
    label: string,
    fill: Uint8Array,
    input?: { readonly desc?: TextureDesc; readonly element?: InputElements; readonly unnamed?: true },
  ): GPUBuffer {
    const b = this.allocate(
      fill.length,
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      label,
    );
    this.write(b, fill);
    if (input)
      this.inputRecords.push({
        label,
        buffer: b,
        uploaded: fill,
        ...(input.desc ? { desc: input.desc } : {}),
        ...(input.element ? { element: input.element } : {}),
        ...(input.unnamed ? { unnamed: true } : {}),
      });
    return b;
  }

  surface(s: Surface): SurfaceBinding {
    this.scope.checkStorageSize(guardedBytes(s.desc), 'surface');
    const salt = ++this.inputs;
    const fill =
      s.desc.format.storage.startsWith('Float') && floatInputsPoisoned()
        ? poisonBytes(guardedBytes(s.desc), salt)
        : canaryBytes(guardedBytes(s.desc), salt);
    for (const [a, b] of texelRanges(
      s.desc,
      s.desc.levels.map((l) => l.level),
    ))
      fill.set(s.bytes.subarray(a, b), a);
    const label = `surface ${salt}`;
    return {
      kind: 'surface',
      desc: s.desc,
      buffer: this.storageBuffer(label, fill, { desc: s.desc, unnamed: true }),
      size: fill.length,
      dataBytes: surfaceBytes(s.desc),
      label,
    };
  }

  output(desc: TextureDesc, options: OutputOptions = {}): OutputBinding {
    this.scope.checkStorageSize(guardedBytes(desc), 'output');
    const fill = canaryBytes(guardedBytes(desc));
    if (options.init) {
      for (const [a, b] of texelRanges(desc, options.init.levels)) fill.set(options.init.from.bytes.subarray(a, b), a);
    }
    const name = options.name ?? DEFAULT_OUTPUT;
    const ownedLevels = options.owns ?? desc.levels.map((l) => l.level);
    const out: OutputBinding = {
      kind: 'surface',
      output: name,
      desc,
      ownedLevels,
      buffer: this.storageBuffer('output', fill),
      size: fill.length,
      dataBytes: surfaceBytes(desc),
      label: `output ${name}`,
    };
    return this.scope.declare(out, { kind: 'surface', name, desc, ownedLevels });
  }

  buffer(data: ArrayBufferView, options: { readonly label?: string } = {}): BufferBinding {
    const salt = ++this.inputs;
    const dataBytes = Math.ceil(data.byteLength / 4) * 4;
    const size = dataBytes + GUARD_BYTES;
    this.scope.checkStorageSize(size, 'buffer');
    const fill = poisonsInput(data) ? poisonBytes(size, salt) : canaryBytes(size, salt);
    fill.fill(0, data.byteLength, dataBytes);
    fill.set(bytesOf(data));
    const label = options.label ?? `buffer ${salt}`;
    const width =
      'BYTES_PER_ELEMENT' in data ? (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 1;
    // A byte array stays bytes (its changes located by byte); a wider typed array is elements of its type.
    const type = typedArrayElement(data);
    const element =
      width > 1 ? { element: { bytes: width, count: data.byteLength / width, ...(type ? { type } : {}) } } : {};
    const unnamed = options.label === undefined ? { unnamed: true as const } : {};
    return {
      kind: 'storage',
      buffer: this.storageBuffer(label, fill, { ...element, ...unnamed }),
      size,
      dataBytes,
      label,
    };
  }

  outputBuffer(o: ElementOutputOptions): ElementOutputBinding {
    const name = o.name ?? DEFAULT_OUTPUT;
    const start = elementOutputStart(o, this.scope.kernel);
    const bytes = start.length;
    // A binding's size is a multiple of 4: an odd count of f16/unorm elements ends in pad bytes counted as data.
    const dataBytes = Math.ceil(bytes / 4) * 4;
    const fill = canaryBytes(dataBytes + GUARD_BYTES);
    if (o.prefill !== 'canary') fill.fill(0, 0, dataBytes);
    fill.set(start);
    const out: ElementOutputBinding = {
      kind: 'storage',
      output: name,
      element: o.element,
      shape: o.shape,
      buffer: this.storageBuffer(`output ${name}`, fill),
      size: fill.length,
      dataBytes,
      label: `output ${name}`,
    };
    return this.scope.declare(out, {
      kind: 'elements',
      name,
      element: o.element,
      shape: o.shape,
      ...(o.channels ? { channels: o.channels } : {}),
      guardBytes: fill.length - bytes,
    });
  }

  struct(
    s: StructDecl,
    value: { readonly [name: string]: LayoutValue },
    options: { readonly space?: 'uniform' | 'storage'; readonly zeroFill?: ZeroFill } = {},
  ): BufferBinding {
    const bytes = packStruct(s, value, { zeroFill: options.zeroFill ?? 'pads' });
    if (options.space === 'storage') return this.buffer(bytes, { label: `struct ${s.name}` });
    return { ...this.uniform(bytes), label: `struct ${s.name}` } as BufferBinding;
  }

  desc(d: TextureDesc): Binding {
    const words = packTextureDesc(d);
    const b = this.storageBuffer('desc', new Uint8Array(words.buffer, words.byteOffset, words.byteLength), {});
    return { kind: 'storage', buffer: b, size: words.byteLength, label: 'desc' };
  }

  uniform(words: ArrayLike<number> | Uint8Array): Binding {
    const bytes = words instanceof Uint8Array ? words : new Uint8Array(Uint32Array.from(Array.from(words)).buffer);
    const data = new Uint8Array(Math.max(16, Math.ceil(bytes.length / 16) * 16));
    data.set(bytes);
    const b = this.allocate(data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'uniform');
    this.write(b, data);
    return { kind: 'uniform', buffer: b, size: data.byteLength, label: 'uniform' };
  }

  /** u32 words (at least one) as a storage input with its guard band, like {@link buffer}. */
  storage(words: ArrayLike<number>): BufferBinding {
    return this.buffer(
      Uint32Array.from({ length: Math.max(1, words.length) }, (_, i) => words[i] ?? 0),
      { label: 'storage' },
    );
  }

  /** A storage buffer of `bytes` zero bytes the kernel writes and the harness reads back; never checked as an input. */
  zeroedStorage(bytes: number, label: string): GPUBuffer {
    return this.storageBuffer(label, new Uint8Array(bytes));
  }

  /** Queues every input buffer for readback whole, with what was uploaded to it, each named by inputNames. */
  readInputs(submission: Submission): Array<{ readonly input: InputRecord; readonly read: number }> {
    const names = inputNames(this.inputRecords, (b) => this.scope.soleVariable(b));
    return this.inputRecords.map(({ unnamed: _, ...input }, i) => ({
      input: { ...input, label: names[i]! },
      read: submission.read(input.buffer, input.uploaded.length),
    }));
  }

  /** Gives every buffer of this case back to the pool. */
  release(): void {
    for (const b of this.acquired.splice(0)) this.scope.session.pool.release(b);
  }
}
