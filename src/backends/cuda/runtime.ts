/**
 * The CUDA device's primary context and what lives in it: modules compiled by
 * nvcc or NVRTC for the device's compute capability (cached per source and
 * options, each with its layout probe run once), functions found by the names
 * their authors wrote, module globals, pooled device memory and events; reset
 * after a kernel fault, given up after a timeout.
 */
import type { StructDecl } from '../../model/layout/types.ts';
import { SetupError } from '../../model/setup-error.ts';
import { cacheKey, withLocalHeaders } from '../native/cache.ts';
import { checkGlobalSize } from '../native/case-context.ts';
import { buildKey, includeFolders, type NativeBuildOptions } from '../native/compile-options.ts';
import { NativeCompileError } from '../native/host-compiler.ts';
import {
  checkProbedLayout,
  LAYOUT_PROBE_ENTRY,
  LAYOUT_PROBE_FILE,
  layoutProbeLength,
  layoutProbeSource,
} from '../native/layout-probe.ts';
import { nativeAppend } from '../native/source.ts';
import type { CudaBinary, CudaCompiler } from './compiler.ts';
import { CUDA_ERROR_NOT_FOUND, CudaError, type CudaDeviceInfo, type CudaDriver, type Handle } from './driver.ts';
import {
  deviceLimits,
  DEFAULT_SHARED_BYTES,
  FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
  type DeviceLimits,
} from './limits.ts';
import { cuobjdumpKernels, findKernel, moduleKernels, type ModuleKernel } from './names.ts';
import type { CudaToolkit } from './toolkit.ts';

/** A module loaded in the context: its handle, what compiled it, and its kernels once listed. */
export interface CudaModule {
  readonly handle: Handle;
  readonly binary: CudaBinary;
  kernels?: ModuleKernel[] | undefined;
}

/** Line info for compute-sanitizer's file:line, when a case runs under it (TWINPATH_CUDA_LINEINFO=1). */
function withLineInfo<T extends NativeBuildOptions>(impl: T): T {
  return process.env.TWINPATH_CUDA_LINEINFO === '1'
    ? { ...impl, options: [...(impl.options ?? []), '-lineinfo'] }
    : impl;
}

/** The device, its primary context and what lives in it: modules, functions, pooled memory, events. */
export class CudaRuntime {
  /** Loaded modules by source and options; a source that failed to compile keeps its error, so it is compiled once. */
  private readonly modules = new Map<string, CudaModule | NativeCompileError>();
  private readonly functions = new Map<CudaModule, Map<string, Handle>>();
  /** The dynamic shared memory each function was opted into (bytes). */
  private readonly optedIn = new Map<Handle, number>();
  readonly limits: DeviceLimits;
  private readonly pool = new Map<number, number[]>();
  private readonly events: Handle[] = [];
  /** Bumped by every context reset: memory of an older generation is gone with its context. */
  generation = 0;
  /** Set when a case's work did not finish within its deadline: it may still run, and holds the context. */
  lost: string | undefined;

  constructor(
    readonly driver: CudaDriver,
    readonly compiler: CudaCompiler,
    readonly toolkit: CudaToolkit | undefined,
    private readonly dev: number,
    readonly info: CudaDeviceInfo,
  ) {
    driver.retainContext(dev);
    this.limits = deviceLimits((attrib) => driver.attribute(attrib, dev));
  }

  /** A device attribute (CU_DEVICE_ATTRIBUTE_*) of this runtime's device. */
  attribute(attrib: number): number {
    return this.driver.attribute(attrib, this.dev);
  }

  get arch(): string {
    return `sm_${this.info.major}${this.info.minor}`;
  }

  /** Each implementation's module in this context: a case does not hash its source again. */
  private byImpl = new WeakMap<object, CudaModule>();

  /** The module of an implementation (see module). */
  moduleOf(label: string, impl: NativeBuildOptions & { readonly structs?: readonly StructDecl[] }): CudaModule {
    let m = this.byImpl.get(impl);
    if (!m) {
      m = this.module(label, impl);
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
  private module(label: string, impl: NativeBuildOptions & { readonly structs?: readonly StructDecl[] }): CudaModule {
    const checked = [...impl.source.structs, ...(impl.structs ?? [])];
    const code = nativeAppend(impl.source, LAYOUT_PROBE_FILE, layoutProbeSource(checked, 'cuda')).code;
    const key = cacheKey(
      withLocalHeaders(
        code,
        includeFolders(impl).map((d) => `-I${d}`),
      ),
      buildKey(impl),
    );
    const failed = this.modules.get(`${key}:${label}`);
    if (failed instanceof NativeCompileError) throw failed;
    let m = this.modules.get(key) as CudaModule | undefined;
    if (!m) {
      try {
        const binary = this.compiler.compile(label, code, this.arch, withLineInfo(impl));
        m = { handle: this.driver.loadModule(binary.cubin), binary };
        this.probeLayout(label, m.handle, checked);
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

  /** The module's kernels named as written (listed once), or undefined when neither the driver nor cuobjdump can. */
  private kernelsOf(module: CudaModule): ModuleKernel[] | undefined {
    if (!('kernels' in module)) {
      const lowered = this.driver.functionNames(module.handle) ?? cuobjdumpKernels(module.binary.cubin, this.toolkit);
      const known = new Map([...module.binary.lowered].filter(([name]) => !name.startsWith('&')));
      module.kernels = moduleKernels(lowered, known, this.toolkit);
    }
    return module.kernels;
  }

  /**
   * The kernel `entry` names — an extern "C" name, a name NVRTC lowered (`entries`), or a kernel of the module by
   * its demangled name — with the dynamic shared memory `sharedBytes` needs opted into. Throws SetupError:
   * `reduce [cuda]: no kernel reduce<int, 64, true> in the module; it has: reduce<int, 256, true>, merge_bins. Fix: …`.
   */
  function(label: string, module: CudaModule, entry: string, sharedBytes = 0): Handle {
    const of = this.functions.get(module) ?? new Map<string, Handle>();
    this.functions.set(module, of);
    let f = of.get(entry);
    if (!f) {
      f =
        this.lookup(module, module.binary.lowered.get(entry) ?? entry) ??
        this.lookup(module, findKernel(this.kernelsOf(module), entry)?.lowered);
      if (!f) throw this.noKernel(label, module, entry);
      of.set(entry, f);
    }
    if (sharedBytes > Math.max(DEFAULT_SHARED_BYTES, this.optedIn.get(f) ?? 0)) {
      this.driver.setFunctionAttribute(f, FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, sharedBytes);
      this.optedIn.set(f, sharedBytes);
    }
    return f;
  }

  /** A function of the module by its lowered name, or undefined when it has none of that name. */
  private lookup(module: CudaModule, lowered: string | undefined): Handle | undefined {
    if (lowered === undefined) return undefined;
    try {
      return this.driver.getFunction(module.handle, lowered);
    } catch (e) {
      if (e instanceof CudaError && e.code === CUDA_ERROR_NOT_FOUND) return undefined;
      throw e;
    }
  }

  private noKernel(label: string, module: CudaModule, entry: string): SetupError {
    const kernels = this.kernelsOf(module);
    const has = kernels
      ? kernels.length
        ? `it has: ${kernels.map((k) => k.source).join(', ')}`
        : 'it has no kernels'
      : 'its kernels cannot be listed (the driver lists them from CUDA 12.4; else cuobjdump of the toolkit)';
    const fix =
      this.compiler.name === 'nvrtc' && /[<:]/.test(entry)
        ? `list '${entry}' in the implementation's entries (NVRTC lowers a template's or namespaced kernel's name only for those), and instantiate it in the source`
        : 'launch a kernel the module has, by its name as written; define an extern "C" __global__ function (TP_KERNEL), or instantiate the template (template __global__ void reduce<int, 64, true>(int*);)';
    return new SetupError(`${label}: no kernel ${entry} in the module; ${has}. Fix: ${fix}`);
  }

  /**
   * Sets module global `name` (a `__constant__` or `__device__` variable; `&name` in `entries` for NVRTC's lowered
   * name) to `data`. Throws SetupError: `blur [cuda]: global weights is 36 bytes, the data 32. Fix: …`, or
   * `blur [cuda]: no global weight in the module; its entries name &weights. Fix: …`.
   */
  setGlobal(label: string, module: CudaModule, name: string, data: Uint8Array): void {
    const lowered = module.binary.lowered.get(`&${name}`) ?? name;
    let g: { readonly ptr: number; readonly bytes: number };
    try {
      g = this.driver.global(module.handle, lowered);
    } catch (e) {
      if (!(e instanceof CudaError && e.code === CUDA_ERROR_NOT_FOUND)) throw e;
      const known = [...module.binary.lowered.keys()].filter((k) => k.startsWith('&'));
      throw new SetupError(
        `${label}: no global ${name} in the module${known.length ? `; its entries name ${known.join(', ')}` : ''}. Fix: declare it as a __constant__ or __device__ variable at namespace scope, named as written (for NVRTC, list a namespaced one in entries as '&ns::${name}')`,
      );
    }
    checkGlobalSize(label, name, g.bytes, data.length);
    this.driver.upload(g.ptr, data);
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
    this.optedIn.clear();
    this.pool.clear();
    this.events.length = 0;
    this.generation++;
    this.driver.resetContext(this.dev);
    this.driver.retainContext(this.dev);
  }
}
