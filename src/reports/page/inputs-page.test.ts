/**
 * The failure page tells a failure's whole story: every input of the case as uploaded, decoded, in the outputs'
 * viewer (a sampled texture the engine never reads back, a typed buffer), and the first failing case beside the
 * shrunk one. A real sweep of a planted bug on the GPU, its report opened in headless Chromium; the screenshot
 * stays in the report folder (twinpath-report/failure-story/failure-story.png).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sweep, type SweepResult } from '../../index.ts';
import type { BufferOutputData, FailureFile, ImageOutputData } from '../failure/failure-data.ts';
import { schemaErrors } from '../fixtures/report-schemas.ts';
import { openByKeys, openInChromium, shotOf, type OpenedPage } from '../fixtures/planted-report.ts';
import { resultsFile } from '../run/results-json.ts';
import { sweepRow } from '../run/summary-table.ts';
import { writeReport } from '../run/write-report.ts';
import { tintDrift, type TintCase } from './fixtures/tint-drift.ts';

const dir = resolve('twinpath-report/failure-story');
const ANCHOR = 'f-planted_tint_drift';
let r: SweepResult;
let opened: OpenedPage;

beforeAll(async () => {
  const saved = process.env.TWINPATH_REPORT;
  process.env.TWINPATH_REPORT = dir;
  try {
    r = await sweep(tintDrift, { runs: 40, seed: SEED });
  } finally {
    if (saved === undefined) delete process.env.TWINPATH_REPORT;
    else process.env.TWINPATH_REPORT = saved;
  }
  const totals = { passed: 0, failed: 1, skipped: 0 };
  const run = { runId: 'story', status: 'finished' as const, date: 'd', totals, sweeps: [sweepRow(r)] };
  opened = await openInChromium(writeReport(dir, resultsFile({ ...run, adapter: r.adapter })));
}, 300_000);

afterAll(async () => {
  await opened?.browser.close();
});

/** A seed whose first case is large (fast-check draws it first), so shrinking has much to lose. */
const SEED = 29;

const failureFile = () => JSON.parse(readFileSync(join(dir, r.failure!.artifacts!.json!), 'utf8')) as FailureFile;

test('both inputs are in the failure data, decoded: the sampled texture never read back, and the gains buffer', () => {
  const f = failureFile();
  expect(schemaErrors('failure', f)).toBeUndefined();
  const c = r.failure!.input as TintCase;
  // Buffers come first, then the texture levels not read back.
  const [gains, texture] = f.inputs! as [BufferOutputData, ImageOutputData];
  expect(texture).toMatchObject({ kind: 'image', name: 'texture 1 (rgba8unorm) level 0', asUploaded: true });
  expect(texture.channels).toEqual(['r', 'g', 'b', 'a']);
  expect(texture.levels.map((l) => [l.width, l.height, l.refusedTexels])).toEqual([[c.width, c.height, 0]]);
  // One picture, as uploaded: nothing was compared.
  expect(Object.keys(texture.levels[0]!.files)).toEqual(['actual']);
  // The oracle keeps red, green and alpha as they were uploaded.
  const bytes = Buffer.from(texture.levels[0]!.data!.actual, 'base64');
  const codes = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const expected = tintDrift.cpu(c) as Uint8Array;
  expect([...codes].filter((_, i) => i % 4 !== 2)).toEqual([...expected].filter((_, i) => i % 4 !== 2));
  expect(gains).toMatchObject({ kind: 'buffer', name: 'gains', format: 'f32', element: 'float32', count: 4 });
  expect(gains.windows[0]!.rows.map((row) => row.actualValue)).toEqual([1, 1, 0, 1]);
});

test('the page: the inputs in the viewer and a table, the first failing case beside the shrunk one', async () => {
  const { page, pageErrors, failedRequests } = opened;
  await openByKeys(page, ANCHOR);
  const section = page.locator(`#${ANCHOR}`);
  const inputs = section.locator('section.input');
  expect(await inputs.locator('h3').allTextContents()).toEqual([
    'input gains buffer f32 shape [4] — as uploaded',
    'input texture 1 (rgba8unorm) level 0 image rgba8unorm — as uploaded',
  ]);
  expect(await inputs.nth(1).locator('canvas.panel').count()).toBe(1);
  expect(await inputs.nth(1).locator('figcaption').first().textContent()).toBe('as uploaded — all channels');
  expect(await inputs.first().locator('caption').textContent()).toBe('its first 4 of 4 elements');
  const facts = await section.locator('dl.facts').textContent();
  expect(facts).toMatch(/first failing case\d+x\d+ #\d+ \(path 0\): mismatch, worst \d+ LSB \(tolerance 0\)/);
  expect(await section.locator('dl.facts .lost').textContent()).toMatch(/^lost most of the error: shrunk from \d+ at /);
  await shotOf(page, section, join(dir, 'failure-story.png'));
  expect([...pageErrors, ...failedRequests]).toEqual([]);
});
