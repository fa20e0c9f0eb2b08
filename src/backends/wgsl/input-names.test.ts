/**
 * An input buffer is named as the failure data and page show it: by the one WGSL variable a dispatch bound it to,
 * else (bound to none or to several, or labelled by the kernel) as before. Inline kernel: no real kernel imported.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { exact } from '../../model/compare/policy.ts';
import { defineKernel } from '../../core/kernel/kernel.ts';
import { runCase } from '../../core/sweep/case.ts';
import type { InputUpload } from '../../model/output/run.ts';
import { wgslJoin } from '../../wgsl/source.ts';

const TWO_PASSES = `
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> data: array<u32>;
@group(0) @binding(2) var<storage, read> weights: array<u32>;
@group(0) @binding(3) var<storage, read_write> dst: array<u32>;
@group(0) @binding(4) var<storage, read> b: array<u32>;

@compute @workgroup_size(1)
fn first() {
  dst[0] = a[0] + data[0] + weights[0];
}

@compute @workgroup_size(1)
fn second() {
  dst[1] = b[0];
}
`;

/**
 * One buffer bound as `a` then as `b`, one as `data` only, one labelled `gains` by the kernel, one never bound;
 * with `twice`, a second buffer bound as `data` only, in a third pass.
 */
const twoPasses = defineKernel<boolean>({
  name: 'inline_input_names',
  wgsl: wgslJoin([{ file: 'inline-input-names.wgsl', code: TWO_PASSES }]),
  input: fc.boolean(),
  describe: (twice) => `data bound ${twice ? 'twice' : 'once'}`,
  cpu: () => new Uint32Array([1 + 2 + 3, 1]),
  gpu: (g, twice) => {
    const dst = g.outputBuffer({ element: 'u32', shape: [2] });
    const shared = g.buffer(new Uint32Array([1]));
    const data = g.buffer(new Uint32Array([2]));
    const gains = g.buffer(new Uint32Array([3]), { label: 'gains' });
    g.buffer(new Uint32Array([4]));
    g.dispatch('first', { a: shared, data, weights: gains, dst }, [1]);
    g.dispatch('second', { b: shared, dst }, [1]);
    if (twice) g.dispatch('first', { a: shared, data: g.buffer(new Uint32Array([2])), weights: gains, dst }, [1]);
    return dst;
  },
  compare: exact(),
});

test('an input bound to one variable is named by it; bound to several or none, or labelled, it keeps its label', async () => {
  let inputs: readonly InputUpload[] = [];
  const r = await runCase(twoPasses, false, { onInputs: (i) => (inputs = i) });
  expect(r.outcome, r.error).toBe('pass');
  expect(inputs.map((i) => i.label)).toEqual(['buffer 1', 'data', 'gains', 'buffer 4']);
});

test('two inputs each bound to a variable of one name keep their labels: neither is the one `data`', async () => {
  let inputs: readonly InputUpload[] = [];
  const r = await runCase(twoPasses, true, { onInputs: (i) => (inputs = i) });
  expect(r.outcome, r.error).toBe('pass');
  expect(inputs.map((i) => i.label)).toEqual(['buffer 1', 'buffer 2', 'gains', 'buffer 4', 'buffer 5']);
});
