/**
 * Row pitches of buffer <-> texture copies. WebGPU §"GPUTexelCopyBufferLayout":
 * a copy's bytesPerRow must be a multiple of 256 (copyTextureToBuffer and
 * copyBufferToTexture; writeTexture has no such rule) and the buffer must
 * hold every row of every image, the last row tight.
 */
import type { TextureFormatInfo } from './texture-formats.ts';

/** WebGPU's copy bytes-per-row alignment. */
export const COPY_BYTES_PER_ROW_ALIGNMENT = 256;

export interface CopyLayout {
  /** Bytes of one row of texels, unpadded. */
  readonly rowBytes: number;
  /** The padded pitch a copy uses: rowBytes rounded up to 256. */
  readonly bytesPerRow: number;
  readonly rowsPerImage: number;
  /** Images (array layers or depth slices). */
  readonly images: number;
  /** Bytes the buffer needs, rounded up to 4 (buffer sizes are multiples of 4 to be mappable). */
  readonly bufferBytes: number;
}

/** The layout of a copy of `width x height x images` texels of `f` into (or from) a buffer. */
export function copyLayout(f: TextureFormatInfo, width: number, height: number, images = 1): CopyLayout {
  const rowBytes = width * f.bytesPerTexel;
  const bytesPerRow =
    Math.ceil(rowBytes / COPY_BYTES_PER_ROW_ALIGNMENT) * COPY_BYTES_PER_ROW_ALIGNMENT || COPY_BYTES_PER_ROW_ALIGNMENT;
  const needed =
    images === 0 || height === 0 ? 0 : bytesPerRow * height * (images - 1) + bytesPerRow * (height - 1) + rowBytes;
  return { rowBytes, bytesPerRow, rowsPerImage: height, images, bufferBytes: Math.ceil(needed / 4) * 4 };
}

/** The texels of a padded copy as tight rows (rowBytes apart), images one after the other. */
export function unpadRows(padded: Uint8Array, l: CopyLayout): Uint8Array {
  const out = new Uint8Array(l.rowBytes * l.rowsPerImage * l.images);
  for (let i = 0; i < l.images; i++) {
    for (let y = 0; y < l.rowsPerImage; y++) {
      const from = (i * l.rowsPerImage + y) * l.bytesPerRow;
      out.set(padded.subarray(from, from + l.rowBytes), (i * l.rowsPerImage + y) * l.rowBytes);
    }
  }
  return out;
}

/** Tight rows laid out at the copy's padded pitch, for an upload through a buffer (padding zero). */
export function padRows(tight: Uint8Array, l: CopyLayout): Uint8Array {
  const out = new Uint8Array(l.bufferBytes);
  for (let r = 0; r < l.rowsPerImage * l.images; r++)
    out.set(tight.subarray(r * l.rowBytes, (r + 1) * l.rowBytes), r * l.bytesPerRow);
  return out;
}
