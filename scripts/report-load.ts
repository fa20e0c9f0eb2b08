/**
 * `npm run bench:report [-- --sweeps N --failures F --side S --report DIR]`:
 * synthesises a run of N sweeps (default 240, over three backends) with F
 * failures (default 20: images of S x S texels (default 64) with two mip
 * levels, an alpha-only one, typed buffers), writes its report and opens
 * it from file:// in headless Chromium, printing the page's size, the
 * folder's size, the load time, and the time to open a failure:
 * ```
 * report: 240 sweeps, 20 failures
 * index.html: 149.4 KiB, written in 67 ms
 * folder: 12.9 MiB; failure data 5.9 MiB in 20 files (299.6 KiB on average)
 * first screen: DOMContentLoaded 81 ms, load 425 ms, 0 failure files fetched
 * open each failure in turn (j): median 98 ms, slowest 338 ms to its drawn viewer
 * ```
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { backendNames, prng } from '../src/index.ts';
import type { FailureInput, ImageOutputInput } from '../src/reports/failure/failure-input.ts';
import { alphaOnly, judged, multiOutput, plainBuffer } from '../src/reports/fixtures/failure-inputs.ts';
import { failingRow, passingRow, SYNTHETIC_ADAPTER } from '../src/reports/fixtures/synthetic-run.ts';
import { resultsFile } from '../src/reports/run/results-json.ts';
import type { SummaryRow } from '../src/reports/run/summary-table.ts';
import { writeReport } from '../src/reports/run/write-report.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** An rgba8 image failure of side x side texels and a half-size level, a block of texels off by 3 LSB in green. */
function imageFailure(k: number, side: number): FailureInput {
  const rand = prng(k + 1);
  const levels = [0, 1].map((level) => {
    const s = Math.max(1, side >> level);
    const expected = Uint32Array.from({ length: s * s * 4 }, () => rand() & 255);
    const actual = expected.map((v, i) =>
      i % 4 === 1 && (i >> 2) % s > s / 2 && (i >> 2) / s > s / 2 ? Math.min(255, v + 3) : v,
    );
    return { level, width: s, height: s, ...judged(expected, actual, 1) };
  });
  const out: ImageOutputInput = {
    kind: 'image',
    name: 'out',
    format: 'Unorm8x4/Rgba',
    element: 'unorm8',
    channels: ['r', 'g', 'b', 'a'],
    policy: 'unormLsb(1)',
    unit: 'LSB',
    tolerance: 1,
    levels,
  };
  return {
    kernel: `synthetic_${String(k).padStart(3, '0')}`,
    case: `${side}x${side} Unorm8x4/Rgba levels 2`,
    seed: k,
    path: `${k}:0`,
    outputs: [out],
  };
}

function bytesUnder(dir: string): number {
  return readdirSync(dir).reduce((n, f) => {
    const p = join(dir, f);
    const s = statSync(p);
    return n + (s.isDirectory() ? bytesUnder(p) : s.size);
  }, 0);
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

const sweeps = arg('sweeps', 240);
const failures = arg('failures', 20);
const side = arg('side', 64);
const reportArg = process.argv.indexOf('--report');
const dir = resolve(reportArg > 0 ? process.argv[reportArg + 1]! : 'twinpath-report/load-bench');
rmSync(dir, { recursive: true, force: true });

const rows: SummaryRow[] = [];
const special = [alphaOnly(), multiOutput(), plainBuffer()];
for (let k = 0; k < failures; k++) {
  const f = k < special.length ? { ...special[k]!, kernel: `${special[k]!.kernel}_${k}` } : imageFailure(k, side);
  rows.push(failingRow(dir, f));
}
const backends = backendNames();
for (let k = failures; k < sweeps; k++)
  rows.push(passingRow(`kernel_${String(k).padStart(3, '0')}`, { backend: backends[k % 3]! }));
const started = performance.now();
const totals = { passed: sweeps - failures, failed: failures, skipped: 0 };
const run = {
  runId: 'bench-report',
  status: 'finished' as const,
  date: new Date().toISOString(),
  totals,
  sweeps: rows,
};
const index = writeReport(dir, resultsFile({ ...run, adapter: SYNTHETIC_ADAPTER }));
const writeMs = performance.now() - started;

const scripts = rows.flatMap((r) =>
  r.sweep?.failure?.artifacts?.script ? [join(dir, r.sweep.failure.artifacts.script)] : [],
);
const scriptBytes = scripts.reduce((n, p) => n + statSync(p).size, 0);
const perFailure = kib(scriptBytes / Math.max(1, scripts.length));
console.log(`report: ${sweeps} sweeps, ${failures} failures`);
console.log(`index.html: ${kib(statSync(index).size)}, written in ${writeMs.toFixed(0)} ms`);
const folder = mib(bytesUnder(dir));
console.log(
  `folder: ${folder}; failure data ${mib(scriptBytes)} in ${scripts.length} files (${perFailure} on average)`,
);

const browser = await chromium.launch({
  executablePath: process.env.TWINPATH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(pathToFileURL(index).href, { waitUntil: 'load' });
  const t = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
  });
  const early = fetched.filter((u) => u.includes('/failures/')).length;
  const [dcl, load] = [t.dcl.toFixed(0), t.load.toFixed(0)];
  console.log(`first screen: DOMContentLoaded ${dcl} ms, load ${load} ms, ${early} failure files fetched`);
  const opened = await page.evaluate(async (n) => {
    const times: number[] = [];
    for (let k = 0; k < n; k++) {
      const start = performance.now();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      while (!document.querySelector('details.failure.current .detail[data-loaded]'))
        await new Promise((r) => setTimeout(r, 1));
      await new Promise((r) => requestAnimationFrame(r));
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b);
  }, scripts.length);
  const median = opened[Math.floor(opened.length / 2)] ?? 0;
  const slowest = opened[opened.length - 1] ?? 0;
  const [med, max] = [median.toFixed(0), slowest.toFixed(0)];
  console.log(`open each failure in turn (j): median ${med} ms, slowest ${max} ms to its drawn viewer`);
} finally {
  await browser.close();
}
