/**
 * GPU agreement on addressing: the texel byte addresses the shared WGSL
 * library computes from a TextureDesc in a storage buffer must equal the TS
 * addressing exactly, for every format, pitch and level count — every
 * level's four corners plus random texels.
 */
import {
  fc,
  caseMemo,
  createSurface,
  defineKernel,
  describeSurfaceCase,
  descFromCase,
  exact,
  surfaceCaseArb,
  wgsl,
  type SurfaceCase,
} from 'twinpath';
import { addressesDesc, texelAddresses, type Sample } from '../../oracles/texel-address.ts';

interface AddressCase {
  readonly surface: SurfaceCase;
  /** Random picks, mapped into each level's size. */
  readonly picks: ReadonlyArray<readonly [number, number, number]>;
}

const samples = caseMemo((c: AddressCase): Sample[] => {
  const levels = descFromCase(c.surface).levels;
  const corners = levels.flatMap((l): Sample[] => [
    [0, 0, l.level],
    [l.width - 1, 0, l.level],
    [0, l.height - 1, l.level],
    [l.width - 1, l.height - 1, l.level],
  ]);
  const random = c.picks.map(([x, y, l]): Sample => {
    const lv = levels[l % levels.length]!;
    return [x % lv.width, y % lv.height, lv.level];
  });
  return [...corners, ...random];
});

const surface = caseMemo((c: AddressCase) => createSurface(descFromCase(c.surface)));

export default defineKernel<AddressCase>({
  name: 'texel_address',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './texel-address.wgsl'),
  input: fc.record({
    surface: surfaceCaseArb({ maxSide: 300 }),
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 32 }),
  }),
  describe: (c) => `${samples(c).length} samples of ${describeSurfaceCase(c.surface)}`,
  cpu: (c) => texelAddresses(surface(c), samples(c)),
  gpu: (g, c) => {
    const s = samples(c);
    const out = g.output(addressesDesc(s.length));
    g.dispatch(
      'texel_address',
      { desc: g.desc(surface(c).desc), samples: g.storage(s.flatMap(([x, y, l]) => [x, y, l, 0])), addresses: out },
      [s.length],
    );
    return out;
  },
  compare: exact(),
  runs: 300,
});
