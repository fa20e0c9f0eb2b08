/**
 * Finding an adapter and saying which one it is. No adapter is an error that
 * names the fix — never a skip.
 */
import { dawnFlags, gpuInstance, type AdapterChoice } from './instance.ts';
import { adapterLine, type DeviceInfo } from '../../model/device.ts';
import type { GpuRequirement } from '../../core/settings/settings.ts';

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|warp|software/i;

/** Thrown when no adapter can be had; its message names the fix. */
export class NoAdapterError extends Error {
  override name = 'NoAdapterError';
}

const FIX =
  'Fix: install a Vulkan driver — without a GPU, on Debian, `npm run setup` installs Mesa lavapipe from bookworm-backports; ' +
  'with a GPU, install its vendor driver — or name one of the available adapters with --adapter / TWINPATH_ADAPTER. Check with `npx twinpath adapter`.';

/**
 * Requests the adapter `choice` names (or Dawn's default).
 *
 * Throws {@link NoAdapterError}:
 * ```
 * twinpath: no WebGPU adapter found (dawn.node flags: adapter=foo): no suitable backends found
 * Available adapters: …
 * Fix: install a Vulkan driver — …
 * ```
 */
export async function requestAdapter(choice: AdapterChoice): Promise<{ adapter: GPUAdapter; info: DeviceInfo }> {
  const flags = dawnFlags(choice);
  const where = flags.length ? `dawn.node flags: ${flags.join(' ')}` : 'default adapter';
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await (await gpuInstance(choice)).requestAdapter();
  } catch (e) {
    throw new NoAdapterError(`twinpath: no WebGPU adapter found (${where}): ${(e as Error).message.trim()}\n${FIX}`);
  }
  if (!adapter) throw new NoAdapterError(`twinpath: no WebGPU adapter found (${where})\n${FIX}`);
  const i = adapter.info;
  const text = `${i.vendor} ${i.architecture} ${i.device} ${i.description}`;
  return {
    adapter,
    info: {
      vendor: i.vendor,
      architecture: i.architecture,
      device: i.device,
      description: i.description,
      software: SOFTWARE.test(text),
      flags,
    },
  };
}

/** What a run accepts: `hardware` refuses software adapters (a GPU gate must not pass on lavapipe). */

/**
 * Throws NoAdapterError when the adapter does not meet the requirement:
 * `twinpath: --require-gpu hardware, but the adapter is software: mesa llvmpipe… [software] — …
 * Fix: run on a GPU runner with its vendor driver (and without TWINPATH_ADAPTER pointing at a software adapter), or use --require-gpu any.`
 */
export function checkRequirement(info: DeviceInfo, requirement: GpuRequirement): void {
  if (requirement === 'hardware' && info.software) {
    throw new NoAdapterError(
      `twinpath: --require-gpu hardware, but the adapter is software: ${adapterLine(info)}\n` +
        'Fix: run on a GPU runner with its vendor driver (and without TWINPATH_ADAPTER pointing at a software adapter), or use --require-gpu any.',
    );
  }
}
