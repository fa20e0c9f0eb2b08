/**
 * The CUDA backend: a kernel's CUDA C++ compiled by nvcc (when the toolkit
 * has it) or NVRTC for the device's compute capability (modules cached per
 * source and options), its kernels found by the names their authors wrote,
 * launched (checked against the device's limits)
 * through the driver API with grid and block on the device's primary context
 * (reused; device memory pooled by size), each launch timed with CUDA events.
 * A case's launches are waited for by polling the stream against the case
 * deadline. A kernel fault (illegal address) fails its case; the context is
 * reset and created again, and the run goes on. Launches that pass the
 * deadline are the case's `timeout`, and the context is lost: the rest of that
 * sweep does not run, and later sweeps count CUDA unavailable, with the reason.
 */
import koffi from 'koffi';
import type { DeviceInfo } from '../../model/device.ts';
import type { StructDecl } from '../../model/layout/types.ts';
import type { CudaContext, LaunchShape, NativeArg, NativeImplementation } from '../native/api.ts';
import { nativeBackend, type NativeRuntime } from '../native/backend.ts';
import type { DeviceRun } from '../../model/output/run.ts';
import { NativeCaseBase } from '../native/case-context.ts';
import { executeNative, NativeRunError, NativeTimeoutError, thrownOutcome } from '../native/execute.ts';
import { pollUntilDone } from '../native/poll.ts';
import { FRONT_GUARD_BYTES } from '../native/guard.ts';
import { CudaDriver, CudaError, type CudaDeviceInfo, type Handle } from './driver.ts';
import { bytesOf } from '../../model/bytes.ts';
import { chooseCudaCompiler, type ChosenCompiler } from './choose-compiler.ts';
import { libcudaCandidates, loadFirst } from './find.ts';
import { checkLaunch } from './limits.ts';
import { CudaRuntime, type CudaModule } from './runtime.ts';
import { cudaTimer } from './timer.ts';
import { findToolkit } from './toolkit.ts';
import { cudaSanitizerUnavailable, sanitizeCudaCase } from './compute-sanitizer.ts';
import { sanitizerSetting } from '../../model/sanitizer.ts';

const paramBytes = (a: NativeArg, ptr: (allocation: number) => number): Uint8Array => {
  if (a.kind === 'surface' || a.kind === 'buffer')
    return new Uint8Array(BigUint64Array.of(BigInt(ptr(a.allocation) + FRONT_GUARD_BYTES)).buffer);
  if (a.kind === 'struct') return a.bytes;
  const typed =
    a.type === 'u32' ? Uint32Array.of(a.value) : a.type === 'i32' ? Int32Array.of(a.value) : Float32Array.of(a.value);
  return new Uint8Array(typed.buffer);
};

/** A case on the CUDA backend: allocations in device memory, launches queued on the default stream. */
class CudaCase extends NativeCaseBase implements CudaContext {
  readonly backend = 'cuda';
  private readonly ptrs: number[] = [];
  private readonly timed: Array<{ readonly start: Handle; readonly end: Handle; readonly entry: string }> = [];
  /** Every launch as queued, so the bench can queue the case's kernel work again (see replay). */
  private readonly launched: Array<Parameters<CudaDriver['launch']>> = [];
  private readonly generation: number;

  constructor(
    label: string,
    structs: readonly StructDecl[],
    private readonly rt: CudaRuntime,
    private readonly module: CudaModule,
  ) {
    super(label, structs);
    this.generation = rt.generation;
  }

  protected place(index: number, image: Uint8Array): void {
    const ptr = this.rt.acquire(image.length);
    this.ptrs[index] = ptr;
    this.rt.driver.upload(ptr, image);
  }

  launch(entry: string, args: readonly NativeArg[], shape: LaunchShape): void {
    const dims = (d: readonly [number, number?, number?]) => [d[0], d[1] ?? 1, d[2] ?? 1];
    const grid = dims(shape.grid);
    const block = dims(shape.block);
    const sharedBytes = shape.sharedBytes ?? 0;
    checkLaunch(this.label, entry, this.rt.limits, { grid, block, sharedBytes });
    if (grid.some((g) => g === 0)) return;
    const fn = this.rt.function(this.label, this.module, entry, sharedBytes);
    const start = this.rt.event();
    const end = this.rt.event();
    this.timed.push({ start, end, entry });
    this.rt.driver.record(start);
    const params = args.map((a) => paramBytes(a, (i) => this.ptrs[i]!));
    try {
      this.rt.driver.launch(fn, grid, block, sharedBytes, params);
      this.launched.push([fn, grid, block, sharedBytes, params]);
    } catch (e) {
      if (e instanceof CudaError)
        throw new NativeRunError(
          `${this.label}: launch of ${entry} (grid ${grid.join('x')}, block ${block.join('x')}) failed: ${e.message}`,
        );
      throw e;
    }
    this.rt.driver.record(end);
  }

  /** Queues the case's launches again, in order, on the same memory, without events (the bench's timer). */
  replay(): void {
    for (const l of this.launched) this.rt.driver.launch(...l);
  }

  /** How many launches the case queued. */
  get launchCount(): number {
    return this.launched.length;
  }

  global(name: string, data: ArrayBufferView): void {
    this.rt.setGlobal(this.label, this.module, name, bytesOf(data));
  }

  /** `launch 1 (im2col_2d_3ch_f32)`, or `one of 3 launches (mip_level)`. */
  private launches(): string {
    return this.timed.length === 1
      ? `launch 1 (${this.timed[0]!.entry})`
      : `one of ${this.timed.length} launches (${[...new Set(this.timed.map((t) => t.entry))].join(', ')})`;
  }

  /**
   * Waits for the launches by polling the stream against `deadlineMs`, and reads every allocation back.
   * A kernel fault throws NativeRunError:
   * `im2col [cuda]: launch 1 (im2col_2d_3ch_f32) faulted: cuStreamQuery: CUDA_ERROR_ILLEGAL_ADDRESS (…); the CUDA context was reset and the run goes on`;
   * launches that do not finish in time throw NativeTimeoutError, and the context is lost:
   * `mock_hang [cuda]: launch 1 (mock_hang) did not finish within 200 ms (TWINPATH_CASE_DEADLINE_MS); the CUDA context is lost: …`.
   */
  async finish(deadlineMs: number): Promise<{ read: (i: number) => Uint8Array; gpuNs: number; readbackMs: number }> {
    let waited: 'done' | 'timeout';
    try {
      waited = await pollUntilDone(() => this.rt.driver.streamDone(), deadlineMs);
    } catch (e) {
      if (e instanceof CudaError && e.sticky) {
        this.rt.recover();
        throw new NativeRunError(
          `${this.label}: ${this.launches()} faulted: ${e.message}; the CUDA context was reset and the run goes on`,
        );
      }
      throw e;
    }
    if (waited === 'timeout') {
      const late = `${this.label}: ${this.launches()} did not finish within ${deadlineMs} ms (TWINPATH_CASE_DEADLINE_MS)`;
      this.rt.lose(
        `${late}, so the CUDA context is lost for the rest of this process (the kernel may still be running)`,
      );
      throw new NativeTimeoutError(
        `${late}; the CUDA context is lost: the rest of this sweep does not run, and later sweeps count CUDA unavailable`,
      );
    }
    const gpuNs = this.timed.reduce((ns, t) => ns + this.rt.driver.elapsedMs(t.start, t.end) * 1e6, 0);
    const t = performance.now();
    const bytes = this.allocations.map((a, i) => {
      const out = new Uint8Array(a.image.length);
      this.rt.driver.download(out, this.ptrs[i]!);
      return out;
    });
    return { read: (i) => bytes[i]!, gpuNs, readbackMs: performance.now() - t };
  }

  /** Gives the case's memory and events back. */
  release(): void {
    this.ptrs.forEach((p, i) => this.rt.release(p, this.allocations[i]!.image.length, this.generation));
    for (const t of this.timed) {
      this.rt.releaseEvent(t.start, this.generation);
      this.rt.releaseEvent(t.end, this.generation);
    }
  }
}

function adapterInfo(info: CudaDeviceInfo, chosen: ChosenCompiler, libcuda: string): DeviceInfo {
  const v = info.driverVersion;
  return {
    vendor: 'nvidia',
    architecture: `sm_${info.major}${info.minor}`,
    device: info.name,
    description: `CUDA driver API ${Math.floor(v / 1000)}.${(v % 1000) / 10}, ${chosen.compiler.description}`,
    software: false,
    flags: [`libcuda=${libcuda}`, chosen.flag],
  };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The CUDA runtime on device 0 (TWINPATH_CUDA_DEVICE), or why it cannot run, naming what was looked for:
 * `CUDA unavailable: libcuda did not load — looked for libcuda.so.1: libcuda.so.1: cannot open shared object file: …; /usr/lib64/libcuda.so.1: no such file; …. Fix: install the NVIDIA driver, or set TWINPATH_LIBCUDA to its libcuda.so.1`.
 */
function findCuda(): NativeRuntime | { readonly unavailable: string } {
  const setting = sanitizerSetting(process.env.TWINPATH_SANITIZE);
  const unsanitized = cudaSanitizerUnavailable('sanitize' in setting ? setting.sanitize : undefined);
  if (unsanitized) return { unavailable: unsanitized };
  const cuda = loadFirst(libcudaCandidates(), (p) => koffi.load(p));
  if ('errors' in cuda) {
    return {
      unavailable: `CUDA unavailable: libcuda did not load — looked for ${cuda.errors}. Fix: install the NVIDIA driver, or set TWINPATH_LIBCUDA to its libcuda.so.1`,
    };
  }
  let driver: CudaDriver;
  let dev: number;
  try {
    driver = new CudaDriver(cuda.lib);
    driver.init();
    const count = driver.deviceCount();
    const ordinal = Number(process.env.TWINPATH_CUDA_DEVICE ?? 0);
    if (ordinal >= count)
      return {
        unavailable: `CUDA unavailable: ${cuda.path} sees ${count} device(s), no device ${ordinal} (TWINPATH_CUDA_DEVICE)`,
      };
    dev = driver.device(ordinal);
  } catch (e) {
    return {
      unavailable: `CUDA unavailable: ${cuda.path} loaded but ${message(e)}. Fix: check the NVIDIA driver (nvidia-smi)`,
    };
  }
  const toolkit = findToolkit();
  const chosen = chooseCudaCompiler(toolkit);
  if ('unavailable' in chosen) return chosen;
  let rt: CudaRuntime;
  try {
    rt = new CudaRuntime(driver, chosen.compiler, toolkit, dev, driver.deviceInfo(dev));
  } catch (e) {
    return { unavailable: `CUDA unavailable: the device's context could not be created: ${message(e)}` };
  }
  return cudaRuntime(rt, adapterInfo(rt.info, chosen, cuda.path));
}

/** The NativeRuntime over a CUDA context: modules compiled before the cases, each case's launches on it. */
function cudaRuntime(rt: CudaRuntime, device: DeviceInfo): NativeRuntime {
  return {
    device,
    timingSource: 'CUDA events around each launch',
    get lost() {
      return rt.lost;
    },
    compile(label, impl) {
      try {
        rt.moduleOf(label, impl);
      } catch (e) {
        // A fault while the layout probe ran leaves the context unusable, as a kernel's would.
        if (e instanceof CudaError && e.sticky) rt.recover();
        throw e;
      }
    },
    async runCase(label, impl, input, deadlineMs): Promise<DeviceRun> {
      if (rt.lost) return { outcome: 'timeout', error: `${label}: not run: ${rt.lost}`, notRun: rt.lost };
      let module: CudaModule;
      try {
        module = rt.moduleOf(label, impl);
      } catch (e) {
        // A fault while the layout probe ran leaves the context unusable, as a kernel's would.
        if (e instanceof CudaError && e.sticky) rt.recover();
        return thrownOutcome(label, e);
      }
      const c = new CudaCase(label, [...impl.source.structs, ...(impl.structs ?? [])], rt, module);
      try {
        return await executeNative(label, impl as NativeImplementation<unknown, CudaContext>, input, {
          context: c,
          finish: () => c.finish(deadlineMs),
        });
      } finally {
        c.release();
      }
    },
    async timeCase(label, impl, input, deadlineMs) {
      if (rt.lost) return { error: `${label}: not run: ${rt.lost}` };
      let module: CudaModule;
      try {
        module = rt.moduleOf(label, impl);
      } catch (e) {
        return { error: message(e) };
      }
      const c = new CudaCase(label, [...impl.source.structs, ...(impl.structs ?? [])], rt, module);
      const run = await executeNative(label, impl as NativeImplementation<unknown, CudaContext>, input, {
        context: c,
        finish: () => c.finish(deadlineMs),
      });
      if (!('outputs' in run) || !c.launchCount) {
        c.release();
        return { error: 'outputs' in run ? `${label}: the case launched nothing` : run.error };
      }
      return { timer: cudaTimer(rt, c, label, deadlineMs) };
    },
    // The device's primary context stays retained for the process: a later sweep reuses it.
    release: () => undefined,
    // A fault already replaced the context (CudaRuntime.recover): what a failing case leaves is not carried over.
    isolate: () => false,
    sanitizeCase: (_label, _impl, req) => sanitizeCudaCase(req),
  };
}

/** The CUDA backend: NVRTC and the driver API, probed on first use. */
export const cudaBackend = nativeBackend('cuda', findCuda);
