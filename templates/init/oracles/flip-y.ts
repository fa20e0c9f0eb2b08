/**
 * The oracle of flip_y: the rows of the surface in reverse order. Pure
 * TypeScript from `twinpath/oracle`, which reaches nothing that touches a GPU.
 */
import { createSurface, type Surface } from 'twinpath/oracle';

/** Returns a new surface with the rows of `src` upside down (padding bytes stay zero). */
export function flipY(src: Surface): Surface {
  const out = createSurface(src.desc);
  const { pitchBytes, height, width, bytesPerPixel } = src.desc;
  const row = width * bytesPerPixel;
  for (let y = 0; y < height; y++) {
    const from = (height - 1 - y) * pitchBytes;
    out.bytes.set(src.bytes.subarray(from, from + row), y * pitchBytes);
  }
  return out;
}
