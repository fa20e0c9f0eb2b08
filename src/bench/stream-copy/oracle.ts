/** Oracle of stream_copy: the output is the input, byte for byte. */
import { cloneSurface, type Surface } from '../../model/surface/surface.ts';

export function streamCopy(src: Surface): Surface {
  return cloneSurface(src);
}
