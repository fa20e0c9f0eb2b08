import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { sweep } from '../../core/sweep/sweep.ts';
import * as planted from '../../fixtures/kernels/planted-kernels.ts';
import mipDownsample from '../../../kernels/mip_downsample/kernel.ts';
import { H100, LAVAPIPE, sweepResult } from '../../core/fixtures/sweep-results.ts';
import { schemaErrors } from '../fixtures/report-schemas.ts';
import { mergeReports } from './merge.ts';
import { resultsFile, type ResultsFile } from './results-json.ts';
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
      writeReport(
        dir,
        resultsFile({
          runId: name,
          status: 'finished',
          date: 'd',
          adapter: s.adapter,
          totals: { passed, failed, skipped: 0 },
          sweeps: [sweepRow(s)],
        }),
      );
    } finally {
      if (saved === undefined) delete process.env.TWINPATH_REPORT;
      else process.env.TWINPATH_REPORT = saved;
    }
    return dir;
  };
  const a = await shard('shard-1', planted.roundsInsteadOfTruncating.kernel as Parameters<typeof sweep>[0], 3, 1);
  const b = await shard('shard-2', mipDownsample as Parameters<typeof sweep>[0], 5, 0);
  const merged = join(root, 'merged');
  // A merged report holding a failing sweep fails the merge too: the CI job that merges shards goes red with them.
  const r = await run(process.execPath, [resolve('bin/twinpath.js'), 'merge', a, b, '--report', merged]).catch(
    (e: { code: number; stdout: string }) => e,
  );
  expect(r).toMatchObject({ code: 1 });
  expect(r.stdout.trim()).toBe(`twinpath merge: 1 pass, 1 fail\nreport: ${join(merged, 'index.html')}`);
  const results = JSON.parse(readFileSync(join(merged, 'results.json'), 'utf8')) as {
    totals: unknown;
    sweeps: Array<{ kernel: string }>;
  };
  expect(schemaErrors('results', results)).toBeUndefined();
  expect(results.totals).toEqual({ passed: 8, failed: 1, skipped: 0 });
  expect(results.sweeps.map((s) => s.kernel)).toEqual(['generate_mips_rounds', 'mip_downsample']);
  expect(existsSync(join(merged, 'failures/generate_mips_rounds/out/level1-heatmap.png'))).toBe(true);
  expect(existsSync(join(merged, 'failures/generate_mips_rounds/failure.js'))).toBe(true);
  expect(readFileSync(join(merged, 'index.html'), 'utf8')).toContain('id="f-generate_mips_rounds"');
  await expect(
    run(process.execPath, [resolve('bin/twinpath.js'), 'merge', join(root, 'nowhere')]),
  ).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/results\.json not found: run the shard with TWINPATH_REPORT=/),
  });
  // The same shard twice: refused before anything is written, exit 2.
  await expect(
    run(process.execPath, [resolve('bin/twinpath.js'), 'merge', a, a, '--report', join(root, 'twice')]),
  ).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining('is the same run as'),
  });
  expect(existsSync(join(root, 'twice'))).toBe(false);
}, 120_000);

/** A shard folder holding `results` as its results.json (raw text, or an object written as JSON). */
function shardDir(name: string, results: unknown): string {
  const dir = join(root, 'checks', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), typeof results === 'string' ? results : JSON.stringify(results));
  return dir;
}

const shardResults = (runId: string, adapter = LAVAPIPE, kernel = 'k') =>
  resultsFile({
    runId,
    status: 'finished',
    date: 'd',
    adapter,
    totals: { passed: 1, failed: 0, skipped: 0 },
    sweeps: [sweepRow(sweepResult(kernel, { adapter }))],
  });

test('merge checks every shard: names the bad file, refuses the same run twice and a mix of adapters', () => {
  rmSync(join(root, 'checks'), { recursive: true, force: true });
  const out = join(root, 'checks', 'merged');
  const a = shardDir('a', shardResults('run-a'));
  const b = shardDir('b', shardResults('run-b', LAVAPIPE, 'm'));
  expect(() => mergeReports([a, shardDir('copy-of-a', shardResults('run-a'))], out)).toThrow(
    `twinpath merge: ${join(root, 'checks/copy-of-a/results.json')} is the same run as ${join(a, 'results.json')} (run run-a): each shard once`,
  );
  expect(() => mergeReports([a, a], out)).toThrow(/is the same run as/);
  expect(() => mergeReports([a, shardDir('h100', shardResults('run-h', H100))], out)).toThrow(
    `twinpath merge: ${join(root, 'checks/h100/results.json')} ran on nvidia nvidia-h100 (hopper) [hardware] — NVIDIA H100, ${join(a, 'results.json')} on mesa llvmpipe-test (llvmpipe) [software] — llvmpipe: test: merge shards of one adapter (one merged report per adapter)`,
  );
  expect(() => mergeReports([a, shardDir('torn', '{"format": "twinpath-res')], out)).toThrow(
    new RegExp(`^twinpath merge: ${join(root, 'checks/torn/results.json')}: not valid JSON \\(`),
  );
  expect(() => mergeReports([a, shardDir('old', { date: 'd', totals: {}, sweeps: [] })], out)).toThrow(
    `twinpath merge: ${join(root, 'checks/old/results.json')}: not a twinpath results file (format "twinpath-results", version 2): rerun that shard with this twinpath`,
  );
  const noVerdict = { ...shardResults('run-n'), sweeps: [{ kernel: 'k', ms: 1 }] };
  expect(() => mergeReports([a, shardDir('no-verdict', noVerdict)], out)).toThrow(
    `${join(root, 'checks/no-verdict/results.json')}: sweep 0 ("k") has no verdict`,
  );
  expect(() => mergeReports([a, shardDir('bad-status', { ...shardResults('run-s'), status: 'done' })], out)).toThrow(
    /run status "done" is not one of running, finished, interrupted/,
  );
  expect(() => mergeReports([a], a)).toThrow(/is one of the shards/);

  mergeReports([a, b], out);
  const merged = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsFile;
  expect(merged).toMatchObject({
    status: 'finished',
    shards: ['run-a', 'run-b'],
    totals: { passed: 2, failed: 0, skipped: 0 },
    statuses: { pass: 2 },
  });
  // A merged report is a run of its own: merging it with one of its shards again is the same run twice.
  expect(() => mergeReports([out, b], join(root, 'checks', 'again'))).toThrow(
    /is the same run as .*\(run run-a\)|is the same run as .*\(run run-b\)/,
  );
  const interrupted = shardDir('interrupted', {
    ...shardResults('run-i', LAVAPIPE, 'i'),
    status: 'interrupted',
    interruptedBy: 'SIGTERM',
  });
  mergeReports([a, interrupted], out);
  expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toMatchObject({
    status: 'interrupted',
    interruptedBy: 'SIGTERM',
  });
});

test('planted: two shards that both swept flip_y on wgsl (fixtures/swept-twice) are refused, both named (exit 2, usage)', async () => {
  const planted = resolve(import.meta.dirname, 'fixtures/swept-twice');
  const [a, b] = [join(planted, 'shard-a'), join(planted, 'shard-b')];
  const out = join(root, 'checks', 'merged-twice');
  rmSync(out, { recursive: true, force: true });
  expect(() => mergeReports([a, b], out)).toThrow(
    `twinpath merge: flip_y (wgsl) was swept by both ${join(a, 'results.json')} and ${join(b, 'results.json')}: ` +
      'merge shards that split the kernels (vitest --shard=i/n or twinpath run --shard i/n), each kernel once',
  );
  await expect(
    run(process.execPath, [resolve('bin/twinpath.js'), 'merge', a, b, '--report', out]),
  ).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/was swept by both [\s\S]*usage: twinpath merge DIR/),
  });
  expect(existsSync(out)).toBe(false);
  // The same kernel on another backend is another sweep: shards may split by backend.
  const cpp = shardDir('flip-cpp', {
    ...shardResults('run-cpp', LAVAPIPE, 'flip_y'),
    sweeps: [sweepRow({ ...sweepResult('flip_y'), backend: 'cpp' })],
  });
  expect(() => mergeReports([a, cpp], out)).not.toThrow();
});
