/**
 * Oracle of prgpu's prepare_mip_source copy (docs/facts.md#textures), mirroring
 * kernels/prepare_mip_source/prepare-mip-source.wgsl: level 0 of a pitched
 * source copied row by row into level 0 of a mip buffer with its own pitch.
 * A pure byte copy: the GPU must match it exactly.
 */
import { type TextureDesc, createSurface, type Surface } from 'twinpath/oracle';

/** A surface for `mips` whose level 0 holds `source`'s texels; other bytes zero. */
export function prepareMipSource(source: Surface, mips: TextureDesc): Surface {
  const out = createSurface(mips);
  const rowBytes = source.desc.width * source.desc.bytesPerPixel;
  const from = source.desc.levels[0]!;
  const to = mips.levels[0]!;
  for (let y = 0; y < source.desc.height; y++) {
    const start = from.offsetBytes + y * from.pitchBytes;
    out.bytes.set(source.bytes.subarray(start, start + rowBytes), to.offsetBytes + y * to.pitchBytes);
  }
  return out;
}
