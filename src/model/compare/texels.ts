/**
 * Texture readbacks compared as typed elements: a format whose channels
 * share one encoding is an `[h, w, channels]` array of that element type
 * (`[layers, h, w, channels]` for arrays and 3D), channel names in memory
 * order (b, g, r, a for bgra8unorm), rows unpadded from a copy's 256-byte pitch.
 */
import { ELEMENT_TYPES, type ElementTypeName } from '../elements/element-types.ts';
import { unpadRows, type CopyLayout } from '../elements/row-pitch.ts';
import { textureFormat, type TextureFormatInfo } from '../elements/texture-formats.ts';
import { compareElements, type CompareElementsOptions, type ElementComparisonRecord } from './elements.ts';

/** How a format's texels read as elements: the element type every channel is, and the channels in memory order. */
export interface TexelElements {
  readonly type: ElementTypeName;
  readonly channels: readonly string[];
}

/**
 * The element view of a format. sRGB formats compare their 8-bit codes
 * (unorm8: exact, unormLsb or unormNearTie on the encoded values). Packed
 * formats have channels of different widths and throw:
 * `rgb10a2unorm packs channels of different widths (unorm10, unorm10, unorm10, unorm2): compare its 32-bit words
 * exactly (type u32, shape [h, w]) or decodeTexel's values`.
 */
export function texelElements(format: string | TextureFormatInfo): TexelElements {
  const f = typeof format === 'string' ? textureFormat(format) : format;
  const codecs = f.channels.map((c) => (c.codec.kind === 'srgb' ? ELEMENT_TYPES.unorm8.codec : c.codec));
  const type = (Object.keys(ELEMENT_TYPES) as ElementTypeName[]).find((n) =>
    codecs.every((c) => c === ELEMENT_TYPES[n].codec),
  );
  if (!type) {
    const names = f.channels.map((c) => c.codec.name).join(', ');
    throw new Error(
      `${f.name} packs channels of different widths (${names}): ` +
        "compare its 32-bit words exactly (type u32, shape [h, w]) or decodeTexel's values",
    );
  }
  return { type, channels: f.channels.map((c) => c.name) };
}

export interface CompareTexturesOptions extends Omit<CompareElementsOptions, 'type' | 'shape'> {
  readonly format: string | TextureFormatInfo;
  readonly width: number;
  readonly height: number;
  /** Array layers or depth slices (default 1; more make locations (x,y,z)). */
  readonly images?: number;
  /** The copy layout the bytes were read back with (padded rows); omitted, rows are tight. */
  readonly layout?: CopyLayout;
}

/**
 * Compares two texture readbacks of one format texel channel by channel;
 * locations read `(x,y) g` (`(x,y,z) g` with several images). A don't-care
 * mask and exact values index the tight texel channels, memory order.
 * Throws as compareElements does, and for packed formats (texelElements).
 */
export function compareTextures(
  expected: Uint8Array,
  actual: Uint8Array,
  o: CompareTexturesOptions,
): ElementComparisonRecord {
  const view = texelElements(o.format);
  const images = o.images ?? 1;
  const tight = (bytes: Uint8Array) =>
    o.layout && o.layout.bytesPerRow !== o.layout.rowBytes ? unpadRows(bytes, o.layout) : bytes;
  const dims = [...(images > 1 ? [images] : []), o.height, o.width, view.channels.length];
  return compareElements(tight(expected), tight(actual), {
    type: view.type,
    shape: { dims, channels: view.channels },
    policy: o.policy,
    ...(o.dontCare ? { dontCare: o.dontCare } : {}),
    ...(o.exact ? { exact: o.exact } : {}),
    ...(o.firstN === undefined ? {} : { firstN: o.firstN }),
  });
}
