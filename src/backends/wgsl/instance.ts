/**
 * The process-wide dawn.node instance. docs/facts.md#runtime: the object `create()`
 * returns must stay referenced for the whole process, or dawn.node crashes
 * (SIGSEGV, "Worker exited unexpectedly" under vitest) — so it lives in this
 * module's scope and is never released. dawn.node itself is loaded on first
 * use, not on import: oracle worker threads import kernel modules and must
 * not load the native addon.
 */

/** Which adapter to use: `TWINPATH_ADAPTER` / `--adapter`, as `[backend:]name`. */
export interface AdapterChoice {
  readonly backend?: string;
  readonly name?: string;
}

/**
 * Parses `[backend:]name`: `llvmpipe`, `vulkan:`, `vulkan:nvidia`.
 * Empty or undefined means Dawn's default adapter.
 */
export function parseAdapterChoice(text: string | undefined): AdapterChoice {
  const t = (text ?? '').trim();
  if (!t) return {};
  const colon = t.indexOf(':');
  if (colon < 0) return { name: t };
  const backend = t.slice(0, colon).trim();
  const name = t.slice(colon + 1).trim();
  return { ...(backend ? { backend } : {}), ...(name ? { name } : {}) };
}

/**
 * Dawn toggles every instance gets: timestamps unquantized (Dawn rounds them
 * to ~65 us steps by default, docs/facts.md#runtime), which needs allow_unsafe_apis.
 */
export const TIMING_TOGGLES = [
  'enable-dawn-features=allow_unsafe_apis',
  'disable-dawn-features=timestamp_quantization',
];

/** The dawn.node flags for a choice (adapter selection; the timing toggles are added by gpuInstance). */
export function dawnFlags(choice: AdapterChoice): string[] {
  return [...(choice.backend ? [`backend=${choice.backend}`] : []), ...(choice.name ? [`adapter=${choice.name}`] : [])];
}

let instance: Promise<GPU> | undefined;
let instanceFlags: string | undefined;

/**
 * The one GPU instance of this process, created on first use with the flags
 * of `choice`. Asking again with other flags is a programming error:
 * `twinpath: the GPU instance was created with [adapter=a]; cannot switch to [adapter=b] in one process`.
 */
export function gpuInstance(choice: AdapterChoice): Promise<GPU> {
  const flags = dawnFlags(choice);
  const key = JSON.stringify(flags);
  if (instance) {
    if (key !== instanceFlags) {
      throw new Error(
        `twinpath: the GPU instance was created with [${JSON.parse(instanceFlags!).join(' ')}]; cannot switch to [${flags.join(' ')}] in one process`,
      );
    }
    return instance;
  }
  instance = import('webgpu').then(({ create, globals }) => {
    Object.assign(globalThis, globals);
    return create([...flags, ...TIMING_TOGGLES]);
  });
  instanceFlags = key;
  return instance;
}
