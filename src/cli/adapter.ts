/** `twinpath adapter`: the adapter a run would use, as one line or JSON. */
import { adapterLine } from '../model/device.ts';
import { chosenAdapter } from './chosen-adapter.ts';
import type { ADAPTER } from './command-specs.ts';
import { enterProject } from './project.ts';
import type { ParsedCommand } from './spec.ts';

/**
 * Prints `adapter: mesa llvmpipe-… [software] — …`. Rejects with a UsageError for a named adapter this machine lacks
 * (chosen-adapter.ts), with NoAdapterError's text when there is none at all.
 */
export async function adapterCommand({ values, env }: ParsedCommand<typeof ADAPTER>): Promise<number> {
  await enterProject(env, 'adapter');
  const { info } = await chosenAdapter('adapter');
  process.stdout.write(values.json ? `${JSON.stringify(info, null, 2)}\n` : `adapter: ${adapterLine(info)}\n`);
  return 0;
}
