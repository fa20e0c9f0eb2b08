/**
 * The C++ backend: a kernel's C++ source compiled at run time by the system
 * compiler into a cached shared library, its `extern "C"` entry points called
 * through koffi with pointers into guarded host memory. Runs everywhere a
 * C++ compiler does; kernel time is the calls' wall time.
 */
import { cpus } from 'node:os';
import type { AdapterInfo } from '../../gpu/adapter.ts';
import type { CppContext, NativeArg, NativeContext, NativeImplementation } from '../../native/api.ts';
import type { BackendProbe, NativeBackend } from '../../native/backend.ts';
import type { GpuRun } from '../../output/run.ts';
import { NativeCaseBase } from '../../native/case-context.ts';
import { executeNative, thrownOutcome } from '../../native/execute.ts';
import { FRONT_GUARD_BYTES } from '../../native/guard.ts';
import { hostCompiler, type HostCompiler } from '../../native/host-compiler.ts';
import { cppEntry, cppLibrary, type CppLibrary } from './library.ts';

/** A case on the C++ backend: allocations are host memory the library writes in place. */
class CppCase extends NativeCaseBase implements CppContext {
  readonly backend = 'cpp';
  private readonly memory: Uint8Array[] = [];
  /** Wall time of the calls (ns). */
  callNs = 0;

  constructor(
    label: string,
    structs: ConstructorParameters<typeof NativeCaseBase>[1],
    private readonly library: CppLibrary,
  ) {
    super(label, structs);
  }

  protected place(index: number, image: Uint8Array): void {
    this.memory[index] = image.slice();
  }

  private value(a: NativeArg): unknown {
    if (a.kind === 'surface') return this.memory[a.allocation]!.subarray(FRONT_GUARD_BYTES);
    if (a.kind === 'struct') return a.bytes;
    return a.value;
  }

  call(entry: string, args: readonly NativeArg[]): void {
    const f = cppEntry(this.label, this.library, entry, args);
    const values = args.map((a) => this.value(a));
    const t = process.hrtime.bigint();
    f(...values);
    this.callNs += Number(process.hrtime.bigint() - t);
  }

  read(index: number): Uint8Array {
    return this.memory[index]!;
  }
}

function cpuInfo(cc: HostCompiler): AdapterInfo {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return {
    vendor: 'cpu',
    architecture: process.arch,
    device: model,
    description: `C++ via ${cc.version}`,
    software: true,
    flags: [`compiler=${cc.command}`],
  };
}

/** Each implementation's library once loaded: a case does not hash its source again. */
const loaded = new WeakMap<object, CppLibrary>();

/** The C++ backend, or why it cannot run: no C++ compiler (named with what was looked for). */
export function probeCpp(): BackendProbe {
  const cc = hostCompiler('c++');
  if ('missing' in cc) return { unavailable: cc.missing };
  const backend: NativeBackend = {
    name: 'cpp',
    device: cpuInfo(cc),
    timingSource: 'wall time of the C++ calls',
    async runCase<I>(label: string, impl: NativeImplementation<I, NativeContext>, input: I): Promise<GpuRun> {
      let library = loaded.get(impl);
      try {
        library ??= cppLibrary(label, impl.source, impl.structs ?? [], impl.options ?? []);
      } catch (e) {
        return thrownOutcome(label, e);
      }
      loaded.set(impl, library);
      const c = new CppCase(label, [...impl.source.structs, ...(impl.structs ?? [])], library);
      return executeNative(label, impl as NativeImplementation<I, CppContext>, input, {
        context: c,
        finish: async () => ({ read: (i) => c.read(i), gpuNs: c.callNs, readbackMs: 0 }),
      });
    },
  };
  return { backend };
}
