/**
 * The bounds-checked build is WGSL Dawn accepts (on lavapipe here): every
 * kind of access rewritten, and the record buffer in the layout of each entry
 * point that reaches a check, also through the functions it calls, and of no
 * other.
 */
import { expect, test } from 'vitest';
import { gpuSession } from '../../backends/wgsl/session.ts';
import { wgsl } from '../source.ts';
import { instrumentBounds } from './instrument.ts';

test('the checked build compiles, and binds the record buffer where an entry point reaches a check', async () => {
  const check = instrumentBounds(wgsl(import.meta.url, '../fixtures/bounds-check.wgsl'));
  expect([...check.recordUsers].sort()).toEqual(['four', 'main', 'two']);
  const { device, pipelines } = await gpuSession();
  const module = await pipelines.module('bounds_check', check.source, { guarded: false });
  const storage = (size: number, usage = GPUBufferUsage.STORAGE) => device.createBuffer({ size, usage });
  const s = { binding: 1, resource: { buffer: storage(32) } };
  const p = { binding: 2, resource: { buffer: storage(320, GPUBufferUsage.UNIFORM) } };
  const record = { binding: check.record!.binding, resource: { buffer: storage(check.record!.bytes) } };
  const bindGroup = async (entry: string, entries: GPUBindGroupEntry[]) => {
    device.pushErrorScope('validation');
    const layout = pipelines.pipeline(module, entry).getBindGroupLayout(0);
    device.createBindGroup({ layout, entries });
    return (await device.popErrorScope())?.message ?? null;
  };
  // `two` reaches the check only through helper(): its layout has the record buffer.
  expect(await bindGroup('two', [s, p, record])).toBeNull();
  expect(await bindGroup('three', [s])).toBeNull();
  // Planted: `three` checks nothing, so a record buffer given to it is refused.
  expect(await bindGroup('three', [s, record])).toMatch(
    /^In entries\[1\], binding index 5 not present in the bind group layout/,
  );
});
