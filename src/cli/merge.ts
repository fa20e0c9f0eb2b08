/** `twinpath merge DIR... [--report OUT]`: one report from the report folders of sharded runs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { passesGate, renderStatusCounts } from '../core/gate/verdict.ts';
import { mergeReports, SweptTwiceError } from '../reports/run/merge.ts';
import type { ResultsFile } from '../reports/run/results-json.ts';
import type { MERGE } from './command-specs.ts';
import type { ParsedCommand } from './spec.ts';
import { UsageError } from './usage-error.ts';

/**
 * Prints `twinpath merge: 3 pass, 1 fail` and `report: OUT/index.html`, and exits 1 when a merged sweep fails the
 * gate (a CI job that merges shards goes red with them). Throws a UsageError `twinpath merge: name at least one
 * report folder` without one, and for shards that swept one kernel twice: `twinpath merge: flip_y (wgsl) was swept
 * by both a/results.json and …`.
 */
export async function mergeCommand({ operands, values }: ParsedCommand<typeof MERGE>): Promise<number> {
  if (!operands.length) throw new UsageError('merge', 'twinpath merge: name at least one report folder');
  let page: string;
  try {
    page = mergeReports(operands, values.report);
  } catch (e) {
    if (e instanceof SweptTwiceError) throw new UsageError('merge', e.message);
    throw e;
  }
  const merged = JSON.parse(readFileSync(join(values.report, 'results.json'), 'utf8')) as ResultsFile;
  process.stdout.write(`twinpath merge: ${renderStatusCounts(merged.statuses)}\nreport: ${page}\n`);
  return merged.sweeps.every((s) => passesGate(s.verdict)) ? 0 : 1;
}
