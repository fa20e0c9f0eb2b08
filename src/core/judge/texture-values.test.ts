/**
 * A texture output's oracle may return plain numbers: they are values in the format's element type (docs/api.md,
 * ElementExpectation), never bytes; a wrong count is a setup error naming the oracle and the count it must return.
 */
import { expect, test } from 'vitest';
import { runCase, sweep } from '../../index.ts';
import { packRgba8ShortOracle, packRgba8Values } from './fixtures/texture-oracles.ts';

test('numbers from a texture oracle are unorm values: the right texels pass', async () => {
  const r = await sweep(packRgba8Values, { runs: 8 });
  expect(r.pass, r.failure?.result.error).toBe(true);
});

test('an oracle one number short is a setup error naming the oracle, the texture and the count it must return', async () => {
  const r = await runCase(packRgba8ShortOracle, { width: 2, height: 3, seed: 1 });
  expect(r.outcome).toBe('setup-error');
  expect(r.error).toBe(
    'model_pack_rgba8_short_oracle: output out: the oracle returned 23 values for rgba8unorm texture 2x3 ' +
      '(unorm8 [3,2,4]): it must return 24, one per texel channel in memory order (r, g, b, a), ' +
      'as numbers or as stored codes in a typed array',
  );
});
