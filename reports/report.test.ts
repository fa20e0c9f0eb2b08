/**
 * A report of a run with planted failures, written the way every run writes
 * one, then opened from the file system in headless Chromium (Debian's, via
 * playwright-core): every image loads, failure rows and numbers are there,
 * the blink toggle and the slider work. The screenshot stays in the folder.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { sweep, type SweepResult } from '../harness/index.ts';
import mipDownsample from '../kernels/mip_downsample/kernel.ts';
import * as planted from '../cases/fixtures/planted-kernels.ts';
import { renderReportHtml } from './html.ts';
import { resultsFile } from './results-json.ts';
import { sweepRow } from './summary-table.ts';
import { writeReport } from './write-report.ts';

const CHROMIUM = process.env.TWINPATH_CHROMIUM ?? '/usr/bin/chromium';
const dir = resolve('twinpath-report/planted');
let index = '';
const sweeps: SweepResult[] = [];

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const saved = process.env.TWINPATH_REPORT;
  process.env.TWINPATH_REPORT = dir;
  try {
    sweeps.push(await sweep(planted.roundsInsteadOfTruncating.kernel, { runs: 100 }));
    sweeps.push(await sweep(planted.copyWritesPadding.kernel, { runs: 100 }));
    sweeps.push(await sweep(planted.layoutSwapped.kernel, { runs: 100 }));
    sweeps.push(await sweep(planted.blurLevelTooCoarse.kernel, { runs: 100 }));
    sweeps.push(await sweep(mipDownsample, { runs: 20 }));
  } finally {
    if (saved === undefined) delete process.env.TWINPATH_REPORT;
    else process.env.TWINPATH_REPORT = saved;
  }
  index = writeReport(
    dir,
    resultsFile({
      runId: 'planted',
      status: 'finished',
      date: new Date().toISOString(),
      adapter: sweeps[0]!.adapter,
      totals: { passed: 1, failed: 4, skipped: 0 },
      sweeps: sweeps.map((s) => sweepRow(s)),
    }),
  );
}, 600_000);

test('the folder: index.html, results.json, junit.xml and pictures for every failing level', () => {
  for (const f of ['index.html', 'results.json', 'junit.xml']) expect(existsSync(join(dir, f)), f).toBe(true);
  const rounds = sweeps[0]!.failure!.artifacts!;
  expect(Object.keys(rounds)).toEqual(expect.arrayContaining(['json', 'level1.expected', 'level1.actual', 'level1.mask', 'level1.heatmap', 'level1.diff', 'level1.pixelmatch']));
  const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
  expect(junit).toContain('<testcase classname="twinpath" name="parity: generate_mips_rounds"');
  expect(junit).toMatch(/<failure message="mismatch: \d+ of \d+ values differ \(unormNearTie\(2\^-20\)\)">/);
  expect(junit).toContain(`[[ATTACHMENT|${join(dir, 'failures/generate_mips_rounds/level1-heatmap.png')}]]`);
  expect(junit).toContain('<testcase classname="twinpath" name="parity: mip_downsample" time=');
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { sweeps: Array<{ sweep: SweepResult }> };
  const passing = results.sweeps.find((s) => s.sweep.kernel === 'mip_downsample')!.sweep;
  expect(passing.cases).toHaveLength(20);
  expect(passing.cases.every((c) => c.phase === 'run' && c.outcome === 'pass' && c.unit !== undefined)).toBe(true);
  const failing = results.sweeps[0]!.sweep;
  expect(failing.cases.filter((c) => c.phase === 'run')).toHaveLength(failing.runs);
  expect(failing.cases.filter((c) => c.phase === 'shrink').length).toBe(failing.cases.length - failing.runs);
});

test('every string from a kernel, a case or an error is escaped', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const sweeps = [{ kernel: evil, verdict: { status: 'fail' as const, reason: evil }, error: `</script>${evil}`, ms: 1 }];
  const html = renderReportHtml({ ...resultsFile({ runId: evil, status: 'finished', date: evil, totals: { passed: 0, failed: 1, skipped: 0 }, sweeps }), failures: {} });
  expect(html).not.toContain(evil);
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
});

test('the page in headless Chromium: images load, failures and numbers are there, the toggle and slider work', async () => {
  expect(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run \`npm run setup\` (it installs Debian's chromium) or set TWINPATH_CHROMIUM`).toBe(true);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(pathToFileURL(index).href);
    const images = await page.$$eval('img', (imgs) => imgs.map((i) => ({ src: i.getAttribute('src'), w: (i as HTMLImageElement).naturalWidth })));
    expect(images.length).toBeGreaterThan(20);
    expect(images.filter((i) => i.w === 0)).toEqual([]);
    expect(await page.$$eval('tr.fail', (r) => r.length)).toBe(4);
    expect(await page.$$eval('tr.pass', (r) => r.length)).toBe(1);
    expect(await page.textContent('#k-generate_mips_rounds')).toMatch(/replay.*npx twinpath run generate_mips_rounds --seed/s);
    expect(await page.textContent('#k-prepare_mip_source_writes_padding')).toMatch(/level 0 row 0 padding byte \d+/);
    expect(await page.$$eval('#k-prepare_mip_source_writes_padding img[alt^="canary"]', (i) => i.map((x) => (x as HTMLImageElement).naturalWidth))).toEqual([expect.any(Number)]);
    expect(await page.$$eval('#k-generate_mips_rounds table.num', (t) => t.length)).toBeGreaterThan(1);
    const compare = page.locator('#k-generate_mips_rounds .compare').first();
    await compare.locator('button.blink').click();
    expect(await compare.locator('img.act').isHidden()).toBe(true);
    await compare.locator('button.blink').click();
    expect(await compare.locator('img.act').isVisible()).toBe(true);
    await compare.locator('input.slider').fill('80');
    expect(await compare.locator('img.act').evaluate((e) => (e as HTMLElement).style.clipPath)).toBe('inset(0px 0px 0px 80%)');
    await page.locator('#k-generate_mips_rounds .level img').nth(2).hover();
    expect(await page.locator('#k-generate_mips_rounds .readout').first().textContent()).toMatch(/^\(\d+,\d+\) expected .+ \| actual /);
    await page.selectOption('#fs', 'pass');
    expect(await page.$$eval('tr.fail', (r) => r.filter((x) => !(x as HTMLElement).hidden).length)).toBe(0);
    await page.selectOption('#fs', '');
    await page.screenshot({ path: join(dir, 'screenshot.png'), fullPage: true });
  } finally {
    await browser.close();
  }
}, 120_000);
