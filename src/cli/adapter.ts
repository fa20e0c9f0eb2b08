/** `twinpath adapter`: the adapter a run would use, as one line or JSON. */
import { adapterLine } from '../backends/backend.ts';
import { requestAdapter } from '../backends/wgsl/adapter.ts';
import { adapterChoiceFromEnv } from '../backends/wgsl/session.ts';
import { enterProject, parseFor } from './parse.ts';

/** Prints `adapter: mesa llvmpipe-… [software] — …`; rejects with NoAdapterError's text when there is none. */
export async function adapterCommand(argv: readonly string[]): Promise<number> {
  const cmd = parseFor('adapter', argv, 'adapter');
  await enterProject(cmd);
  const { info } = await requestAdapter(adapterChoiceFromEnv());
  process.stdout.write(cmd.json ? `${JSON.stringify(info, null, 2)}\n` : `adapter: ${adapterLine(info)}\n`);
  return 0;
}
