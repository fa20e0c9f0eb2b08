/**
 * The C++ backend: a kernel's C++ source compiled at run time by the system
 * compiler into a cached shared library, its `extern "C"` entry points called
 * through koffi with pointers into guarded host memory — in a runner process
 * (runner.ts), so a call that hangs or crashes costs its case, never the run.
 * Runs everywhere a C++ compiler does; kernel time is the calls' wall time.
 */
import { cpus } from 'node:os';
import type { DeviceInfo } from '../../model/device.ts';
import type { TimerOutcome } from '../backend.ts';
import type { CppContext, NativeArg, NativeContext, NativeImplementation } from '../native/api.ts';
import { nativeBackend, type NativeRuntime } from '../native/backend.ts';
import type { DeviceRun } from '../../model/output/run.ts';
import { NativeCaseBase } from '../native/case-context.ts';
import { executeNative, thrownOutcome } from '../native/execute.ts';
import { FRONT_GUARD_BYTES } from '../native/guard.ts';
import { GUARD_BYTES } from '../../model/canary.ts';
import { hostFlags } from '../native/compile-options.ts';
import { hostCompiler, type HostCompiler } from '../native/host-compiler.ts';
import { bytesOf } from '../../model/bytes.ts';
import { sanitizerSetting, type SanitizerFinding, type SanitizerTool } from '../../model/sanitizer.ts';
import { asanEnvironment, asanRuntime, type AsanRuntime } from './asan.ts';
import { checkCppGlobal, cppEntrySignature, cppLibrary, cppSanitizedLibrary, type CppLibrary } from './library.ts';
import { CppRunner, type CppCall, type CppCallArg, type CppGlobal, type CppRepeat } from './runner.ts';
import { cppTimer } from './timer.ts';

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

  /**
   * Makes the case's calls in `on`'s runner process, within the deadline, from `library` (default: the one the
   * entry points were checked in; a sanitized build of it under a sanitizer); the calls' wall time is the kernel time.
   */
  async finish(
    deadlineMs: number,
    on: CppRunner,
    library = this.library.path,
    onSent?: () => void,
  ): Promise<{ read: (i: number) => Uint8Array; gpuNs: number; readbackMs: number }> {
    const guard = { front: FRONT_GUARD_BYTES, rear: GUARD_BYTES };
    const r = await on.run(
      this.label,
      { library, memory: this.memory, globals: this.globals, calls: this.calls, guard },
      deadlineMs,
      onSent,
    );
    return { read: (i) => r.memory[i]!, gpuNs: r.callNs, readbackMs: r.transferMs };
  }

  /** Makes the case's calls as the bench repeats them, timed in `on`'s runner process (see CppRunner.time). */
  time(deadlineMs: number, on: CppRunner, repeat: CppRepeat): Promise<readonly number[]> {
    const guard = { front: FRONT_GUARD_BYTES, rear: GUARD_BYTES };
    const job = { library: this.library.path, memory: this.memory, globals: this.globals, calls: this.calls, guard };
    return on.time(this.label, job, repeat, deadlineMs);
  }

  /** How many calls the case made. */
  get callCount(): number {
    return this.calls.length;
  }
}

/**
 * Runs a case once on the plain runner and hands back its timer; the case's error (or `the case made no call`)
 * otherwise. Never throws.
 */
async function timeCppCase(
  label: string,
  impl: NativeImplementation<unknown, NativeContext>,
  input: unknown,
  deadlineMs: number,
): Promise<TimerOutcome> {
  let library: CppLibrary;
  try {
    library = libraryOf(label, impl);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const c = new CppCase(label, [...impl.source.structs, ...(impl.structs ?? [])], library);
  const run = await executeNative(label, impl as NativeImplementation<unknown, CppContext>, input, {
    context: c,
    finish: () => c.finish(deadlineMs, runner),
  });
  if (!('outputs' in run)) return { error: run.error };
  if (!c.callCount) return { error: `${label}: the case made no call` };
  return { timer: cppTimer((repeat) => c.time(deadlineMs, runner, repeat)) };
}

/** The runner process every C++ case's calls go to. */
const runner = new CppRunner();

/** The runner processes under AddressSanitizer + UBSan, one per runtime. */
const sanitizedRunners = new Map<string, CppRunner>();

function sanitizedRunner(rt: AsanRuntime): CppRunner {
  let r = sanitizedRunners.get(rt.preload);
  if (!r) {
    r = new CppRunner(() => asanEnvironment(rt));
    sanitizedRunners.set(rt.preload, r);
  }
  return r;
}

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
/** Each implementation's sanitized build (its path): compiled on first use. */
const sanitizedBuilds = new WeakMap<object, string>();

function sanitizedBuildOf(label: string, impl: NativeImplementation<unknown, NativeContext>): string {
  let path = sanitizedBuilds.get(impl);
  if (!path) {
    path = cppSanitizedLibrary(label, impl.source, impl.structs ?? [], hostFlags(label, impl));
    sanitizedBuilds.set(impl, path);
  }
  return path;
}

/** The implementation's library, compiled and loaded once (throws cppLibrary's NativeCompileError). */
function libraryOf(label: string, impl: NativeImplementation<unknown, NativeContext>): CppLibrary {
  let library = loaded.get(impl);
  if (!library) {
    library = cppLibrary(label, impl.source, impl.structs ?? [], hostFlags(label, impl));
    loaded.set(impl, library);
  }
  return library;
}

/** Where a C++ case runs: the plain runner, or a sanitized one with the sanitized build of the library. */
interface CppTarget {
  readonly on: CppRunner;
  readonly sanitized: boolean;
}

/** A case's place in a batch: its calls go to the runner after the case before's (`after`); `sent` lets the next go. */
interface CaseTurn {
  readonly after: Promise<void>;
  readonly sent: () => void;
}

/**
 * Runs one case on `target`, its calls sent in its `turn` when it has one; never throws for a problem of the case.
 */
async function cppCase(
  label: string,
  impl: NativeImplementation<unknown, NativeContext>,
  input: unknown,
  deadlineMs: number,
  target: CppTarget,
  turn?: CaseTurn,
): Promise<DeviceRun> {
  let library: CppLibrary;
  let build: string;
  try {
    library = libraryOf(label, impl);
    build = target.sanitized ? sanitizedBuildOf(label, impl) : library.path;
  } catch (e) {
    return thrownOutcome(label, e);
  }
  const c = new CppCase(label, [...impl.source.structs, ...(impl.structs ?? [])], library);
  return executeNative(label, impl as NativeImplementation<unknown, CppContext>, input, {
    context: c,
    finish: async () => {
      await turn?.after;
      return c.finish(deadlineMs, target.on, build, turn?.sent);
    },
  });
}

/**
 * Runs a batch's cases on `target` in order, each case's calls sent to the runner process as soon as the case
 * before's are (not once they are answered): the process runs them one after another, as one case at a time
 * would, without a round trip between them. Each case's deadline starts when the case before it ends.
 */
function cppCases(
  label: string,
  impl: NativeImplementation<unknown, NativeContext>,
  inputs: readonly unknown[],
  deadlineMs: number,
  target: CppTarget,
): Promise<DeviceRun[]> {
  let after = Promise.resolve();
  return Promise.all(
    inputs.map((input) => {
      let sent!: () => void;
      const turn = { after, sent: () => sent() };
      after = new Promise<void>((resolve) => (sent = resolve));
      // A case that ends before sending (its run threw) lets the next go too.
      return cppCase(label, impl, input, deadlineMs, target, turn).finally(turn.sent);
    }),
  );
}

/** What AddressSanitizer + UBSan found running one case; `unavailable` for a tool C++ has not, or no runtime. */
async function sanitizeCppCase(
  cc: HostCompiler,
  label: string,
  impl: NativeImplementation<unknown, NativeContext>,
  input: unknown,
  tool: SanitizerTool,
  deadlineMs: number,
): Promise<SanitizerFinding> {
  const asan = asanRuntime(cc);
  if (tool !== 'memcheck') return { tool, status: 'unavailable', text: cudaOnly(tool) };
  if ('unavailable' in asan) return { tool, status: 'unavailable', text: asan.unavailable };
  const r = await cppCase(label, impl, input, deadlineMs, { on: sanitizedRunner(asan), sanitized: true });
  if ('outcome' in r && r.outcome === 'sanitizer') return { tool, status: 'found', text: r.error };
  // A sanitized build that could not run the case checked nothing: never `clean`.
  if ('outcome' in r && (r.outcome === 'compile-error' || r.outcome === 'setup-error'))
    return {
      tool,
      status: 'unavailable',
      text: `the sanitized build could not run the case (${r.outcome}): ${r.error}`,
    };
  const ended = 'outcome' in r ? `the case ended ${r.outcome}` : 'the case ran to its end';
  return { tool, status: 'clean', text: `AddressSanitizer + UBSan reported nothing (${ended})` };
}

const cudaOnly = (tool: SanitizerTool) =>
  `--sanitize ${tool} is a compute-sanitizer tool of CUDA; C++ sweeps are sanitized with --sanitize memcheck (AddressSanitizer + UBSan)`;

/**
 * The C++ runtime, or why it cannot run: no C++ compiler (named with what was looked for); under --sanitize
 * (TWINPATH_SANITIZE), no AddressSanitizer runtime, or a tool C++ has not (`--sanitize racecheck is a
 * compute-sanitizer tool of CUDA; …`).
 */
function findCpp(): NativeRuntime | { readonly unavailable: string } {
  const cc = hostCompiler('c++');
  if ('missing' in cc) return { unavailable: cc.missing };
  const setting = sanitizerSetting(process.env.TWINPATH_SANITIZE);
  const every = 'sanitize' in setting ? setting.sanitize : undefined;
  let target: CppTarget = { on: runner, sanitized: false };
  if (every) {
    if (every !== 'memcheck') return { unavailable: `C++ unavailable: ${cudaOnly(every)}` };
    const asan = asanRuntime(cc);
    if ('unavailable' in asan) return { unavailable: asan.unavailable };
    target = { on: sanitizedRunner(asan), sanitized: true };
  }
  const device = cpuInfo(cc);
  return {
    device: every ? { ...device, description: `${device.description} under AddressSanitizer + UBSan` } : device,
    timingSource: `wall time of the C++ calls${every ? ' (under AddressSanitizer + UBSan)' : ''}`,
    compile: (label, impl) => void (libraryOf(label, impl), every && sanitizedBuildOf(label, impl)),
    runCase: (label, impl, input, deadlineMs) => cppCase(label, impl, input, deadlineMs, target),
    runCases: (label, impl, inputs, deadlineMs) => cppCases(label, impl, inputs, deadlineMs, target),
    timeCase: async (label, impl, input, deadlineMs) =>
      every
        ? { unsupported: `${label}: the bench does not time C++ under a sanitizer (TWINPATH_SANITIZE)` }
        : timeCppCase(label, impl, input, deadlineMs),
    sanitizeCase: (label, impl, req) => sanitizeCppCase(cc, label, impl, req.input, req.tool, req.deadlineMs),
    isolate: () => (target.on.stop('replaced: the next case starts in a fresh runner process'), true),
    release: () => {
      runner.stop('the C++ backend was released');
      for (const r of sanitizedRunners.values()) r.stop('the C++ backend was released');
    },
  };
}

/** The C++ backend: the system compiler, the calls made in a runner process. */
export const cppBackend = nativeBackend('cpp', findCpp);
