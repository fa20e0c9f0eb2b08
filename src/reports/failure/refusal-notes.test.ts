/**
 * The note column explains every refused value: a tie refused by unormNearTie says how far the exact value lay
 * from the boundary (as the console does), a relative bound says which bounds it passed, and a policy that says
 * nothing gets the tolerance it broke.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { CapturedElements } from '../../core/sweep/failure-listeners.ts';
import { elementErrorMap } from '../../model/compare/element-errors.ts';
import { compareElements } from '../../model/compare/elements.ts';
import { compareTextures } from '../../model/compare/texels.ts';
import { absRel, exact, ulp, unormNearTie, type Policy } from '../../model/compare/policy.ts';
import { ELEMENT_TYPES } from '../../model/elements/element-types.ts';
import { channelNames } from '../../model/elements/shape.ts';
import { outputInput } from './capture-input.ts';
import type { FailureFile } from './failure-data.ts';
import { writeFailure } from './failure-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'twinpath-notes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const untouched = { pass: true, corruptBytes: 0, violations: [] };

/** The notes of the refused values the failure page lists for one output. */
function pageNotes(captured: CapturedElements): (string | undefined)[] {
  const a = writeFailure(dir, {
    kernel: `k_${captured.comparison.policy.replace(/\W/g, '')}`,
    case: 'c',
    seed: 1,
    path: '0',
    outputs: [outputInput(captured)],
  });
  const f = JSON.parse(readFileSync(join(dir, a.json!), 'utf8')) as FailureFile;
  return [...f.outputs[0]!.worst, ...f.outputs[0]!.first].map((v) => v.note);
}

test('a tie unormNearTie refused on an rgba8unorm texture: its distance from the boundary, as the console says', () => {
  const spec = { kind: 'texture', name: 'edges', format: 'rgba8unorm', width: 1, height: 1, images: 1 } as const;
  const expected = Uint8Array.from([55, 0, 0, 255]);
  const actual = Uint8Array.from([54, 0, 0, 255]);
  const exactValues = { rounding: 'nearest', values: [55.0207 / 255, 0, 0, 1] } as const;
  const policy = unormNearTie(2 ** -20);
  const comparison = compareTextures(expected, actual, { ...spec, policy, exact: exactValues });
  const map = elementErrorMap(expected, actual, { type: ELEMENT_TYPES.unorm8, policy, exact: exactValues });
  const captured: CapturedElements = {
    kind: 'elements',
    name: 'edges',
    outcome: 'mismatch',
    canary: untouched,
    spec,
    comparison,
    channels: channelNames(comparison.shape)!,
    map,
  };
  expect(pageNotes(captured)).toEqual(['exact 55.0207 is 0.5207 LSB from the nearest boundary at 54.5']);
});

function f32Buffer(policy: Policy, expected: number[], actual: number[]): CapturedElements {
  const [e, a] = [Float32Array.from(expected), Float32Array.from(actual)];
  const comparison = compareElements(e, a, { type: 'f32', policy });
  const map = elementErrorMap(e, a, { type: ELEMENT_TYPES.f32, policy });
  const spec = { kind: 'elements', name: 'out', element: 'f32', shape: [expected.length], guardBytes: 0 } as const;
  return { kind: 'elements', name: 'out', outcome: 'mismatch', canary: untouched, spec, comparison, map };
}

test('a relative bound, a ULP tolerance, an exact policy and NaN each say why the value was refused', () => {
  expect(pageNotes(f32Buffer(absRel(0.125, 0.25), [0.5], [0.75]))).toEqual([
    '|d| 0.25 > abs 0.125 and > rel 0.25 × |expected| = 0.125',
  ]);
  const oneUlp = 2 ** -23;
  expect(pageNotes(f32Buffer(ulp(3), [1, 1], [1 + 5 * oneUlp, NaN]))).toEqual([
    'NaN against a number: ulp(3) takes NaN as equal to NaN only',
    '+5 ULP is over the 3 ULP ulp(3) allows',
  ]);
  expect(pageNotes(f32Buffer(exact(), [1], [2]))).toEqual(['exact accepts no difference']);
});
