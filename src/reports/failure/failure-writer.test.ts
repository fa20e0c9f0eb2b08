/**
 * The failure data the page reads, from hand-built inputs of every output
 * shape: named outputs and backends, buffers with and without a shape,
 * don't-care elements, honest hints, refused values listed once.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { decodeElement, displayByte, hexElement } from './element-kinds.ts';
import type { BufferOutputData, FailureFile, ImageOutputData } from './failure-data.ts';
import type { BufferOutputInput } from './failure-input.ts';
import { levelStats } from './failure-stats.ts';
import { writeFailure } from './failure-writer.ts';
import {
  alphaOnly,
  halfBits,
  judged,
  largeLevel,
  multiOutput,
  plainBuffer,
  tinyLevels,
} from '../fixtures/failure-inputs.ts';
import { levelPictures } from './images.ts';
import { pageModel } from '../page/page-model.ts';
import { resultsFile } from '../run/results-json.ts';
import { failingRow, passingRow } from '../fixtures/synthetic-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'twinpath-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function written(a: Readonly<Record<string, string>>): FailureFile {
  return JSON.parse(readFileSync(join(dir, a.json!), 'utf8')) as FailureFile;
}

describe('the failure folder', () => {
  test('several outputs of another backend: one folder per output, data as JSON and as a script the page loads', () => {
    const a = writeFailure(dir, multiOutput());
    expect(a.json).toBe('failures/deferred_shade--cuda/failure.json');
    expect(a.script).toBe('failures/deferred_shade--cuda/failure.js');
    expect(a['color.level1.heatmap']).toBe('failures/deferred_shade--cuda/color/level1-heatmap.png');
    expect(a['depth.level0.expected']).toBe('failures/deferred_shade--cuda/depth/level0-expected.png');
    for (const f of Object.values(a)) expect(existsSync(join(dir, f)), f).toBe(true);
    const script = readFileSync(join(dir, a.script!), 'utf8');
    expect(script.startsWith('twinpathFailure({')).toBe(true);
    const f = written(a);
    expect(JSON.parse(script.slice('twinpathFailure('.length, -3))).toEqual(f);
    expect([f.backend, f.failedOutput, f.outputs.map((o) => `${o.name}:${o.kind}`)]).toEqual([
      'cuda',
      'color',
      ['color:image', 'depth:image', 'features:buffer'],
    ]);
  });

  test("rgba16float with a don't-care border: counted apart, never refused, and the one wrong value located", () => {
    const colour = written(writeFailure(dir, multiOutput())).outputs[0] as ImageOutputData;
    expect(colour.levels.map((l) => l.dontCareTexels)).toEqual([16 + 12 - 1, 0, 0]);
    expect(colour.compared).toBe((192 - 27) * 4 + 48 * 4 + 12 * 4);
    expect(colour.worst.map((v) => [v.level, v.at, v.channel, v.error])).toEqual([
      [1, [5, 3], 'g', 3],
      [1, [6, 3], 'g', 3],
      [1, [5, 4], 'g', 3],
    ]);
    expect(colour.worst[0]!.expectedHex).toBe(`0x${halfBits(0.5).toString(16)}`);
    expect(colour.first).toEqual([]);
  });

  test('a buffer of shape [4, 5, 3] reads as (x, y, channel); its table centres on the worst element', () => {
    const features = written(writeFailure(dir, multiOutput())).outputs[2] as BufferOutputData;
    expect(features.axes).toEqual(['x', 'y', 'channel']);
    expect(features.worst[0]).toEqual(expect.objectContaining({ at: [2, 2, 2], channel: 'b' }));
    expect(features.windows[0]!.center).toBe(38);
    expect(features.windows[0]!.rows.map((r) => r.index)).toEqual(Array.from({ length: 13 }, (_, k) => 32 + k));
  });

  test('windows around nearby worst elements list each element once, the later one stopping at the earlier', () => {
    const expected = Uint32Array.from({ length: 40 }, (_, i) => i);
    const actual = expected.map((v, i) => (i === 10 ? v + 5 : i === 20 ? v + 3 : v));
    const input = plainBuffer();
    const out = { ...(input.outputs[0] as BufferOutputInput), ...judged(expected, actual, 0) };
    const data = written(writeFailure(dir, { ...input, kernel: 'near_worst', outputs: [out] }));
    const windows = (data.outputs[0] as BufferOutputData).windows;
    expect(windows.map((w) => [w.center, w.rows[0]!.index, w.rows.at(-1)!.index])).toEqual([
      [10, 4, 16],
      [20, 17, 26],
    ]);
  });

  test("a plain buffer has no channel names and indices for coordinates; don't-care elements are not refused", () => {
    const bins = written(writeFailure(dir, plainBuffer())).outputs[0] as BufferOutputData;
    expect([bins.channels, bins.axes, bins.dontCareElements, bins.mismatches]).toEqual([[], ['index'], 4, 1]);
    expect(bins.worst).toEqual([expect.objectContaining({ at: [40], error: 2 })]);
    expect(bins.worst[0]).not.toHaveProperty('channel');
  });

  test('each refused value is listed once: the worst, then the first not among them', () => {
    const out = written(writeFailure(dir, alphaOnly())).outputs[0]!;
    const keys = [...out.worst, ...out.first].map((v) => `${v.level}:${v.at.join(',')}:${v.channel}`);
    expect(keys.length).toBe(6);
    expect(new Set(keys).size).toBe(keys.length);
    expect(out.worst.every((v) => v.channel === 'a')).toBe(true);
  });
});

test("a level above the viewer's size carries its statistics and pictures but not its values", () => {
  const a = writeFailure(dir, largeLevel());
  const img = written(a).outputs[0] as ImageOutputData;
  expect(img.levels[0]!.data).toBeUndefined();
  expect([img.levels[0]!.refusedTexels, img.levels[0]!.bbox]).toEqual([16, { x0: 100, y0: 50, x1: 103, y1: 53 }]);
  expect(statSync(join(dir, a.script!)).size).toBeLessThan(8192);
});

describe('hints appear only where they can apply', () => {
  test('no border or pitch hint on a 1x1 level or a single row', () => {
    const img = written(writeFailure(dir, tinyLevels())).outputs[0] as ImageOutputData;
    expect(img.levels.map((l) => [l.width, l.height, l.refusedTexels, l.hints])).toEqual([
      [1, 1, 1, []],
      [5, 1, 1, []],
    ]);
  });

  test('the pitch hint fires for refusals at the row ends of several rows, the border hint for a ring', () => {
    const w = 4;
    const h = 4;
    const expected = new Uint32Array(w * h);
    const rowEnds = expected.map((_, i) => (i % w === w - 1 ? 9 : 0));
    const ring = expected.map((_, i) => (i % w === 0 || i < w ? 9 : 0));
    const stats = (actual: Uint32Array) =>
      levelStats({ level: 0, width: w, height: h, ...judged(expected, actual, 1) }, ['value'], 1).hints;
    expect(stats(rowEnds)).toEqual([
      'every refused texel is on the border (addressing?)',
      'refused texels only at row ends, in several rows (pitch?)',
    ]);
    expect(stats(ring)).toEqual(['every refused texel is on the border (addressing?)']);
  });
});

test('an alpha-only error shows in the difference picture and pixelmatch, though the opaque pictures agree', () => {
  const f = alphaOnly();
  const o = f.outputs[0]!;
  if (o.kind !== 'image') throw new Error('fixture: image expected');
  const p = levelPictures(o.levels[0]!, o.element, o.channels, o.tolerance);
  expect(Buffer.from(p.expected).equals(Buffer.from(p.actual))).toBe(true);
  expect(p.pixelmatchCount).toBe(6);
  expect(Array.from(p.diff.filter((_, i) => i % 4 === 0)).filter((v) => v > 0)).toHaveLength(6);
});

test('element kinds decode, print and display their codes', () => {
  expect([
    decodeElement('unorm8', 255),
    decodeElement('unorm16', 65535),
    decodeElement('float32', 0x3f800000),
    decodeElement('float16', 0x3c00),
    decodeElement('float16', 0xc000),
    decodeElement('sint32', 0xffffffff),
  ]).toEqual([1, 1, 1, 1, -2, -1]);
  expect([hexElement('unorm8', 7), hexElement('float16', 0x3c00), hexElement('uint32', 1)]).toEqual([
    '0x07',
    '0x3c00',
    '0x00000001',
  ]);
  expect([displayByte('unorm16', 0xabcd), displayByte('float32', 0x7fc00000), displayByte('float16', 0x3800)]).toEqual([
    0xab, 0, 128,
  ]);
});

test('the first screen: one row per kernel x output x backend, statuses counted apart, the run status shown', () => {
  const rows = [
    failingRow(dir, multiOutput()),
    passingRow('needs_f16', { status: 'unsupported', reason: 'adapter lacks shader-f16' }),
    passingRow('cuda_only', { backend: 'cuda', status: 'unavailable', reason: 'libcuda.so.1 not found' }),
    passingRow('fine'),
  ];
  const totals = { passed: 1, failed: 1, skipped: 0 };
  const m = pageModel(
    resultsFile({ runId: 'r', status: 'interrupted', interruptedBy: 'SIGINT', date: 'd', totals, sweeps: rows }),
  );
  expect(m.runStatus).toBe('interrupted');
  expect(m.runLine).toBe(
    'run interrupted (SIGINT) after 4 sweeps: 1 pass, 1 fail, 1 unsupported, 1 unavailable — the rest did not run',
  );
  expect(m.backends).toEqual(['cuda', 'wgsl']);
  expect(Object.fromEntries(m.totals.filter((t) => t.count).map((t) => [t.status, t.count]))).toEqual({
    fail: 1,
    unavailable: 1,
    unsupported: 1,
    pass: 1,
  });
  expect(m.rows.map((r) => `${r.kernel}/${r.output}/${r.backend}:${r.status}`)).toEqual([
    'deferred_shade/color/cuda:fail',
    'deferred_shade/depth/cuda:fail',
    'deferred_shade/features/cuda:fail',
    'cuda_only/out/cuda:unavailable',
    'needs_f16/out/wgsl:unsupported',
    'fine/out/wgsl:pass',
  ]);
  expect(m.rows.slice(0, 3).map((r) => [r.failure, r.note])).toEqual([
    ['f-deferred_shade--cuda', undefined],
    [undefined, 'output color failed first'],
    [undefined, 'output color failed first'],
  ]);
  expect(m.failures.map((f) => [f.anchor, f.script])).toEqual([
    ['f-deferred_shade--cuda', 'failures/deferred_shade--cuda/failure.js'],
    ['f-cuda_only--cuda', undefined],
    ['f-needs_f16', undefined],
  ]);
});
