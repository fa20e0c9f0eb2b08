/** `twinpath merge DIR... [--report OUT]`: one report from the report folders of sharded runs. */
import { mergeReports } from '../reports/run/merge.ts';
import type { MERGE } from './command-specs.ts';
import type { ParsedCommand } from './spec.ts';
import { UsageError } from './usage-error.ts';

/** Prints `report: OUT/index.html`; throws `twinpath merge: name at least one report folder` without one. */
export async function mergeCommand({ operands, values }: ParsedCommand<typeof MERGE>): Promise<number> {
  if (!operands.length) throw new UsageError('merge', 'twinpath merge: name at least one report folder');
  process.stdout.write(`report: ${mergeReports(operands, values.report)}\n`);
  return 0;
}
