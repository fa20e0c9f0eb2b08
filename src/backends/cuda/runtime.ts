/**
 * The CUDA device's primary context and what lives in it: modules compiled by
 * NVRTC for the device's compute capability (cached per source and options,
 * each with its layout probe run once), functions, pooled device memory and
 * events; reset after a kernel fault, given up after a timeout.
 */
import type { StructDecl } from '../../model/layout/types.ts';
import { SetupError } from '../../model/setup-error.ts';
import { cacheKey } from '../native/cache.ts';
import { NativeCompileError } from '../native/host-compiler.ts';
import {
  checkProbedLayout,
  LAYOUT_PROBE_ENTRY,
  LAYOUT_PROBE_FILE,
  layoutProbeLength,
  layoutProbeSource,
} from '../native/layout-probe.ts';
import { nativeAppend, type NativeSource } from '../native/source.ts';
import { CUDA_ERROR_NOT_FOUND, CudaError, type CudaDeviceInfo, type CudaDriver, type Handle } from './driver.ts';
import type { Nvrtc } from './nvrtc.ts';

/** Line info for compute-sanitizer's file:line, when a case runs under it (TWINPATH_CUDA_LINEINFO=1). */
const LINEINFO = (): readonly string[] => (process.env.TWINPATH_CUDA_LINEINFO === '1' ? ['-lineinfo'] : []);

/** The device, its primary context and what lives in it: modules, functions, pooled memory, events. */
export class CudaRuntime {
  /** Loaded modules by source and options; a source that failed to compile keeps its error, so it is compiled once. */
  private readonly modules = new Map<string, Handle | NativeCompileError>();
  private readonly functions = new Map<Handle, Map<string, Handle>>();
  private readonly pool = new Map<number, number[]>();
  private readonly events: Handle[] = [];
  /** Bumped by every context reset: memory of an older generation is gone with its context. */
  generation = 0;
  /** Set when a case's work did not finish within its deadline: it may still run, and holds the context. */
  lost: string | undefined;

  constructor(
    readonly driver: CudaDriver,
    readonly nvrtc: Nvrtc,
    private readonly dev: number,
    readonly info: CudaDeviceInfo,
  ) {
    driver.retainContext(dev);
  }

  get arch(): string {
    return `sm_${this.info.major}${this.info.minor}`;
  }

  /** Each implementation's module in this context: a case does not hash its source again. */
  private byImpl = new WeakMap<object, Handle>();

  /** The module of an implementation (see module). */
  moduleOf(
    label: string,
    impl: {
      readonly source: NativeSource;
      readonly structs?: readonly StructDecl[];
      readonly options?: readonly string[];
    },
  ): Handle {
    let m = this.byImpl.get(impl);
    if (!m) {
      m = this.module(label, impl.source, impl.structs ?? [], impl.options ?? []);
      this.byImpl.set(impl, m);
    }
    return m;
  }

  /**
   * The module of `src` with the layout probe of its structs, compiled and
   * loaded once per source and options; the probe runs once, on load (see
   * layout-probe.ts). A failure is kept, per sweep label, so a broken source
   * is compiled once.
   */
  private module(label: string, src: NativeSource, structs: readonly StructDecl[], options: readonly string[]): Handle {
    const checked = [...src.structs, ...structs];
    const code = nativeAppend(src, LAYOUT_PROBE_FILE, layoutProbeSource(checked, 'cuda')).code;
    const key = cacheKey(code, options.join(' '));
    const failed = this.modules.get(`${key}:${label}`);
    if (failed instanceof NativeCompileError) throw failed;
    let m = this.modules.get(key);
    if (!m) {
      try {
        m = this.driver.loadModule(this.nvrtc.compile(label, code, this.arch, [...options, ...LINEINFO()]));
        this.probeLayout(label, m, checked);
      } catch (e) {
        if (e instanceof NativeCompileError) this.modules.set(`${key}:${label}`, e);
        throw e;
      }
      this.modules.set(key, m);
    }
    return m;
  }

  /**
   * Runs the module's layout probe (one thread) and checks what it wrote; throws checkProbedLayout's
   * NativeCompileError.
   */
  private probeLayout(label: string, module: Handle, structs: readonly StructDecl[]): void {
    const out = new Uint8Array(8 * Math.max(1, layoutProbeLength(structs)));
    const ptr = this.driver.alloc(out.length);
    try {
      const fn = this.driver.getFunction(module, LAYOUT_PROBE_ENTRY);
      this.driver.launch(fn, [1, 1, 1], [1, 1, 1], 0, [new Uint8Array(BigUint64Array.of(BigInt(ptr)).buffer)]);
      this.driver.synchronize();
      this.driver.download(out, ptr);
    } finally {
      this.driver.free(ptr);
    }
    checkProbedLayout(label, structs, new BigUint64Array(out.buffer));
  }

  /**
   * `entry` of a module. Throws SetupError:
   * `im2col [cuda]: no extern "C" __global__ function im2col_2d_3ch_f32 in the module. Fix: define it with TP_KERNEL`.
   */
  function(label: string, module: Handle, entry: string): Handle {
    const of = this.functions.get(module) ?? new Map<string, Handle>();
    this.functions.set(module, of);
    let f = of.get(entry);
    if (!f) {
      try {
        f = this.driver.getFunction(module, entry);
      } catch (e) {
        if (e instanceof CudaError && e.code === CUDA_ERROR_NOT_FOUND) {
          throw new SetupError(
            `${label}: no extern "C" __global__ function ${entry} in the module. Fix: define it with TP_KERNEL`,
          );
        }
        throw e;
      }
      of.set(entry, f);
    }
    return f;
  }

  acquire(bytes: number): number {
    return this.pool.get(bytes)?.pop() ?? this.driver.alloc(bytes);
  }

  /** Gives memory back to the pool (memory of a reset context is dropped). */
  release(ptr: number, bytes: number, generation: number): void {
    if (generation !== this.generation) return;
    const free = this.pool.get(bytes) ?? [];
    free.push(ptr);
    this.pool.set(bytes, free);
  }

  event(): Handle {
    return this.events.pop() ?? this.driver.createEvent();
  }

  releaseEvent(e: Handle, generation: number): void {
    if (generation === this.generation) this.events.push(e);
  }

  /**
   * After a case's work passed its deadline: the context is given up — not reset, which would wait for that work —
   * and nothing more runs in it; its memory is never pooled again.
   */
  lose(reason: string): void {
    this.lost = reason;
    this.pool.clear();
    this.events.length = 0;
    this.generation++;
  }

  /** After a kernel fault: resets the primary context (freeing everything in it) and makes a fresh one current. */
  recover(): void {
    this.byImpl = new WeakMap();
    this.modules.clear();
    this.functions.clear();
    this.pool.clear();
    this.events.length = 0;
    this.generation++;
    this.driver.resetContext(this.dev);
    this.driver.retainContext(this.dev);
  }
}
