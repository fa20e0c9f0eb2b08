/**
 * What a real failure of a typed-buffer or texture output leaves for the
 * report: planted bugs swept through the engine (lavapipe here), each
 * failing, then its failure.json read back — every output of the case with
 * its verdict, a buffer's table by (x, y, channel) or index, a texture's
 * level with its channels, the don't-care mask, each binding's protection,
 * the located guard-band and input writes; each file keeps
 * schemas/failure.schema.json.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { renderSweepFailure, runConfig, sweep, type SweepResult } from '../../index.ts';
import type { BufferOutputData, FailureFile, ImageOutputData } from '../../reports/failure/failure-data.ts';
import { schemaErrors } from '../../reports/fixtures/report-schemas.ts';
import type { Planted } from '../../fixtures/kernels/plant.ts';
import * as planted from '../../fixtures/kernels/planted-model.ts';

const RUNS = 100;
let dir = '';

beforeAll(() => {
  dir = join(runConfig().reportDir, 'failure-data');
  rmSync(dir, { recursive: true, force: true });
  process.env.TWINPATH_REPORT = dir;
});

/** Sweeps a planted bug, requires the failing verdict, and returns the failure data the page loads. */
async function failureOf<I>(p: Planted<I>, outcome: string): Promise<{ r: SweepResult; data: FailureFile }> {
  const r = await sweep(p.kernel, { runs: RUNS });
  expect(r.pass, `${p.kernel.name} (${p.bug}) was not caught in ${RUNS} cases, seed ${r.seed}`).toBe(false);
  const text = renderSweepFailure(r);
  expect(r.failure!.result.outcome, text).toBe(outcome);
  expect(r.failure!.artifactErrors, text).toBeUndefined();
  const json = r.failure!.artifacts?.json;
  expect(json, `no failure data written for ${p.kernel.name}`).toBeDefined();
  const data = JSON.parse(readFileSync(join(dir, json!), 'utf8')) as FailureFile;
  expect(schemaErrors('failure', data), `${json} breaks schemas/failure.schema.json`).toBeUndefined();
  // The page loads failure.js: the same object.
  expect(readFileSync(join(dir, r.failure!.artifacts!.script!), 'utf8')).toContain(JSON.stringify(data.id));
  return { r, data };
}

const buffer = (d: FailureFile, name: string) => d.outputs.find((o) => o.name === name) as BufferOutputData;
const image = (d: FailureFile, name: string) => d.outputs.find((o) => o.name === name) as ImageOutputData;

test('an RGB f32 [h, w, 3] buffer, its green channel wrong: a table by (x, y, channel), only g refused', async () => {
  const { data } = await failureOf(planted.greenTakesRedGain, 'mismatch');
  expect(data.failedOutput).toBe('pixels');
  const out = buffer(data, 'pixels');
  expect(out).toMatchObject({ kind: 'buffer', format: 'f32', element: 'float32', outcome: 'mismatch' });
  expect(out.axes).toEqual(['x', 'y', 'channel']);
  expect(out.channels).toEqual(['r', 'g', 'b']);
  expect(out.shape).toHaveLength(3);
  expect(out.shape![2]).toBe(3);
  expect(out.mismatches).toBeGreaterThan(0);
  expect(out.worst.length).toBeGreaterThan(0);
  expect(new Set([...out.worst, ...out.first].map((v) => v.channel))).toEqual(new Set(['g']));
  const rows = out.windows.flatMap((w) => w.rows);
  expect(rows.some((row) => row.refused)).toBe(true);
  for (const row of rows) expect(row.refused, `element ${row.index}`).toBe(row.refused && row.at[2] === 1);
  // arrayLength sizes the kernel: its binding spans the guard band, which its arrayLength excludes.
  expect(data.protection).toEqual({ pixels: 'guard-inside' });
});

test('an rgba8unorm storage texture with alpha halved: its level in r, g, b, a, only a refused', async () => {
  const { data } = await failureOf(planted.textureAlphaHalved, 'mismatch');
  const out = image(data, 'out');
  expect(out).toMatchObject({ kind: 'image', format: 'rgba8unorm', element: 'unorm8', channels: ['r', 'g', 'b', 'a'] });
  expect(out.levels).toHaveLength(1);
  const level = out.levels[0]!;
  expect(level.level).toBe(0);
  expect(level.refusedTexels).toBeGreaterThan(0);
  expect(level.data, 'a small level carries its values for the viewer').toBeDefined();
  for (const role of ['expected', 'actual', 'mask', 'heatmap', 'diff', 'pixelmatch'])
    expect(level.files[role], role).toMatch(/\.png$/);
  expect(new Set([...out.worst, ...out.first].map((v) => v.channel))).toEqual(new Set(['a']));
  const refused = Buffer.from(level.data!.refused, 'base64');
  refused.forEach((v, i) => expect(v && i % 4, `element ${i}`).toBe(v ? 3 : 0));
  expect(data.protection).toEqual({ src: 'guard-inside', dst: 'texture' });
});

test("a don't-care output failing elsewhere: the mask travels with the data, masked elements not refused", async () => {
  const { data } = await failureOf(planted.normalizeTailScaled, 'mismatch');
  const out = buffer(data, 'out');
  expect(out.dontCareElements).toBeGreaterThanOrEqual(2);
  expect(out.compared).toBe(out.count - out.dontCareElements);
  const rows = out.windows.flatMap((w) => w.rows);
  const masked = rows.filter((r) => r.dontCare);
  expect(masked.length, 'the window around the worst element shows the zero vector (index 3)').toBeGreaterThan(0);
  for (const r of masked) expect([r.refused, r.error, Math.floor(r.index / 2) % 4]).toEqual([false, 0, 3]);
  expect(rows.some((r) => r.refused && !r.dontCare)).toBe(true);
});

test('two outputs, the second wrong: both in the data with their verdicts, the histogram by index', async () => {
  const { data } = await failureOf(planted.wrongHistogram, 'mismatch');
  expect(data.outputs.map((o) => [o.name, o.outcome])).toEqual([
    ['image', 'pass'],
    ['hist', 'mismatch'],
  ]);
  expect(data.failedOutput).toBe('hist');
  const hist = buffer(data, 'hist');
  expect([hist.axes, hist.channels, hist.count, hist.element]).toEqual([['index'], [], 16, 'uint32']);
  const img = buffer(data, 'image');
  expect([img.axes, img.channels, img.mismatches]).toEqual([['x', 'y'], [], 0]);
  expect(data.protection).toEqual({ src: 'guard-inside', image: 'guard-inside', hist: 'guard-inside' });
});

test("a write into a typed buffer's guard band: lost bytes located as the element slot past the data", async () => {
  const { data } = await failureOf(planted.writesPastEnd, 'canary');
  const out = buffer(data, 'image');
  expect(out.outcome).toBe('canary');
  const c = out.canary!;
  expect(c.elements).toEqual({ count: out.count, bytes: 4 });
  // The write is image[count] = ~src[count] (src's own guard band): a byte of it may equal the canary's by chance.
  const v = c.violations[0]!;
  expect([v.region, v.rowByte < 4, v.byteOffset]).toEqual(['guard', true, out.count * 4 + v.rowByte]);
  expect(c.pictures).toHaveLength(1);
  expect(c.pictures[0]!.file).toMatch(/canary\.png$/);
});

test('a write into an input: each changed run of bytes located, the outputs not judged', async () => {
  const { data } = await failureOf(planted.writesInput, 'input-changed');
  expect(data.outcome).toBe('input-changed');
  expect(data.outputs).toEqual([]);
  const change = data.inputChanges![0]!;
  expect(change.label).toBe('src');
  expect(change.changedBytes).toBeGreaterThan(0);
  // blur3's input is a Float32Array: a changed byte is located by element too.
  expect(change.elements).toEqual({ bytes: 4, count: expect.any(Number) });
  const run = change.runs[0]!;
  expect(run).toMatchObject({
    where: `element ${Math.floor(run.offset / 4)} byte ${run.offset % 4}`,
    element: Math.floor(run.offset / 4),
  });
  expect(change.runs[0]!.uploaded).not.toBe(change.runs[0]!.after);
});
