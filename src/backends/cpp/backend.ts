/**
 * The C++ backend: a kernel's C++ source compiled at run time by the system
 * compiler into a cached shared library, its `extern "C"` entry points called
 * through koffi with pointers into guarded host memory — in a runner process
 * (runner.ts), so a call that hangs or crashes costs its case, never the run.
 * Runs everywhere a C++ compiler does; kernel time is the calls' wall time.
 */
import { cpus } from 'node:os';
import type { DeviceInfo } from '../../model/device.ts';
import type { CppContext, NativeArg, NativeContext, NativeImplementation } from '../native/api.ts';
import { nativeBackend, type NativeRuntime } from '../native/backend.ts';
import type { DeviceRun } from '../../model/output/run.ts';
import { NativeCaseBase } from '../native/case-context.ts';
import { executeNative, thrownOutcome } from '../native/execute.ts';
import { FRONT_GUARD_BYTES } from '../native/guard.ts';
import { hostFlags } from '../native/compile-options.ts';
import { hostCompiler, type HostCompiler } from '../native/host-compiler.ts';
import { bytesOf } from '../../model/bytes.ts';
import { checkCppGlobal, cppEntrySignature, cppLibrary, type CppLibrary } from './library.ts';
import { CppRunner, type CppCall, type CppCallArg, type CppGlobal } from './runner.ts';

/** A case on the C++ backend: allocations are host memory, and its calls are made in the runner process. */
class CppCase extends NativeCaseBase implements CppContext {
  readonly backend = 'cpp';
  private readonly memory: Uint8Array[] = [];
  private readonly calls: CppCall[] = [];
  private readonly globals: CppGlobal[] = [];

  constructor(
    label: string,
    structs: ConstructorParameters<typeof NativeCaseBase>[1],
    private readonly library: CppLibrary,
  ) {
    super(label, structs);
  }

  protected place(index: number, image: Uint8Array): void {
    this.memory[index] = image;
  }

  private arg(a: NativeArg): CppCallArg {
    if (a.kind === 'surface' || a.kind === 'buffer') return { allocation: a.allocation, offset: FRONT_GUARD_BYTES };
    if (a.kind === 'struct') return { bytes: a.bytes };
    return { scalar: a.value };
  }

  /** Queues a call of `entry`; throws SetupError when the library has no such function. */
  call(entry: string, args: readonly NativeArg[]): void {
    this.calls.push({
      signature: cppEntrySignature(this.label, this.library, entry, args),
      args: args.map((a) => this.arg(a)),
    });
  }

  /** Sets an `extern "C"` global of the library before the calls; throws checkCppGlobal's SetupError. */
  global(name: string, data: ArrayBufferView): void {
    const bytes = bytesOf(data);
    checkCppGlobal(this.label, this.library, name, bytes.length);
    this.globals.push({ symbol: name, bytes: bytes.slice() });
  }

  /** Makes the case's calls in the runner process, within the deadline; the calls' wall time is the kernel time. */
  async finish(deadlineMs: number): Promise<{ read: (i: number) => Uint8Array; gpuNs: number; readbackMs: number }> {
    const job = { library: this.library.path, memory: this.memory, globals: this.globals, calls: this.calls };
    const r = await runner.run(this.label, job, deadlineMs);
    return { read: (i) => r.memory[i]!, gpuNs: r.callNs, readbackMs: r.transferMs };
  }
}

/** The runner process every C++ case's calls go to. */
const runner = new CppRunner();

function cpuInfo(cc: HostCompiler): DeviceInfo {
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

/** The implementation's library, compiled and loaded once (throws cppLibrary's NativeCompileError). */
function libraryOf(label: string, impl: NativeImplementation<unknown, NativeContext>): CppLibrary {
  let library = loaded.get(impl);
  if (!library) {
    library = cppLibrary(label, impl.source, impl.structs ?? [], hostFlags(label, impl));
    loaded.set(impl, library);
  }
  return library;
}

/** The C++ runtime, or why it cannot run: no C++ compiler (named with what was looked for). */
function findCpp(): NativeRuntime | { readonly unavailable: string } {
  const cc = hostCompiler('c++');
  if ('missing' in cc) return { unavailable: cc.missing };
  return {
    device: cpuInfo(cc),
    timingSource: 'wall time of the C++ calls',
    compile: (label, impl) => void libraryOf(label, impl),
    async runCase(label, impl, input, deadlineMs): Promise<DeviceRun> {
      let library: CppLibrary;
      try {
        library = libraryOf(label, impl);
      } catch (e) {
        return thrownOutcome(label, e);
      }
      const c = new CppCase(label, [...impl.source.structs, ...(impl.structs ?? [])], library);
      return executeNative(label, impl as NativeImplementation<unknown, CppContext>, input, {
        context: c,
        finish: () => c.finish(deadlineMs),
      });
    },
    release: () => runner.stop('the C++ backend was released'),
  };
}

/** The C++ backend: the system compiler, the calls made in a runner process. */
export const cppBackend = nativeBackend('cpp', findCpp);
