import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { sweep } from '../harness/index.ts';
import * as planted from '../cases/fixtures/planted-kernels.ts';
import mipDownsample from '../kernels/mip_downsample/kernel.ts';
import { resultsFile } from './results-json.ts';
import { sweepRow } from './summary-table.ts';
import { writeReport } from './write-report.ts';

const run = promisify(execFile);
const root = resolve('twinpath-report/merge-test');

test('twinpath merge: two shards become one report, failure pictures included', async () => {
  rmSync(root, { recursive: true, force: true });
  const shard = async (name: string, k: Parameters<typeof sweep>[0], passed: number, failed: number) => {
    const dir = join(root, name);
    const saved = process.env.TWINPATH_REPORT;
    process.env.TWINPATH_REPORT = dir;
    try {
      const s = await sweep(k, { runs: 50 });
      writeReport(dir, resultsFile({ runId: name, status: 'finished', date: 'd', adapter: s.adapter, totals: { passed, failed, skipped: 0 }, sweeps: [sweepRow(s)] }));
    } finally {
      if (saved === undefined) delete process.env.TWINPATH_REPORT;
      else process.env.TWINPATH_REPORT = saved;
    }
    return dir;
  };
  const a = await shard('shard-1', planted.roundsInsteadOfTruncating.kernel as Parameters<typeof sweep>[0], 3, 1);
  const b = await shard('shard-2', mipDownsample as Parameters<typeof sweep>[0], 5, 0);
  const merged = join(root, 'merged');
  const r = await run(process.execPath, [resolve('bin/twinpath.js'), 'merge', a, b, '--report', merged]);
  expect(r.stdout.trim()).toBe(`report: ${join(merged, 'index.html')}`);
  const results = JSON.parse(readFileSync(join(merged, 'results.json'), 'utf8')) as { totals: unknown; sweeps: Array<{ kernel: string }> };
  expect(results.totals).toEqual({ passed: 8, failed: 1, skipped: 0 });
  expect(results.sweeps.map((s) => s.kernel)).toEqual(['generate_mips_rounds', 'mip_downsample']);
  expect(existsSync(join(merged, 'failures/generate_mips_rounds/level1-heatmap.png'))).toBe(true);
  expect(readFileSync(join(merged, 'index.html'), 'utf8')).toContain('id="k-generate_mips_rounds"');
  await expect(run(process.execPath, [resolve('bin/twinpath.js'), 'merge', join(root, 'nowhere')])).rejects.toThrow(/results\.json not found: run the shard with TWINPATH_REPORT=/);
}, 120_000);
