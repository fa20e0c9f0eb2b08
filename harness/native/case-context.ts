/**
 * The backend-neutral half of a native case: allocations (guarded images of
 * surfaces), arguments (structs packed under C rules, scalars), and the checks
 * after the run — the output's front guard, every input unchanged. A backend
 * (C++, CUDA) places the images in its memory, runs, and reads them back.
 */
import { GpuSetupError, type OutputOptions } from '../gpu/context.ts';
import type { LayoutValue } from '../layout/codec.ts';
import { packStruct } from '../layout/codec.ts';
import type { StructDecl } from '../layout/types.ts';
import { textureDescStruct, textureDescValues, type TextureDesc } from '../surface/desc.ts';
import type { Surface } from '../surface/surface.ts';
import { renderCanary } from '../canary.ts';
import type { InputCheck } from '../output/run.ts';
import type { NativeArg, NativeBackendName, NativeOutputArg, NativeSurfaceArg } from './api.ts';
import { allocationImage, changedBytes, FRONT_GUARD_BYTES } from './guard.ts';

/** One guarded allocation of a case: what was uploaded, and whose it is. */
export interface NativeAllocation {
  readonly role: 'input' | 'output';
  readonly desc: TextureDesc;
  readonly image: Uint8Array;
  readonly label: string;
}

/** What a finished case left: its output and inputs, or the canary failure of a front guard band. */
export type NativeCheck =
  | { readonly output: NativeOutputArg; readonly bytes: Uint8Array; readonly inputs: readonly InputCheck[] }
  | { readonly outcome: 'canary'; readonly error: string };

const sameDecl = (a: StructDecl, b: StructDecl) => JSON.stringify(a) === JSON.stringify(b);

/** The parts every native context shares; `label` names the sweep (`im2col [cuda]`) in errors. */
export abstract class NativeCaseBase {
  abstract readonly backend: NativeBackendName;
  readonly allocations: NativeAllocation[] = [];
  private out: NativeOutputArg | undefined;
  /** CPU time preparing and writing the case's memory (ms). */
  uploadMs = 0;

  constructor(
    protected readonly label: string,
    /** Structs whose C layout the compiled source checked. */
    private readonly checkedStructs: readonly StructDecl[],
  ) {}

  /** Puts allocation `index`'s image into the backend's memory. */
  protected abstract place(index: number, image: Uint8Array): void;

  private allocate(role: NativeAllocation['role'], desc: TextureDesc, image: Uint8Array, label: string): number {
    const t = performance.now();
    const index = this.allocations.push({ role, desc, image, label }) - 1;
    this.place(index, image);
    this.uploadMs += performance.now() - t;
    return index;
  }

  surface(s: Surface): NativeSurfaceArg {
    const n = this.allocations.filter((a) => a.role === 'input').length + 1;
    const image = allocationImage(s.desc, n, { surface: s, levels: s.desc.levels.map((l) => l.level) });
    const label = `surface ${n}`;
    return { kind: 'surface', allocation: this.allocate('input', s.desc, image, label), desc: s.desc, label };
  }

  /** Throws GpuSetupError: `im2col [cpp]: output() called twice; a case has exactly one output surface`. */
  output(desc: TextureDesc, options: OutputOptions = {}): NativeOutputArg {
    if (this.out)
      throw new GpuSetupError(`${this.label}: output() called twice; a case has exactly one output surface`);
    const image = allocationImage(
      desc,
      0,
      options.init ? { surface: options.init.from, levels: options.init.levels } : undefined,
    );
    const allocation = this.allocate('output', desc, image, 'output');
    this.out = {
      kind: 'surface',
      allocation,
      desc,
      ownedLevels: options.owns ?? desc.levels.map((l) => l.level),
      label: 'output',
    };
    return this.out;
  }

  desc(d: TextureDesc): NativeArg {
    return this.struct(textureDescStruct(d.maxMip), textureDescValues(d));
  }

  /**
   * Throws GpuSetupError for a struct whose C layout nothing checked:
   * `im2col [cpp]: struct Im2colParams is not among the implementation's structs, so its C layout is unchecked. Fix: list its TS declaration in structs`.
   */
  struct(decl: StructDecl, value: { readonly [name: string]: LayoutValue }): NativeArg {
    if (!this.checkedStructs.some((s) => sameDecl(s, decl))) {
      const sameName = this.checkedStructs.some((s) => s.name === decl.name);
      throw new GpuSetupError(
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

  /**
   * Checks what the run left (`read(i)`: allocation i's bytes after the run).
   * A written front guard band — no binding's bytes lie there — is a canary
   * failure, `im2col [cpp]: the guard band before output was written` and the
   * canary lines; otherwise the output (chain + rear guard, as the judge reads
   * it) and every input as uploaded and as found (the core's input check).
   * Throws GpuSetupError when the kernel declared no output.
   */
  check(read: (index: number) => Uint8Array): NativeCheck {
    const out = this.out;
    if (!out)
      throw new GpuSetupError(
        `${this.label}: its native function never called output(); a case has exactly one output surface`,
      );
    for (const [i, a] of this.allocations.entries()) {
      const report = changedBytes(a.desc, a.image, read(i), 0, FRONT_GUARD_BYTES);
      if (!report.pass) {
        return {
          outcome: 'canary',
          error: `${this.label}: the guard band before ${a.label} was written\n${renderCanary(report)}`,
        };
      }
    }
    const inputs = this.allocations.flatMap((a, i): InputCheck[] =>
      a.role === 'input'
        ? [
            {
              label: a.label,
              desc: a.desc,
              uploaded: a.image.subarray(FRONT_GUARD_BYTES),
              after: read(i).subarray(FRONT_GUARD_BYTES),
            },
          ]
        : [],
    );
    return { output: out, bytes: read(out.allocation).subarray(FRONT_GUARD_BYTES), inputs };
  }
}
