/**
 * A one-dimensional dispatch past the device's workgroups per dimension is split over y, and a kernel that
 * computes its linear index as documented sees every index once; the planted kernel that ignores y fails, shrunk
 * to the first count that needs the split. `g.dispatchWorkgroups` dispatches exact counts, refused past the limit
 * naming it.
 */
import { describe, expect, test } from 'vitest';
import { defineKernel } from '../../core/kernel/kernel.ts';
import { runCase } from '../../core/sweep/case.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import { renderOutputComparison } from '../../core/judge/judge.ts';
import { explicitGroups, splitIndex, splitIndexXOnly } from './fixtures/split-dispatch.ts';

const LIMIT = /this device allows \d+ per dimension \(maxComputeWorkgroupsPerDimension\)/;

describe('a dispatch past the workgroups one dimension allows', () => {
  test('is split over y: every linear index is written once, below and past the limit', async () => {
    for (const n of [1, 1000, 65_535, 65_536]) expect((await runCase(splitIndex, n)).outcome, `${n}`).toBe('pass');
  });

  test('planted: a kernel that ignores gid.y overwrites its rows and leaves the tail unwritten', async () => {
    const r = await runCase(splitIndexXOnly, 65_536);
    expect(r.outcome).toBe('mismatch');
    expect(renderOutputComparison(r.comparison!).split('\n')[0]).toBe(
      '32768 of 65536 values differ (policy exact, u32 [65536])',
    );
    expect((await runCase(splitIndexXOnly, 65_535)).outcome).toBe('pass');
  });

  test("sizes reach the split; the planted kernel's failure shrinks to the first count past it", async () => {
    const good = await sweep(splitIndex, { runs: 24, seed: 3 });
    expect(good.pass).toBe(true);
    expect(good.cases.some((c) => Number.parseInt(c.case) > 65_535)).toBe(true);
    const bad = await sweep(splitIndexXOnly, { runs: 24, seed: 3 });
    console.log(renderSweepFailure(bad));
    expect(bad.pass).toBe(false);
    expect(bad.failure?.result.case).toBe('65536 invocations');
  });

  test('past the limit in two dimensions, the case is a setup error naming the limit', async () => {
    const wide = defineKernel({
      ...splitIndex,
      name: 'too_wide',
      gpu: (g, n: number) => {
        const out = g.outputBuffer({ element: 'u32', shape: [n] });
        g.dispatch('main', { out, count: g.uniform([n]) }, [70_000, 2]);
        return out;
      },
    });
    const r = await runCase(wide, 4);
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toMatch(/^too_wide: main needs 70000x2x1 workgroups; /);
    expect(r.error).toMatch(LIMIT);
  });
});

describe('g.dispatchWorkgroups', () => {
  test('dispatches exactly [x, y, z] workgroups', async () => {
    for (const c of [
      [1, 1, 1],
      [5, 3, 2],
      [4, 1, 2],
    ] as const)
      expect((await runCase(explicitGroups, c)).outcome).toBe('pass');
  });

  test('planted: counts past the limit, or not whole, are refused naming the limit', async () => {
    const over = await runCase(explicitGroups, [70_000, 1, 1]);
    expect(over.outcome).toBe('setup-error');
    expect(over.error).toMatch(/^explicit_groups: dispatchWorkgroups\(main\) asks for 70000x1x1 workgroups; /);
    expect(over.error).toMatch(LIMIT);
    expect(over.error).toMatch(/Fix: split them over y or z$/);
    const half = await runCase(explicitGroups, [1.5, 1, 1]);
    expect(half.error).toBe(
      'explicit_groups: dispatchWorkgroups(main) asks for 1.5x1x1 workgroups: counts are whole numbers >= 0',
    );
  });
});
