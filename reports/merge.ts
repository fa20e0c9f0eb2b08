/**
 * `twinpath merge DIR... [--report OUT]`: one report from the report folders
 * of sharded runs (`vitest run --shard=i/n` with TWINPATH_REPORT per shard):
 * rows and totals summed, failure pictures copied, the page rewritten.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from './results-json.ts';
import { writeReport } from './write-report.ts';

/**
 * Merges; returns the merged index.html. Throws
 * `twinpath merge: shard-a/results.json not found: run the shard with TWINPATH_REPORT=shard-a first`.
 */
export function mergeReports(dirs: readonly string[], out: string): string {
  const files = dirs.map((d) => {
    const f = join(d, 'results.json');
    if (!existsSync(f)) throw new Error(`twinpath merge: ${f} not found: run the shard with TWINPATH_REPORT=${d} first`);
    return { dir: d, results: JSON.parse(readFileSync(f, 'utf8')) as ResultsFile };
  });
  for (const { dir } of files) if (existsSync(join(dir, 'failures'))) cpSync(join(dir, 'failures'), join(out, 'failures'), { recursive: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const { results } of files) for (const k of ['passed', 'failed', 'skipped'] as const) totals[k] += results.totals[k];
  const adapter = files.find((f) => f.results.adapter)?.results.adapter;
  return writeReport(out, {
    date: new Date().toISOString(),
    ...(adapter ? { adapter } : {}),
    totals,
    sweeps: files.flatMap((f) => f.results.sweeps),
  });
}
