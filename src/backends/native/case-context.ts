/**
 * The backend-neutral half of a native case: allocations (guarded images of
 * surfaces and typed buffers), arguments (structs packed under C rules,
 * scalars), and the checks after the run — every front guard, every input
 * unchanged — and the named outputs the judge reads. A backend (C++, CUDA)
 * places the images in its memory, runs, and reads them back.
 */
import { bytesOf } from '../../model/bytes.ts';
import { SetupError } from '../../model/setup-error.ts';
import type { OutputOptions } from '../../model/output/spec.ts';
import { poisonsInput } from '../poison.ts';
import { elementOutputStart, type ElementOutputOptions } from '../../model/output/element-output.ts';
import { canaryBytes, GUARD_BYTES, renderCanary } from '../../model/canary.ts';
import { ELEMENT_TYPES, typedArrayElement } from '../../model/elements/element-types.ts';
import type { LayoutValue } from '../../model/layout/codec.ts';
import { packStruct } from '../../model/layout/codec.ts';
import type { StructDecl } from '../../model/layout/types.ts';
import { textureDescStruct, textureDescValues, type TextureDesc } from '../../model/surface/desc.ts';
import type { Surface } from '../../model/surface/surface.ts';
import type { InputCheck, InputElements } from '../../model/output/run.ts';
import { DEFAULT_OUTPUT, type OutputSpec, type ProducedOutput, type Protection } from '../../model/output/spec.ts';
import type {
  NativeArg,
  NativeBackendName,
  NativeBufferArg,
  NativeOutputArg,
  NativeOutputBufferArg,
  NativeOutputHandle,
  NativeOutputs,
  NativeSurfaceArg,
} from './api.ts';
import { bufferImage, frontGuardChanges, FRONT_GUARD_BYTES, rearGuardChanges, surfaceImage } from './guard.ts';

/**
 * One guarded allocation of a case: what was uploaded, whose it is (an input, an output, or scratch memory between
 * launches), and how a changed byte of it is located.
 */
export interface NativeAllocation {
  readonly role: 'input' | 'output' | 'scratch';
  readonly image: Uint8Array;
  readonly label: string;
  /** The surface it holds, or a typed buffer's element width and count. */
  readonly holds: { readonly desc: TextureDesc } | { readonly element: InputElements };
}

/** What a finished case left: its named outputs and its inputs, or the canary failure of a front guard band. */
export type NativeCheck =
  | { readonly outputs: readonly ProducedOutput[]; readonly inputs: readonly InputCheck[] }
  | { readonly outcome: 'canary'; readonly error: string };

/** How an output allocation is labelled in failures: `output` for the default name, else `output hist`. */
const outputLabel = (name: string) => (name === DEFAULT_OUTPUT ? 'output' : `output ${name}`);

/**
 * Throws SetupError when a module global and the data set into it differ in size:
 * `blur [cuda]: global weights is 36 bytes, the data 32. Fix: pass 36 bytes — …`.
 */
export function checkGlobalSize(label: string, name: string, globalBytes: number, dataBytes: number): void {
  if (globalBytes !== dataBytes)
    throw new SetupError(
      `${label}: global ${name} is ${globalBytes} bytes, the data ${dataBytes}. Fix: pass ${globalBytes} bytes — a typed array of the variable's element type and length`,
    );
}

/** Scratch canaries get salts apart from the inputs' (counted from 1) and the outputs' (0). */
const SCRATCH_SALT = 0x5c00;

const sameDecl = (a: StructDecl, b: StructDecl) => JSON.stringify(a) === JSON.stringify(b);

/** The parts every native context shares; `label` names the sweep (`im2col [cuda]`) in errors. */
export abstract class NativeCaseBase {
  abstract readonly backend: NativeBackendName;
  readonly allocations: NativeAllocation[] = [];
  /** The outputs this case declared, with the spec each is judged by. */
  private readonly declared = new Map<NativeOutputHandle, OutputSpec>();
  /** Inputs so far: each input's salt, so no two inputs share a canary. */
  private inputs = 0;
  /** Scratch allocations so far, for their labels and salts. */
  private scratches = 0;
  /** CPU time preparing and writing the case's memory (ms). */
  uploadMs = 0;

  constructor(
    protected readonly label: string,
    /** Structs whose C layout the compiled source checked. */
    private readonly checkedStructs: readonly StructDecl[],
  ) {}

  /** Puts allocation `index`'s image into the backend's memory. */
  protected abstract place(index: number, image: Uint8Array): void;

  /** Sets a module global of the backend's compiled source (see NativeContext.global). */
  abstract global(name: string, data: ArrayBufferView): void;

  private allocate(
    role: NativeAllocation['role'],
    holds: NativeAllocation['holds'],
    image: Uint8Array,
    label: string,
  ): number {
    const t = performance.now();
    const index = this.allocations.push({ role, holds, image, label }) - 1;
    this.place(index, image);
    this.uploadMs += performance.now() - t;
    return index;
  }

  /** Throws SetupError: `hist [cpp]: output hist declared twice; give each output of a case its own name`. */
  private declare<T extends NativeOutputHandle>(handle: T, spec: OutputSpec): T {
    if ([...this.declared.values()].some((d) => d.name === spec.name))
      throw new SetupError(
        `${this.label}: output ${spec.name} declared twice; give each output of a case its own name`,
      );
    this.declared.set(handle, spec);
    return handle;
  }

  surface(s: Surface): NativeSurfaceArg {
    const n = ++this.inputs;
    const image = surfaceImage(s.desc, n, { surface: s, levels: s.desc.levels.map((l) => l.level) });
    const label = `surface ${n}`;
    return { kind: 'surface', allocation: this.allocate('input', { desc: s.desc }, image, label), desc: s.desc, label };
  }

  output(desc: TextureDesc, options: OutputOptions = {}): NativeOutputArg {
    const name = options.name ?? DEFAULT_OUTPUT;
    const image = surfaceImage(
      desc,
      0,
      options.init ? { surface: options.init.from, levels: options.init.levels } : undefined,
    );
    const label = outputLabel(name);
    const ownedLevels = options.owns ?? desc.levels.map((l) => l.level);
    const allocation = this.allocate('output', { desc }, image, label);
    const out: NativeOutputArg = { kind: 'surface', allocation, desc, output: name, ownedLevels, label };
    return this.declare(out, { kind: 'surface', name, desc, ownedLevels });
  }

  buffer(data: ArrayBufferView, options: { readonly label?: string } = {}): NativeBufferArg {
    const n = ++this.inputs;
    const image = bufferImage(bytesOf(data), n, poisonsInput(data));
    const label = options.label ?? `buffer ${n}`;
    const width =
      'BYTES_PER_ELEMENT' in data ? (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 1;
    const type = typedArrayElement(data);
    const element = { bytes: width, count: data.byteLength / width, ...(type ? { type } : {}) };
    return { kind: 'buffer', allocation: this.allocate('input', { element }, image, label), label };
  }

  /**
   * Throws SetupError for an output with no elements or an `init` of another size:
   * `luma [cpp]: output rgb: init has 12 bytes, the output 24 (f32[1, 2, 3])`.
   */
  outputBuffer(o: ElementOutputOptions): NativeOutputBufferArg {
    const name = o.name ?? DEFAULT_OUTPUT;
    const start = elementOutputStart(o, this.label);
    const bytes = start.length;
    const image = bufferImage(start, 0);
    const label = outputLabel(name);
    const count = bytes / ELEMENT_TYPES[o.element].bytes;
    const allocation = this.allocate(
      'output',
      { element: { bytes: ELEMENT_TYPES[o.element].bytes, count } },
      image,
      label,
    );
    const out: NativeOutputBufferArg = {
      kind: 'buffer',
      allocation,
      label,
      output: name,
      element: o.element,
      shape: o.shape,
    };
    const channels = o.channels ? { channels: o.channels } : {};
    return this.declare(out, {
      kind: 'elements',
      name,
      element: o.element,
      shape: o.shape,
      ...channels,
      guardBytes: GUARD_BYTES,
    });
  }

  /**
   * Scratch memory between the case's launches, canary-filled between guard bands. Throws SetupError:
   * `blur [cuda]: scratch of 0 bytes. Fix: a whole number of bytes ≥ 1`.
   */
  scratch(bytes: number, options: { readonly label?: string } = {}): NativeBufferArg {
    if (!Number.isSafeInteger(bytes) || bytes < 1)
      throw new SetupError(`${this.label}: scratch of ${bytes} bytes. Fix: a whole number of bytes ≥ 1`);
    const n = ++this.scratches;
    const salt = SCRATCH_SALT + n;
    const image = bufferImage(canaryBytes(bytes, salt), salt);
    const label = options.label ?? `scratch ${n}`;
    const element = { bytes: 1, count: bytes };
    return { kind: 'buffer', allocation: this.allocate('scratch', { element }, image, label), label };
  }

  desc(d: TextureDesc): NativeArg {
    return this.struct(textureDescStruct(d.maxMip), textureDescValues(d));
  }

  /**
   * Throws SetupError for a struct whose C layout nothing checked:
   * `im2col [cpp]: struct Im2colParams is not among the implementation's structs, so its C layout is unchecked. Fix: list its TS declaration in structs`.
   */
  struct(decl: StructDecl, value: { readonly [name: string]: LayoutValue }): NativeArg {
    if (!this.checkedStructs.some((s) => sameDecl(s, decl))) {
      const sameName = this.checkedStructs.some((s) => s.name === decl.name);
      throw new SetupError(
        `${this.label}: struct ${decl.name} is not among the implementation's structs${sameName ? ' (one of that name is, declared differently)' : ''}, so its C layout is unchecked. Fix: list its TS declaration in structs`,
      );
    }
    return { kind: 'struct', decl, bytes: packStruct(decl, value, { rules: 'c' }), label: decl.name };
  }

  u32(v: number): NativeArg {
    return { kind: 'scalar', type: 'u32', value: v >>> 0, label: 'u32' };
  }

  i32(v: number): NativeArg {
    return { kind: 'scalar', type: 'i32', value: v | 0, label: 'i32' };
  }

  f32(v: number): NativeArg {
    return { kind: 'scalar', type: 'f32', value: Math.fround(v), label: 'f32' };
  }

  /** Where every allocation's guard bands lie, by its label: native memory has no robust access to drop a write. */
  protection(): Record<string, Protection> {
    return Object.fromEntries(this.allocations.map((a): [string, Protection] => [a.label, 'guard-band']));
  }

  /**
   * The named outputs the native function returned, each one this case declared. Throws SetupError:
   * `luma [cpp]: its native function returned no output; return the output handle (n.output(), n.outputBuffer()),
   * or a record of them by name`, `luma [cpp]: output hist is not an output of this case; declare it with n.output()
   * or n.outputBuffer()`.
   */
  private namedOutputs(returned: NativeOutputs | undefined): Array<[string, OutputSpec, NativeOutputHandle]> {
    if (!returned || typeof returned !== 'object')
      throw new SetupError(
        `${this.label}: its native function returned no output; ` +
          'return the output handle (n.output(), n.outputBuffer()), or a record of them by name',
      );
    const single = this.declared.get(returned as NativeOutputHandle);
    const entries: Array<[string, unknown]> = single
      ? [[single.name, returned]]
      : Object.entries(returned as Readonly<Record<string, NativeOutputHandle>>);
    if (!entries.length) throw new SetupError(`${this.label}: its native function returned an empty record of outputs`);
    return entries.map(([name, h]) => {
      const spec = this.declared.get(h as NativeOutputHandle);
      if (!spec)
        throw new SetupError(
          `${this.label}: output ${name} is not an output of this case; declare it with n.output() or n.outputBuffer()`,
        );
      return [name, { ...spec, name }, h as NativeOutputHandle];
    });
  }

  /**
   * Checks what the run left (`read(i)`: allocation i's bytes after the run)
   * against what the native function returned. A written front guard band —
   * no argument's bytes lie there — is a canary failure,
   * `im2col [cpp]: the guard band before output was written` and the canary
   * lines (and so is a written rear guard of scratch memory, `the guard band after scratch 1 was written`,
   * which nothing else judges); otherwise each returned output (data + rear guard, as the judge
   * reads it) and every input as uploaded and as found (the core's input
   * check). Throws SetupError when the function returned no declared
   * output (namedOutputs).
   */
  check(returned: NativeOutputs | undefined, read: (index: number) => Uint8Array): NativeCheck {
    const named = this.namedOutputs(returned);
    for (const [i, a] of this.allocations.entries()) {
      const front = frontGuardChanges(a.image, read(i));
      if (!front.pass)
        return {
          outcome: 'canary',
          error: `${this.label}: the guard band before ${a.label} was written\n${renderCanary(front)}`,
        };
      // Scratch is judged by nobody else: its rear guard is checked here.
      const rear =
        a.role === 'scratch' && 'element' in a.holds && rearGuardChanges(a.image, read(i), a.holds.element.count);
      if (rear && !rear.pass)
        return {
          outcome: 'canary',
          error: `${this.label}: the guard band after ${a.label} was written\n${renderCanary(rear)}`,
        };
    }
    const inputs = this.allocations.flatMap((a, i): InputCheck[] =>
      a.role === 'input'
        ? [
            {
              label: a.label,
              ...a.holds,
              uploaded: a.image.subarray(FRONT_GUARD_BYTES),
              after: read(i).subarray(FRONT_GUARD_BYTES),
            },
          ]
        : [],
    );
    const outputs = named.map(([, spec, h]) => ({ spec, bytes: read(h.allocation).subarray(FRONT_GUARD_BYTES) }));
    return { outputs, inputs };
  }
}
