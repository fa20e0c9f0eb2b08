/**
 * A report of planted failures (fixtures/planted-report.ts: real sweeps of
 * planted kernels on the GPU, hand-built failures for what a lavapipe run
 * cannot produce), opened from file:// in headless Chromium (Debian's, via
 * playwright-core) and used as a person would: keys, clicks, channel toggles,
 * zoom, inspector. A screenshot of each state stays in twinpath-report/planted/;
 * axe-core finds no serious or critical accessibility violation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SweepResult } from '../../index.ts';
import { decodeElement, type ElementKind } from '../failure/element-kinds.ts';
import * as report from '../fixtures/planted-report.ts';

const dir = resolve('twinpath-report/planted');
const shot = (name: string) => join(dir, `${name}.png`);
let sweeps: SweepResult[] = [];
let browser: Browser;
let pageErrors: string[] = [];
let failedRequests: string[] = [];
let page: Page;

beforeAll(async () => {
  const written = await report.writePlantedReport(dir);
  sweeps = written.sweeps;
  ({ browser, page, pageErrors, failedRequests } = await report.openInChromium(written.index));
  expect([...pageErrors, ...failedRequests]).toEqual([]);
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

const openByKeys = (anchor: string) => report.openByKeys(page, anchor);
/** Opens a failure by keys; its output sections. */
const openOutputs = async (anchor: string) => {
  await openByKeys(anchor);
  return page.locator(`#${anchor} section.output`);
};
const shotOf = (target: Locator, name: string) => report.shotOf(page, target, shot(name));
/** A digest of a viewer canvas's pixels, to compare two views. */
const canvasPixels = (anchor: string, view: string) =>
  report.canvasDigest(page.locator(`#${anchor} canvas.panel[data-view="${view}"]`).first());

test('the folder: index.html, results.json, junit.xml, and per failure its data and pictures grouped by output', () => {
  for (const f of ['index.html', 'results.json', 'junit.xml']) expect(existsSync(join(dir, f)), f).toBe(true);
  const rounds = sweeps[0]!.failure!.artifacts!;
  expect(Object.keys(rounds)).toEqual(
    expect.arrayContaining([
      'json',
      'script',
      'out.level1.expected',
      'out.level1.actual',
      'out.level1.mask',
      'out.level1.heatmap',
      'out.level1.diff',
      'out.level1.pixelmatch',
    ]),
  );
  const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
  expect(junit).toContain('<testcase classname="twinpath" name="parity: generate_mips_rounds"');
  expect(junit).toMatch(
    /<failure message="mismatch: \d+ of \d+ values differ \(unormNearTie\(2\^-20\)\)" type="mismatch">/,
  );
  expect(junit).toContain(`[[ATTACHMENT|${join(dir, 'failures/generate_mips_rounds/out/level1-heatmap.png')}]]`);
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as {
    sweeps: Array<{ sweep: SweepResult }>;
  };
  const passing = results.sweeps.find((s) => s.sweep.kernel === 'mip_downsample')!.sweep;
  expect(passing.cases).toHaveLength(20);
  const failing = results.sweeps[0]!.sweep;
  expect(failing.cases.filter((c) => c.phase === 'run')).toHaveLength(failing.runs);
});

test('first screen: run status, adapters, backends, totals apart, kernel x output x backend rows', async () => {
  await page.screenshot({ path: shot('first-screen') });
  expect(await page.textContent('h1')).toContain('run finished');
  expect(await page.textContent('dl.facts')).toMatch(/adapters?.*\[(software|hardware)\]/s);
  expect(await page.textContent('dl.facts')).toMatch(/backends\s*cpp, cuda, wgsl/);
  const totals = await page.$$eval('ul.totals button', (b) => b.map((x) => x.textContent!.replace(/\s+/g, ' ').trim()));
  expect(totals).toEqual([
    '15 failed',
    '1 unavailable (backend cannot load)',
    '1 unsupported (adapter lacks a feature)',
    '2 passed',
  ]);
  const rows = await page.$$eval('tr.row', (r) =>
    r.map((x) => [...x.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent!.trim().split('\n')[0])),
  );
  expect(rows).toContainEqual(['deferred_shade', 'color', 'cuda', 'fail (mismatch)']);
  expect(rows).toContainEqual([
    'deferred_shade',
    'features',
    'cuda',
    expect.stringMatching(/^fail \(mismatch\)output color failed first/),
  ]);
  expect(rows).toContainEqual(['im2col', 'out', 'cuda', expect.stringMatching(/^unavailable/)]);
  expect(rows).toContainEqual(['mip_downsample', 'out', 'cpp', 'pass']);
  expect(rows.slice(0, 7).every((r) => r[3]!.startsWith('fail'))).toBe(true);
  // A refused error against a tolerance of 0 fills its bar, never leaves it out.
  const zeroTol = page.locator('tr.row', { hasText: 'model_pack_rgba8_alpha_halved' }).locator('.meter');
  expect(await zeroTol.getAttribute('title')).toBe('past a tolerance of 0');
  expect(await zeroTol.locator('span').getAttribute('style')).toBe('width:100.0%');
  expect(await page.locator('script[src]').count()).toBe(0);
  expect(await page.locator('details.failure img, details.failure canvas').count()).toBe(0);
});

test('j/k walk the failures, a row link opens one, filters narrow both and navigation follows them', async () => {
  await page.keyboard.press('j');
  expect(await page.textContent('#where')).toMatch(/^failure 1 of 17: /);
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  expect(await page.textContent('#where')).toMatch(/^failure 1 of 17: /);
  await page.click('a[data-open="f-generate_mips_alpha_halved"]');
  expect(await page.textContent('#where')).toMatch(/generate_mips_alpha_halved/);
  expect(page.url()).toMatch(/#f-generate_mips_alpha_halved$/);
  await page.fill('#fk', 'cuda');
  expect(await page.$$eval('tr.row', (r) => r.filter((x) => !(x as HTMLElement).hidden).length)).toBe(4);
  await page.click('#where');
  await page.keyboard.press('j');
  expect(await page.textContent('#where')).toMatch(/^failure \d of 2: (deferred_shade|im2col)/);
  await page.fill('#fk', '');
  await page.click('ul.totals button[data-filter-status="pass"]');
  expect(
    await page.$$eval('tr.row', (r) =>
      r.filter((x) => !(x as HTMLElement).hidden).map((x) => (x as HTMLElement).dataset.status),
    ),
  ).toEqual(['pass', 'pass']);
  expect(await page.$$eval('details.failure', (d) => d.filter((x) => !(x as HTMLElement).hidden).length)).toBe(0);
  await page.click('ul.totals button[data-filter-status="pass"]');
  expect(await page.$$eval('details.failure', (d) => d.filter((x) => !(x as HTMLElement).hidden).length)).toBe(17);
});

test('an alpha-only failure: R shows nothing, A shows the error; the difference sees it in every view', async () => {
  const id = 'f-generate_mips_alpha_halved';
  const out = await openOutputs(id);
  expect(await out.locator('table.values tbody td:nth-child(2)').allTextContents()).toEqual(
    expect.arrayContaining(['a']),
  );
  expect(await report.refusedChannels(out)).toEqual(new Set(['a']));
  await out.locator('button[data-channel="0"]').click();
  expect(await canvasPixels(id, 'expected')).toEqual(await canvasPixels(id, 'actual'));
  await out.locator('button[data-channel="rgb"]').click();
  expect(await canvasPixels(id, 'expected')).toEqual(await canvasPixels(id, 'actual'));
  await out.locator('button[data-channel="all"]').click();
  expect(await canvasPixels(id, 'expected')).not.toEqual(await canvasPixels(id, 'actual'));
  await out.locator('button[data-channel="3"]').click();
  expect(await canvasPixels(id, 'expected')).not.toEqual(await canvasPixels(id, 'actual'));
  expect(await out.locator('button[data-channel="3"]').getAttribute('aria-pressed')).toBe('true');
  await out.locator('canvas.panel[data-view="actual"]').click({ position: { x: 180, y: 180 } });
  expect(await out.locator('.inspector').textContent()).toMatch(/a0x[0-9a-f]{2} \(.*\)0x[0-9a-f]{2} \(.*\).*refused/);
  await shotOf(out, 'alpha-only-channel-a');
});

test('a mip level: the strip selects level 1, zoom and the pinned inspector read every view at a texel', async () => {
  const id = 'f-generate_mips_rounds';
  const out = await openOutputs(id);
  await out.locator('.strip button[data-level="1"]').click();
  expect(await out.locator('.strip button[data-level="1"]').getAttribute('aria-pressed')).toBe('true');
  const before = await out.locator('.zoomtext').textContent();
  await out.locator('button.zoom-in').click();
  await out.locator('button.zoom-in').click();
  expect(await out.locator('.zoomtext').textContent()).not.toBe(before);
  await out.locator('button[data-third="heat"]').click();
  await out.locator('canvas.panel[data-view="expected"]').click({ position: { x: 180, y: 180 } });
  const text = await out.locator('.inspector').textContent();
  expect(text).toMatch(/level 1 \(\d+, \d+\) — pinned/);
  expect(text).toMatch(/r0x[0-9a-f]{2} \([\d.]+\)0x[0-9a-f]{2} \([\d.]+\)[+-]?[\d.e-]+[+-]?\d+ LSB/);
  await out.locator('.viewer').focus();
  await page.keyboard.press('ArrowRight');
  expect(await out.locator('.inspector .where').textContent()).not.toBe(text!.split(';')[0]);
  await out.locator('button[data-mode="slider"]').click();
  await out.locator('input.slider').fill('80');
  expect(await out.locator('canvas.panel[data-view="compare"] + figcaption').textContent()).toMatch(
    /expected \| actual at 80%/,
  );
  await out.locator('button[data-mode="blink"]').click();
  await out.locator('button.blink').click();
  expect(await out.locator('canvas.panel[data-view="compare"] + figcaption').textContent()).toMatch(
    /^expected \(blink\)/,
  );
});

test('a typed buffer: values by (x, y) around the worst element, no channel name, the histogram', async () => {
  const id = 'f-im2col_patch_grid';
  await openByKeys(id);
  // The shrunk input itself, as results.json has it, beside the case's one line.
  expect(await page.locator(`#${id} code.input`).textContent()).toMatch(
    /^\{"patchSize":\d+,"npsX":\d+,"npsY":\d+,"seed":\d+\}$/,
  );
  const out = page.locator(`#${id} section.output`);
  expect(await out.getAttribute('data-kind')).toBe('buffer');
  expect(await out.locator('table.values thead').textContent()).toBe('(x, y)expectedactualdeltaerror (ULP)note');
  expect(await out.locator('table.window caption').first().textContent()).toMatch(/^around element \d+ \(\d+, \d+\)$/);
  expect(await out.locator('table.window tr.center td').last().textContent()).toBe('refused');
  expect(await out.locator('figure.hist .hrow').count()).toBe(6);
  await shotOf(out, 'typed-buffer');
});

test('a canary failure: the memory map loads and every run of lost bytes is listed', async () => {
  const id = 'f-prepare_mip_source_writes_padding';
  const out = await openOutputs(id);
  expect(await out.locator('.canary li').first().textContent()).toMatch(/level 0 row \d+ padding byte \d+/);
  const img = out.locator('.canary img');
  await expect.poll(() => report.imageWidth(img)).toBeGreaterThan(0);
  await shotOf(out, 'canary');
});

test('an engine typed-buffer failure: RGB f32 [h, w, 3] by (x, y, channel), only g refused, protection', async () => {
  const id = 'f-model_rgb_gain_green_red_gain';
  const out = await openOutputs(id);
  expect(await out.getAttribute('data-kind')).toBe('buffer');
  expect(await out.locator('h3 .sub').textContent()).toMatch(/buffer f32 shape \[\d+, \d+, 3\]/);
  expect(await out.locator('table.values thead').textContent()).toMatch(/^\(x, y, channel\)expectedactual/);
  const refusedAt = await out.locator('table.values tbody tr:not(.group) td:first-child').allTextContents();
  expect(refusedAt.length).toBeGreaterThan(0);
  for (const at of refusedAt) expect(at).toMatch(/^\(\d+, \d+, g\)$/);
  const windowRows = out.locator('table.window tbody tr');
  const verdicts = await windowRows.evaluateAll((rows) =>
    rows.map((r) => [r.children[1]!.textContent!, r.lastElementChild!.textContent!]),
  );
  expect(verdicts.filter(([, v]) => v === 'refused').every(([at]) => at!.endsWith(', g'))).toBe(true);
  expect(verdicts.some(([at, v]) => at!.endsWith(', r') && v === 'accepted')).toBe(true);
  const protection = page.locator(`#${id} .protection`);
  expect(await protection.locator('tbody tr').first().textContent()).toMatch(/^pixelsguard-insidethe binding spans/);
  expect(await protection.locator('p.note').textContent()).toMatch(/have no guard band/);
  await shotOf(page.locator(`#${id} .detail`), 'engine-typed-buffer-rgb');
});

test('an engine texture failure: rgba8unorm alpha halved: R blank, A the error, inspector at a texel', async () => {
  const id = 'f-model_pack_rgba8_alpha_halved';
  const out = await openOutputs(id);
  expect(await out.getAttribute('data-kind')).toBe('image');
  expect(await out.locator('h3 .sub').textContent()).toMatch(/image rgba8unorm/);
  expect(await report.refusedChannels(out)).toEqual(new Set(['a']));
  await out.locator('button[data-channel="0"]').click();
  expect(await canvasPixels(id, 'expected')).toEqual(await canvasPixels(id, 'actual'));
  await out.locator('button[data-channel="3"]').click();
  expect(await out.locator('button[data-channel="3"]').getAttribute('aria-pressed')).toBe('true');
  expect(await canvasPixels(id, 'expected')).not.toEqual(await canvasPixels(id, 'actual'));
  await out.locator('canvas.panel[data-view="actual"]').click({ position: { x: 20, y: 20 } });
  expect(await out.locator('.inspector .where').textContent()).toMatch(/^level 0 \(\d+, \d+\) — pinned/);
  expect(await out.locator('.inspector').textContent()).toMatch(/a0x[0-9a-f]{2} \(.*\)0x[0-9a-f]{2} \(.*\)/);
  expect(await page.locator(`#${id} .protection tbody`).textContent()).toMatch(/dsttexture/);
  await shotOf(out, 'engine-texture-alpha-channel-a');
});

test('an engine two-output failure: both outputs drawn with their verdicts, the wrong one marked', async () => {
  const id = 'f-model_hist_invert_hist_folded';
  const outs = await openOutputs(id);
  expect(await report.outputKinds(outs)).toEqual(['image:buffer', 'hist:buffer']);
  expect(await outs.nth(0).locator('h3 .badge').allTextContents()).toEqual(['pass']);
  expect(await outs.nth(1).locator('h3 .badge').allTextContents()).toEqual(['mismatch', 'failed first']);
  expect(await outs.nth(1).locator('table.values thead').textContent()).toMatch(/^indexexpected/);
  await shotOf(page.locator(`#${id} .detail`), 'engine-two-outputs');
});

test("an engine don't-care failure: the masked elements shown as don't care in the table", async () => {
  const id = 'f-model_normalize2_tail_scaled';
  const out = await openOutputs(id);
  expect(await out.locator('p.note').first().textContent()).toMatch(/^\d+ don't-care elements, not compared$/);
  const masked = out.locator('table.window tr.dc');
  expect(await masked.count()).toBeGreaterThan(0);
  expect(await masked.first().locator('td').last().textContent()).toBe("don't care");
  await shotOf(out, 'engine-dont-care-buffer');
});

test('engine canary and input failures of typed buffers: where, by element slot and by byte run', async () => {
  const past = 'f-model_hist_invert_past_end';
  await openByKeys(past);
  const canary = page.locator(`#${past} section.output[data-output="image"] .canary`);
  expect(await canary.locator('li').first().textContent()).toMatch(
    /^guard band byte \d: element \[\d+\], past the \d+ elements of the data \(buffer offset \d+\)/,
  );
  const img = canary.locator('img');
  await expect.poll(() => report.imageWidth(img)).toBe(16);
  await shotOf(canary, 'engine-buffer-canary');
  const input = 'f-model_blur3_writes_input';
  await openByKeys(input);
  const changed = page.locator(`#${input} .inputs-changed`);
  expect(await changed.locator('caption').first().textContent()).toMatch(/^input src: \d+ of \d+ bytes changed$/);
  expect(await changed.locator('tbody tr').first().textContent()).toMatch(/^\d+element \d+ byte \d+\[\d+\]—\d+/);
  await shotOf(changed, 'engine-input-changed');
});

test("several outputs on another backend: each its own view, the failed one marked, don't-care counted", async () => {
  const id = 'f-deferred_shade--cuda';
  const outs = await openOutputs(id);
  expect(await report.outputKinds(outs)).toEqual(['color:image', 'depth:image', 'features:buffer']);
  expect(await outs.first().locator('h3').textContent()).toMatch(/failed first/);
  await outs.first().locator('.strip button[data-level="0"]').click();
  expect(await outs.first().locator('.levelinfo').textContent()).toMatch(/27 don't-care texels/);
  expect(await outs.nth(1).locator('.toolbar').textContent()).toMatch(/one channel \(r\), drawn as grey/);
  // depth is right: expected and actual draw the same, and a drag on one pans both.
  const digest = (view: string) => report.canvasDigest(outs.nth(1).locator(`canvas.panel[data-view="${view}"]`));
  const before = await digest('actual');
  expect(await digest('expected')).toBe(before);
  await outs.nth(1).locator('canvas.panel[data-view="expected"]').scrollIntoViewIfNeeded();
  const box = (await outs.nth(1).locator('canvas.panel[data-view="expected"]').boundingBox())!;
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 160, box.y + 130, { steps: 4 });
  await page.mouse.up();
  expect(await digest('actual')).not.toBe(before);
  expect(await digest('expected')).toBe(await digest('actual'));
  const colour = outs.first();
  await colour.locator('.strip button[data-level="1"]').click();
  await colour.locator('button[data-channel="1"]').click();
  await colour.locator('button[data-third="heat"]').click();
  const actual = colour.locator('canvas.panel[data-view="actual"]');
  const fitted = await colour.locator('.zoomtext').textContent();
  await actual.hover({ position: { x: 250, y: 215 } });
  await page.mouse.wheel(0, -300);
  expect(await colour.locator('.zoomtext').textContent()).not.toBe(fitted);
  await actual.click({ position: { x: 250, y: 215 } });
  expect(await colour.locator('.inspector .where').textContent()).toMatch(/^level 1 \(\d, \d\) — pinned/);
  await shotOf(colour.locator('.viewer'), 'mip-level-zoomed-inspector');
  await shotOf(page.locator(`#${id}`), 'several-outputs');
});

test('a level too large for the viewer shows its pictures; a failure whose data is gone says so', async () => {
  await openByKeys('f-large_level');
  const large = page.locator('#f-large_level section.output');
  expect(await large.locator('.panels .note').textContent()).toMatch(
    /larger than the viewer takes: its pictures as written/,
  );
  const img = large.locator('.panels img').first();
  await expect.poll(() => report.imageWidth(img)).toBe(320);
  expect(await large.locator('.levelinfo').textContent()).toMatch(
    /16 texels refused .* inside \(100, 50\)–\(103, 53\)/,
  );
  await page.fill('#fk', 'data_removed');
  await page.click('#where');
  await page.keyboard.press('j');
  await page.locator('#f-data_removed .detail[data-loaded="error"]').waitFor();
  expect(await page.locator('#f-data_removed .detail').textContent()).toMatch(
    /could not load failures\/data_removed\/failure\.js: the file is missing/,
  );
});

test('the page decodes codes as the writer does', async () => {
  const samples: Array<[ElementKind, number]> = [
    ['unorm8', 0x80],
    ['unorm16', 0x8001],
    ['float16', 0x3555],
    ['float16', 0x8001],
    ['float32', 0xbf800000],
    ['sint32', 0xfffffffe],
    ['uint32', 0xfffffffe],
  ];
  expect(
    await page.evaluate(
      (s) =>
        s.map(([k, c]) => (globalThis as unknown as { decodeCode: (k: string, c: number) => number }).decodeCode(k, c)),
      samples,
    ),
  ).toEqual(samples.map(([k, c]) => decodeElement(k, c)));
});

test('dark scheme, 1280 px: the page follows prefers-color-scheme', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(21, 23, 28)');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot('first-screen-dark') });
  await page.emulateMedia({ colorScheme: 'light' });
});

test('axe-core: no serious or critical violation, every failure open, light and dark', async () => {
  await report.injectAxe(page);
  for (const f of await page.locator('details.failure').all())
    await f.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.waitForFunction(() => document.querySelectorAll('.detail:not([data-loaded])').length === 0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const result = await report.axeViolations(page);
    expect(
      result.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      scheme,
    ).toEqual([]);
  }
});

test('the whole session: no script error, and the only file that failed to load is the one removed', () => {
  expect(pageErrors).toEqual([]);
  expect(failedRequests.map((u) => u.replace(/^.*\/planted\//, ''))).toEqual(['failures/data_removed/failure.js']);
});
