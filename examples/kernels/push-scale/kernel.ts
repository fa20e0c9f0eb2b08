/** A wgpu-style kernel: its parameters in a `var<push_constant>`, bound by name like any other variable; wrapping u32, exact. */
import { defineKernel, exact, fc, prng, struct, u32, wgsl } from 'twinpath';

export const PUSH_CONSTANTS = struct('PushConstants', { scale: u32, offset: u32, count: u32 });

export interface ScaleCase {
  readonly count: number;
  readonly scale: number;
  readonly offset: number;
  readonly seed: number;
}

export function inputs(c: ScaleCase): Uint32Array {
  const next = prng(c.seed);
  return Uint32Array.from({ length: c.count }, () => next());
}

export const pushScale = defineKernel<ScaleCase>({
  name: 'example_push_scale',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './push-scale.wgsl'),
  input: fc.record({ count: fc.integer({ min: 1, max: 5000 }), scale: fc.nat(), offset: fc.nat(), seed: fc.nat() }),
  describe: (c) => `${c.count} u32 * ${c.scale} + ${c.offset} #${c.seed}`,
  cpu: (c) => inputs(c).map((v) => (Math.imul(v, c.scale) + c.offset) >>> 0),
  gpu: (g, c) => {
    const output = g.outputBuffer({ name: 'output', element: 'u32', shape: [c.count] });
    g.dispatch(
      'main',
      {
        input: g.buffer(inputs(c)),
        output,
        pc: g.struct(PUSH_CONSTANTS, { scale: c.scale, offset: c.offset, count: c.count }),
      },
      [c.count],
    );
    return output;
  },
  compare: exact(),
});
