/** Two runs of one case that write a texture output differently: the first difference located by texel and channel. */
import { expect, test } from 'vitest';
import { runCase } from '../../index.ts';
import { driftingTexture } from './fixtures/drifting-texture.ts';

test('a texture that differs between two runs is located by level, layer, texel and channel, not by byte', async () => {
  const r = await runCase(driftingTexture, { width: 3, height: 2, seed: 7 }, { twice: true });
  expect(r.outcome).toBe('nondeterministic');
  expect(r.error).toBe(
    'model_pack_rgba8_drifting: two runs of the same case differ (a race or an uninitialised read?): ' +
      'first at level 0 layer 0 texel (0,0) channel r (buffer offset 0): 0x2c then 0xd3',
  );
});
