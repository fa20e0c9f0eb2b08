/** `twinpath merge DIR... [--report OUT]`: one report from the report folders of sharded runs. */
import { mergeReports, SweptTwiceError } from '../reports/run/merge.ts';
import type { MERGE } from './command-specs.ts';
import type { ParsedCommand } from './spec.ts';
import { UsageError } from './usage-error.ts';

/**
 * Prints `report: OUT/index.html`; throws a UsageError `twinpath merge: name at least one report folder` without one,
 * and for shards that swept one kernel twice: `twinpath merge: flip_y (wgsl) was swept by both a/results.json and …`.
 */
export async function mergeCommand({ operands, values }: ParsedCommand<typeof MERGE>): Promise<number> {
  if (!operands.length) throw new UsageError('merge', 'twinpath merge: name at least one report folder');
  try {
    process.stdout.write(`report: ${mergeReports(operands, values.report)}\n`);
  } catch (e) {
    if (e instanceof SweptTwiceError) throw new UsageError('merge', e.message);
    throw e;
  }
  return 0;
}
