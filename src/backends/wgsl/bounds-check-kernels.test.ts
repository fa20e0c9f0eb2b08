/**
 * Every kernel of this repository has a bounds-checked build Dawn compiles, and the check sees every one of its
 * accesses (none through a pointer it cannot follow), so `--sanitize` runs each of them rather than finding it
 * unsupported.
 */
import { expect, test } from 'vitest';
import { KERNELS } from '../../../kernels/index.ts';
import { instrumentBounds } from '../../wgsl/bounds-check/instrument.ts';
import type { WgslSource } from '../../wgsl/source.ts';
import { gpuSession } from './session.ts';

test.each([...KERNELS.keys()])('%s: its bounds-checked build compiles and checks every access', async (name) => {
  const k = KERNELS.get(name)!;
  const { pipelines } = await gpuSession(undefined, k.requires);
  const sources = [k.wgsl, ...Object.values(k.modules ?? {})].filter((s): s is WgslSource => s !== undefined);
  for (const src of sources) {
    const check = instrumentBounds(src);
    expect(check.unchecked).toEqual([]);
    expect(check.sites.length).toBeGreaterThan(0);
    await pipelines.module(name, check.source, { guarded: false });
  }
});
