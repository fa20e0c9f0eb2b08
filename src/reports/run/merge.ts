/**
 * `twinpath merge DIR... [--report OUT]`: one report from the report folders
 * of sharded runs (`vitest run --shard=i/n` with TWINPATH_REPORT per shard):
 * each results.json checked, rows and totals summed, failure pictures
 * copied, the page rewritten. Shards must come from distinct runs on one
 * adapter; the merged run is `finished` only when every shard finished.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { adapterLine, type DeviceInfo } from '../../model/device.ts';
import { InputError } from '../../core/settings/input-error.ts';
import { sweepIdentity } from './summary-table.ts';
import { checkResultsFile, resultsFile, type ResultsFile, type RunStatus } from './results-json.ts';
import { clearEarlierRun, writeReport } from './write-report.ts';

function readShard(dir: string): { readonly dir: string; readonly file: string; readonly results: ResultsFile } {
  const file = join(dir, 'results.json');
  if (!existsSync(file))
    throw new InputError(`twinpath merge: ${file} not found: run the shard with TWINPATH_REPORT=${dir} first`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`twinpath merge: ${file}: not valid JSON (${(e as Error).message}): rerun that shard`);
  }
  try {
    return { dir, file, results: checkResultsFile(file, data) };
  } catch (e) {
    throw new InputError(`twinpath merge: ${(e as Error).message}`);
  }
}

/** A merge of shards that swept one kernel on one backend more than once (two runs of the same shard's share). */
export class SweptTwiceError extends InputError {}

type Shard = ReturnType<typeof readShard>;

/**
 * Refuses a kernel swept on one backend by two shards (its rows would be counted twice):
 * `twinpath merge: flip_y (wgsl) was swept by both shard-a/results.json and shard-b/results.json: merge shards that
 * split the kernels (vitest --shard=i/n or twinpath run --shard i/n), each kernel once`.
 */
function checkEachSweepOnce(shards: readonly Shard[]): void {
  const sweptBy = new Map<string, string>();
  for (const s of shards) {
    for (const row of s.results.sweeps) {
      const key = sweepIdentity(row);
      const earlier = sweptBy.get(key);
      if (earlier !== undefined && earlier !== s.file)
        throw new SweptTwiceError(
          `twinpath merge: ${key} was swept by both ${earlier} and ${s.file}: merge shards that split the kernels ` +
            '(vitest --shard=i/n or twinpath run --shard i/n), each kernel once',
        );
      sweptBy.set(key, s.file);
    }
  }
}

/** The adapter of a shard's sweeps (every sweep names its own), or of the shard itself. */
function adaptersOf(r: ResultsFile): DeviceInfo[] {
  const all = [...(r.adapter ? [r.adapter] : []), ...r.sweeps.flatMap((s) => (s.sweep ? [s.sweep.adapter] : []))];
  return [...new Map(all.map((a) => [adapterLine(a), a])).values()];
}

/**
 * Merges; returns the merged index.html. Throws an InputError (the command exits 2), naming the file:
 * `twinpath merge: shard-a/results.json not found: run the shard with TWINPATH_REPORT=shard-a first`,
 * `twinpath merge: shard-b/results.json is the same run as shard-a/results.json (run 1f0c…): each shard once`,
 * `twinpath merge: shard-b/results.json ran on nvidia h100 …, shard-a/results.json on mesa llvmpipe …: merge shards of one adapter`.
 */
export function mergeReports(dirs: readonly string[], out: string): string {
  const shards = dirs.map(readShard);
  const outDir = resolve(out);
  for (const s of shards)
    if (resolve(s.dir) === outDir)
      throw new InputError(`twinpath merge: --report ${out} is one of the shards: write the merged report elsewhere`);
  const seen = new Map<string, string>();
  for (const s of shards) {
    for (const id of s.results.shards ?? [s.results.runId]) {
      const earlier = seen.get(id);
      if (earlier)
        throw new InputError(`twinpath merge: ${s.file} is the same run as ${earlier} (run ${id}): each shard once`);
      seen.set(id, s.file);
    }
  }
  const first = shards.flatMap((s) =>
    adaptersOf(s.results).map((a) => ({ file: s.file, line: adapterLine(a), adapter: a })),
  );
  const other = first.find((a) => a.line !== first[0]!.line);
  if (other)
    throw new InputError(
      `twinpath merge: ${other.file} ran on ${other.line}, ${first[0]!.file} on ${first[0]!.line}: merge shards of one adapter (one merged report per adapter)`,
    );
  checkEachSweepOnce(shards);
  clearEarlierRun(out);
  for (const { dir } of shards)
    if (existsSync(join(dir, 'failures'))) cpSync(join(dir, 'failures'), join(out, 'failures'), { recursive: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const { results } of shards)
    for (const k of ['passed', 'failed', 'skipped'] as const) totals[k] += results.totals[k];
  // The merged run is as far as its least finished shard: interrupted beats running beats finished.
  const has = (st: RunStatus) => shards.some((s) => s.results.status === st);
  const status: RunStatus = has('interrupted') ? 'interrupted' : has('running') ? 'running' : 'finished';
  const interruptedBy = shards.map((s) => s.results.interruptedBy).find((b) => b !== undefined);
  const adapter = first[0]?.adapter;
  return writeReport(
    out,
    resultsFile({
      runId: `merge-${randomUUID()}`,
      shards: [...seen.keys()],
      status,
      ...(interruptedBy && status === 'interrupted' ? { interruptedBy } : {}),
      date: shards.map((s) => s.results.date).sort()[0]!,
      ...(adapter ? { adapter } : {}),
      totals,
      sweeps: shards.flatMap((s) => s.results.sweeps),
    }),
  );
}
