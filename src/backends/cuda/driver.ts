/**
 * The CUDA driver API through koffi: the handful of entry points the backend
 * needs, each result checked and named (cuGetErrorName). Handles (contexts,
 * modules, functions, events) are opaque pointers; device pointers are
 * numbers.
 */
import type { LibraryHandle } from 'koffi';
import { NativeRunError } from '../native/execute.ts';

type Fn = ReturnType<LibraryHandle['func']>;
/** An opaque driver handle (CUcontext, CUmodule, CUfunction, CUevent). */
export type Handle = unknown;

/** CUDA_SUCCESS. */
const SUCCESS = 0;
/** CUDA_ERROR_NOT_FOUND: a name not in a module. */
export const CUDA_ERROR_NOT_FOUND = 500;
/** CUDA_ERROR_NOT_READY: work queued on a stream has not finished. */
const NOT_READY = 600;

/** Results after which the context is unusable (a kernel fault): it must be reset and created again. */
const STICKY = new Set([700, 702, 714, 715, 716, 717, 718, 719]);

/**
 * A failed driver call, named:
 * `cuCtxSynchronize: CUDA_ERROR_ILLEGAL_ADDRESS (an illegal memory access was encountered)`.
 */
export class CudaError extends NativeRunError {
  override name = 'CudaError';
  constructor(
    readonly call: string,
    readonly code: number,
    readonly errorName: string,
    detail: string,
  ) {
    super(`${call}: ${errorName} (${detail})`);
  }

  /** True for a kernel fault: the context must be recreated. */
  get sticky(): boolean {
    return STICKY.has(this.code);
  }
}

/** CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR / _MINOR. */
const ATTR_CC_MAJOR = 75;
const ATTR_CC_MINOR = 76;

export interface CudaDeviceInfo {
  readonly name: string;
  readonly major: number;
  readonly minor: number;
  readonly driverVersion: number;
}

/** The driver's functions, bound once. */
export class CudaDriver {
  private readonly f: Record<string, Fn>;

  constructor(lib: LibraryHandle) {
    const bind = (decl: string) => lib.func(decl);
    const firstOf = (...decls: string[]) => {
      for (const d of decls.slice(0, -1)) {
        try {
          return bind(d);
        } catch {
          // An older driver without the _v2 name: the next declaration binds the original.
        }
      }
      return bind(decls[decls.length - 1]!);
    };
    this.f = {
      cuInit: bind('int cuInit(unsigned int flags)'),
      cuDriverGetVersion: bind('int cuDriverGetVersion(_Out_ int *version)'),
      cuDeviceGetCount: bind('int cuDeviceGetCount(_Out_ int *count)'),
      cuDeviceGet: bind('int cuDeviceGet(_Out_ int *device, int ordinal)'),
      cuDeviceGetName: bind('int cuDeviceGetName(uint8_t *name, int len, int device)'),
      cuDeviceGetAttribute: bind('int cuDeviceGetAttribute(_Out_ int *value, int attrib, int device)'),
      cuDevicePrimaryCtxRetain: bind('int cuDevicePrimaryCtxRetain(_Out_ void **ctx, int device)'),
      cuDevicePrimaryCtxReset: firstOf(
        'int cuDevicePrimaryCtxReset_v2(int device)',
        'int cuDevicePrimaryCtxReset(int device)',
      ),
      cuCtxSetCurrent: bind('int cuCtxSetCurrent(void *ctx)'),
      cuCtxSynchronize: bind('int cuCtxSynchronize()'),
      cuStreamQuery: bind('int cuStreamQuery(void *stream)'),
      cuModuleLoadData: bind('int cuModuleLoadData(_Out_ void **module, const void *image)'),
      cuModuleGetFunction: bind('int cuModuleGetFunction(_Out_ void **fn, void *module, const char *name)'),
      cuMemAlloc: bind('int cuMemAlloc_v2(_Out_ uint64_t *dptr, size_t bytes)'),
      cuMemFree: bind('int cuMemFree_v2(uint64_t dptr)'),
      cuMemcpyHtoD: bind('int cuMemcpyHtoD_v2(uint64_t dst, const void *src, size_t bytes)'),
      cuMemcpyDtoH: bind('int cuMemcpyDtoH_v2(void *dst, uint64_t src, size_t bytes)'),
      cuMemsetD8Async: bind('int cuMemsetD8Async(uint64_t dst, uint8_t value, size_t bytes, void *stream)'),
      cuLaunchKernel: bind(
        'int cuLaunchKernel(void *fn, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx, unsigned int by, unsigned int bz, unsigned int shared, void *stream, void **params, void **extra)',
      ),
      cuEventCreate: bind('int cuEventCreate(_Out_ void **event, unsigned int flags)'),
      cuEventRecord: bind('int cuEventRecord(void *event, void *stream)'),
      cuEventSynchronize: bind('int cuEventSynchronize(void *event)'),
      cuEventElapsedTime: firstOf(
        'int cuEventElapsedTime_v2(_Out_ float *ms, void *start, void *end)',
        'int cuEventElapsedTime(_Out_ float *ms, void *start, void *end)',
      ),
      cuModuleGetGlobal: bind(
        'int cuModuleGetGlobal_v2(_Out_ uint64_t *dptr, _Out_ size_t *bytes, void *module, const char *name)',
      ),
      cuFuncSetAttribute: bind('int cuFuncSetAttribute(void *fn, int attrib, int value)'),
      cuFuncGetAttribute: bind('int cuFuncGetAttribute(_Out_ int *value, int attrib, void *fn)'),
      cuGetErrorName: bind('int cuGetErrorName(int error, _Out_ const char **name)'),
      cuGetErrorString: bind('int cuGetErrorString(int error, _Out_ const char **text)'),
    };
    // CUDA 12.4+: a module's functions can be listed; older drivers leave it to cuobjdump.
    try {
      this.f.cuModuleGetFunctionCount = bind('int cuModuleGetFunctionCount(_Out_ unsigned int *count, void *module)');
      this.f.cuModuleEnumerateFunctions = bind(
        'int cuModuleEnumerateFunctions(uint64_t *fns, unsigned int count, void *module)',
      );
      // A CUfunction by its address: the enumerated handles come back as integers.
      this.f.cuFuncGetName = bind('int cuFuncGetName(_Out_ const char **name, uint64_t fn)');
    } catch {
      delete this.f.cuModuleGetFunctionCount;
    }
  }

  /** `CUDA_ERROR_ILLEGAL_ADDRESS` for 700; `CUresult 12345` for a code the driver does not name. */
  errorName(code: number): { name: string; text: string } {
    const name: [string | null] = [null];
    const text: [string | null] = [null];
    const okName = this.f.cuGetErrorName!(code, name) === SUCCESS && name[0];
    const okText = this.f.cuGetErrorString!(code, text) === SUCCESS && text[0];
    return { name: okName ? name[0]! : `CUresult ${code}`, text: okText ? text[0]! : 'no description' };
  }

  /** Calls `name`; a non-zero result throws CudaError naming it. */
  call(name: string, ...args: unknown[]): void {
    const r = this.f[name]!(...args) as number;
    if (r !== SUCCESS) {
      const e = this.errorName(r);
      throw new CudaError(name, r, e.name, e.text);
    }
  }

  /** Calls `name` whose first parameter is an output, and returns it. */
  out<T>(name: string, ...args: unknown[]): T {
    const o: [T | null] = [null];
    this.call(name, o, ...args);
    return o[0] as T;
  }

  init(): void {
    this.call('cuInit', 0);
  }

  deviceCount(): number {
    return this.out<number>('cuDeviceGetCount');
  }

  device(ordinal: number): number {
    return this.out<number>('cuDeviceGet', ordinal);
  }

  deviceInfo(dev: number): CudaDeviceInfo {
    const buf = new Uint8Array(256);
    this.call('cuDeviceGetName', buf, buf.length, dev);
    const name = new TextDecoder().decode(buf.subarray(0, Math.max(0, buf.indexOf(0))));
    return {
      name,
      major: this.out<number>('cuDeviceGetAttribute', ATTR_CC_MAJOR, dev),
      minor: this.out<number>('cuDeviceGetAttribute', ATTR_CC_MINOR, dev),
      driverVersion: this.out<number>('cuDriverGetVersion'),
    };
  }

  /** The device's primary context, made current. */
  retainContext(dev: number): Handle {
    const ctx = this.out<Handle>('cuDevicePrimaryCtxRetain', dev);
    this.call('cuCtxSetCurrent', ctx);
    return ctx;
  }

  /** Destroys every resource of the primary context (after a kernel fault); the next retain creates it afresh. */
  resetContext(dev: number): void {
    this.call('cuDevicePrimaryCtxReset', dev);
  }

  synchronize(): void {
    this.call('cuCtxSynchronize');
  }

  /** Whether the default stream's work has finished, without waiting; a kernel fault throws its CudaError. */
  streamDone(): boolean {
    const r = this.f.cuStreamQuery!(null) as number;
    if (r === NOT_READY) return false;
    if (r !== SUCCESS) {
      const e = this.errorName(r);
      throw new CudaError('cuStreamQuery', r, e.name, e.text);
    }
    return true;
  }

  loadModule(image: Uint8Array): Handle {
    return this.out<Handle>('cuModuleLoadData', image);
  }

  getFunction(module: Handle, name: string): Handle {
    return this.out<Handle>('cuModuleGetFunction', module, name);
  }

  /**
   * The names (as lowered: mangled, or extern "C") of a module's functions, or undefined when the driver cannot
   * list them (before CUDA 12.4).
   */
  functionNames(module: Handle): string[] | undefined {
    if (!this.f.cuModuleGetFunctionCount) return undefined;
    const count = this.out<number>('cuModuleGetFunctionCount', module);
    const fns = new BigUint64Array(count);
    this.call('cuModuleEnumerateFunctions', fns, count, module);
    return [...fns].map((fn) => this.out<string>('cuFuncGetName', fn));
  }

  /** A module global's device address and size; CUDA_ERROR_NOT_FOUND (a CudaError) when it has none of that name. */
  global(module: Handle, name: string): { readonly ptr: number; readonly bytes: number } {
    const ptr: [number | bigint] = [0];
    const bytes: [number | bigint] = [0];
    this.call('cuModuleGetGlobal', ptr, bytes, module, name);
    return { ptr: Number(ptr[0]), bytes: Number(bytes[0]) };
  }

  /** A device attribute (CU_DEVICE_ATTRIBUTE_*). */
  attribute(attrib: number, dev: number): number {
    return this.out<number>('cuDeviceGetAttribute', attrib, dev);
  }

  /** A function attribute (CU_FUNC_ATTRIBUTE_*). */
  functionAttribute(fn: Handle, attrib: number): number {
    return this.out<number>('cuFuncGetAttribute', attrib, fn);
  }

  /** Sets a function attribute (CU_FUNC_ATTRIBUTE_*). */
  setFunctionAttribute(fn: Handle, attrib: number, value: number): void {
    this.call('cuFuncSetAttribute', fn, attrib, value);
  }

  alloc(bytes: number): number {
    return Number(this.out<number | bigint>('cuMemAlloc', bytes));
  }

  free(ptr: number): void {
    this.call('cuMemFree', ptr);
  }

  upload(dst: number, src: Uint8Array): void {
    this.call('cuMemcpyHtoD', dst, src, src.length);
  }

  download(dst: Uint8Array, src: number): void {
    this.call('cuMemcpyDtoH', dst, src, dst.length);
  }

  /** Queues a fill of `bytes` bytes at `dst` with `value` on the default stream (the bench's cache flush). */
  fillAsync(dst: number, value: number, bytes: number): void {
    this.call('cuMemsetD8Async', dst, value, bytes, null);
  }

  /** Queues a launch; `params` holds one buffer per kernel parameter (its bytes). */
  launch(
    fn: Handle,
    grid: readonly number[],
    block: readonly number[],
    sharedBytes: number,
    params: readonly Uint8Array[],
  ): void {
    this.call(
      'cuLaunchKernel',
      fn,
      grid[0],
      grid[1],
      grid[2],
      block[0],
      block[1],
      block[2],
      sharedBytes,
      null,
      params,
      null,
    );
  }

  createEvent(): Handle {
    return this.out<Handle>('cuEventCreate', 0);
  }

  record(event: Handle): void {
    this.call('cuEventRecord', event, null);
  }

  /** Milliseconds between two recorded events (waits for the second). */
  elapsedMs(start: Handle, end: Handle): number {
    this.call('cuEventSynchronize', end);
    return this.out<number>('cuEventElapsedTime', start, end);
  }
}
