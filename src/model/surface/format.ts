/**
 * Pixel formats as prgpu/VEKL store them (docs/facts.md#textures): a storage kind that
 * fixes the bytes per pixel, and a channel layout that fixes the order of the
 * four channels in memory.
 */

/**
 * How each channel is stored. The numeric codes are TextureDesc.storage.
 * `Float32x1` (code 3) is twinpath's own, not VEKL's: one f32 per element,
 * for tensors and other single-channel data (im2col); the WGSL texture
 * library's loadTexel/storeTexel do not handle it.
 */
export type Storage = 'Unorm8x4' | 'Unorm16x4' | 'Float32x4' | 'Float32x1';
/** Channel order in memory. The numeric codes are TextureDesc.layout. */
export type Layout = 'Rgba' | 'Bgra';

export const STORAGE_CODE: Readonly<Record<Storage, number>> = {
  Unorm8x4: 0,
  Unorm16x4: 1,
  Float32x4: 2,
  Float32x1: 3,
};
export const LAYOUT_CODE: Readonly<Record<Layout, number>> = { Rgba: 0, Bgra: 1 };

export interface PixelFormat {
  readonly storage: Storage;
  readonly layout: Layout;
}

/** Logical channel names, in the order oracles and reports use. */
export const CHANNELS = ['r', 'g', 'b', 'a'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Every format twinpath sweeps by default. */
export const ALL_FORMATS: readonly PixelFormat[] = (['Unorm8x4', 'Unorm16x4', 'Float32x4'] as const).flatMap(
  (storage) => (['Rgba', 'Bgra'] as const).map((layout) => ({ storage, layout })),
);

/** Bytes per pixel of a storage kind: 4, 8 or 16. */
export function bytesPerPixel(storage: Storage): number {
  return storage === 'Unorm8x4' || storage === 'Float32x1' ? 4 : storage === 'Unorm16x4' ? 8 : 16;
}

/** Channels per pixel: 4, or 1 for Float32x1. */
export function channelCount(storage: Storage): number {
  return storage === 'Float32x1' ? 1 : 4;
}

/** Bytes per channel of a storage kind: 1, 2 or 4. */
export function bytesPerChannel(storage: Storage): number {
  return bytesPerPixel(storage) / channelCount(storage);
}

/** Largest encoded value of a unorm storage (255 or 65535); undefined for floats. */
export function unormMax(storage: Storage): number | undefined {
  return storage === 'Unorm8x4' ? 255 : storage === 'Unorm16x4' ? 65535 : undefined;
}

/**
 * Memory slot (0..3) that holds logical channel `c` (0 = r .. 3 = a).
 * Bgra swaps r and b, as VEKL does on load and store.
 */
export function memorySlot(layout: Layout, c: number): number {
  return layout === 'Bgra' && (c === 0 || c === 2) ? 2 - c : c;
}

/** `Unorm8x4/Bgra` — the name reports and replay lines use. */
export function formatName(f: PixelFormat): string {
  return `${f.storage}/${f.layout}`;
}
