/**
 * The WebGPU adapter a command uses. An adapter the user named (`--adapter`,
 * TWINPATH_ADAPTER or twinpath.config.ts `adapter`) that this machine does
 * not have is a usage error of the command; no adapter at all, with none
 * named, stays the machine's problem (NoAdapterError, exit 1).
 */
import { NoAdapterError, requestAdapter } from '../backends/wgsl/adapter.ts';
import { adapterChoiceFromEnv } from '../backends/wgsl/session.ts';
import { UsageError } from './usage-error.ts';

/**
 * requestAdapter for the adapter chosen. Throws a UsageError of `command` when the named one cannot be had:
 * ```
 * twinpath run: --adapter no-such-adapter (TWINPATH_ADAPTER): no WebGPU adapter found (dawn.node flags: adapter=no-such-adapter)
 * Fix: install a Vulkan driver — … — or name one of the available adapters with --adapter / TWINPATH_ADAPTER. …
 * ```
 */
export async function chosenAdapter(command: string): ReturnType<typeof requestAdapter> {
  const choice = adapterChoiceFromEnv();
  try {
    return await requestAdapter(choice);
  } catch (e) {
    if (!(e instanceof NoAdapterError) || (choice.name === undefined && choice.backend === undefined)) throw e;
    const named = `--adapter ${process.env.TWINPATH_ADAPTER} (TWINPATH_ADAPTER)`;
    throw new UsageError(command, `twinpath ${command}: ${named}: ${e.message.replace(/^twinpath: /, '')}`);
  }
}
