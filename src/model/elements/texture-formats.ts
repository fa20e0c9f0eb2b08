/**
 * WebGPU texture formats: the one table of their texel layouts (channel
 * order and encoding in memory), bytes per texel, binding sample type and
 * storage-texture capability — core and with device features. The decode and
 * encode of texels (texel-codec.ts) are driven by this table alone.
 */
import { scalarCodec, type ScalarCodec, type ScalarKind } from './scalar.ts';

export type TexelChannelName = 'r' | 'g' | 'b' | 'a';
/** WebGPU §"GPUTextureSampleType": what a `texture_2d<T>` binding of the format declares. */
export type TextureSampleType = 'float' | 'unfilterable-float' | 'uint' | 'sint';
/** WebGPU §"GPUStorageTextureAccess". */
export type StorageAccess = 'write-only' | 'read-only' | 'read-write';

export interface TexelChannel {
  readonly name: TexelChannelName;
  readonly codec: ScalarCodec;
  /** First bit of the channel in the texel, read as a little-endian integer. */
  readonly bitOffset: number;
}

/** A storage access the format gains with a device feature. */
export interface FeatureStorage {
  readonly feature: 'bgra8unorm-storage' | 'texture-formats-tier1' | 'texture-formats-tier2';
  readonly access: readonly StorageAccess[];
}

export interface TextureFormatInfo {
  readonly name: string;
  readonly bytesPerTexel: number;
  /** Channels in memory order: b, g, r, a for bgra8unorm. A shader sees them as r, g, b, a. */
  readonly channels: readonly TexelChannel[];
  readonly sampleType: TextureSampleType;
  /** `float32-filterable` makes a 32-bit float format's sample type `float` (WebGPU §"float32-filterable"). */
  readonly filterableWith?: 'float32-filterable';
  /** Storage-texture access in core WebGPU (WebGPU §"Plain color formats", STORAGE_BINDING columns). */
  readonly storage: readonly StorageAccess[];
  /** Storage-texture access only with a device feature, per feature (a later feature adds to an earlier). */
  readonly featureStorage: readonly FeatureStorage[];
}

const RW: readonly StorageAccess[] = ['write-only', 'read-only', 'read-write'];
const WR: readonly StorageAccess[] = ['write-only', 'read-only'];
const TIER1: FeatureStorage = { feature: 'texture-formats-tier1', access: WR };
const TIER2: FeatureStorage = { feature: 'texture-formats-tier2', access: RW };

interface Capabilities {
  readonly storage?: readonly StorageAccess[];
  readonly featureStorage?: readonly FeatureStorage[];
}

/**
 * A byte-aligned format: `order` names channels in memory order, each `bits`
 * wide of `kind`; `-srgb` formats store r, g, b with the sRGB transfer and alpha linearly.
 */
function plain(
  name: string,
  order: string,
  bits: number,
  kind: ScalarKind,
  caps: Capabilities = {},
): TextureFormatInfo {
  const srgb = name.endsWith('-srgb');
  const channels = [...order].map((c, i): TexelChannel => ({
    name: c as TexelChannelName,
    codec: scalarCodec(srgb && c !== 'a' ? 'srgb' : kind, bits),
    bitOffset: i * bits,
  }));
  return packed(name, channels, caps);
}

/** A format from its channels, low bits first; the sample type follows the channels' encoding. */
function packed(name: string, channels: readonly TexelChannel[], caps: Capabilities = {}): TextureFormatInfo {
  const bitsTotal = channels.reduce((n, c) => Math.max(n, c.bitOffset + c.codec.bits), 0);
  const { kind, bits } = channels[0]!.codec;
  const sampleType: TextureSampleType =
    kind === 'uint' || kind === 'sint' ? kind : kind === 'float' && bits === 32 ? 'unfilterable-float' : 'float';
  return {
    name,
    bytesPerTexel: bitsTotal / 8,
    channels,
    sampleType,
    ...(sampleType === 'unfilterable-float' ? { filterableWith: 'float32-filterable' as const } : {}),
    storage: caps.storage ?? [],
    featureStorage: caps.featureStorage ?? [],
  };
}

const ch = (name: TexelChannelName, kind: ScalarKind, bits: number, bitOffset: number): TexelChannel => ({
  name,
  codec: scalarCodec(kind, bits),
  bitOffset,
});

// Capabilities per WebGPU §"Plain color formats" (core: write-only/read-only, and read-write for
// r32*), §"bgra8unorm-storage", §"texture-formats-tier1" (write-only/read-only for 8/16-bit r/rg and
// the packed formats) and §"texture-formats-tier2" (read-write for r8, rgba8, r16, rgba16, rgba32).
const FORMATS: readonly TextureFormatInfo[] = [
  plain('r8unorm', 'r', 8, 'unorm', { featureStorage: [TIER1, TIER2] }),
  plain('r8snorm', 'r', 8, 'snorm', { featureStorage: [TIER1] }),
  plain('r8uint', 'r', 8, 'uint', { featureStorage: [TIER1, TIER2] }),
  plain('r8sint', 'r', 8, 'sint', { featureStorage: [TIER1, TIER2] }),
  plain('rg8unorm', 'rg', 8, 'unorm', { featureStorage: [TIER1] }),
  plain('rg8snorm', 'rg', 8, 'snorm', { featureStorage: [TIER1] }),
  plain('rg8uint', 'rg', 8, 'uint', { featureStorage: [TIER1] }),
  plain('rg8sint', 'rg', 8, 'sint', { featureStorage: [TIER1] }),
  plain('rgba8unorm', 'rgba', 8, 'unorm', { storage: WR, featureStorage: [TIER2] }),
  plain('rgba8unorm-srgb', 'rgba', 8, 'unorm'),
  plain('rgba8snorm', 'rgba', 8, 'snorm', { storage: WR }),
  plain('rgba8uint', 'rgba', 8, 'uint', { storage: WR, featureStorage: [TIER2] }),
  plain('rgba8sint', 'rgba', 8, 'sint', { storage: WR, featureStorage: [TIER2] }),
  plain('bgra8unorm', 'bgra', 8, 'unorm', {
    featureStorage: [{ feature: 'bgra8unorm-storage', access: ['write-only'] }],
  }),
  plain('bgra8unorm-srgb', 'bgra', 8, 'unorm'),
  plain('r16uint', 'r', 16, 'uint', { featureStorage: [TIER1, TIER2] }),
  plain('r16sint', 'r', 16, 'sint', { featureStorage: [TIER1, TIER2] }),
  plain('r16float', 'r', 16, 'float', { featureStorage: [TIER1, TIER2] }),
  plain('rg16uint', 'rg', 16, 'uint', { featureStorage: [TIER1] }),
  plain('rg16sint', 'rg', 16, 'sint', { featureStorage: [TIER1] }),
  plain('rg16float', 'rg', 16, 'float', { featureStorage: [TIER1] }),
  plain('rgba16uint', 'rgba', 16, 'uint', { storage: WR, featureStorage: [TIER2] }),
  plain('rgba16sint', 'rgba', 16, 'sint', { storage: WR, featureStorage: [TIER2] }),
  plain('rgba16float', 'rgba', 16, 'float', { storage: WR, featureStorage: [TIER2] }),
  plain('r32uint', 'r', 32, 'uint', { storage: RW }),
  plain('r32sint', 'r', 32, 'sint', { storage: RW }),
  plain('r32float', 'r', 32, 'float', { storage: RW }),
  plain('rg32uint', 'rg', 32, 'uint', { storage: WR }),
  plain('rg32sint', 'rg', 32, 'sint', { storage: WR }),
  plain('rg32float', 'rg', 32, 'float', { storage: WR }),
  plain('rgba32uint', 'rgba', 32, 'uint', { storage: WR, featureStorage: [TIER2] }),
  plain('rgba32sint', 'rgba', 32, 'sint', { storage: WR, featureStorage: [TIER2] }),
  plain('rgba32float', 'rgba', 32, 'float', { storage: WR, featureStorage: [TIER2] }),
  // Packed 32-bit texels, r in the lowest bits (WebGPU §"Packed formats" / Vulkan A2B10G10R10 and B10G11R11).
  packed(
    'rgb10a2unorm',
    [ch('r', 'unorm', 10, 0), ch('g', 'unorm', 10, 10), ch('b', 'unorm', 10, 20), ch('a', 'unorm', 2, 30)],
    {
      featureStorage: [TIER1],
    },
  ),
  packed(
    'rgb10a2uint',
    [ch('r', 'uint', 10, 0), ch('g', 'uint', 10, 10), ch('b', 'uint', 10, 20), ch('a', 'uint', 2, 30)],
    {
      featureStorage: [TIER1],
    },
  ),
  packed('rg11b10ufloat', [ch('r', 'ufloat', 11, 0), ch('g', 'ufloat', 11, 11), ch('b', 'ufloat', 10, 22)], {
    featureStorage: [TIER1],
  }),
];

/** Every texture format twinpath decodes, by its WebGPU name. */
export const TEXTURE_FORMATS: Readonly<Record<string, TextureFormatInfo>> = Object.fromEntries(
  FORMATS.map((f) => [f.name, f]),
);

/**
 * The format of a WebGPU name. An unknown one throws
 * `unknown texture format 'rgba8'; known: r8unorm, r8snorm, …` (depth and compressed formats have no
 * addressable texels here).
 */
export function textureFormat(name: string): TextureFormatInfo {
  const f = TEXTURE_FORMATS[name];
  if (!f) throw new Error(`unknown texture format '${name}'; known: ${Object.keys(TEXTURE_FORMATS).join(', ')}`);
  return f;
}

/** The channels a shader sees, in r, g, b, a order (a format's channels, reordered; rg formats have two). */
export function logicalChannels(f: TextureFormatInfo): readonly TexelChannel[] {
  return ['r', 'g', 'b', 'a'].flatMap((n) => f.channels.filter((c) => c.name === n));
}

/** The WGSL sampled type of a `texture_2d<T>` over the format (WGSL §"Sampled Texture Types"): f32, u32 or i32. */
export function wgslSampledType(f: TextureFormatInfo): 'f32' | 'u32' | 'i32' {
  return f.sampleType === 'uint' ? 'u32' : f.sampleType === 'sint' ? 'i32' : 'f32';
}

/**
 * Whether a storage texture of the format can be bound with `access` given
 * the device's features; when it cannot, the reason names what is missing:
 * `rgba8unorm storage textures with read-write access need the device feature texture-formats-tier2`
 * or `rgba8unorm-srgb cannot be a storage texture`.
 */
export function storageSupport(
  f: TextureFormatInfo,
  access: StorageAccess,
  features: Iterable<string> = [],
): { ok: true } | { ok: false; reason: string } {
  if (f.storage.includes(access)) return { ok: true };
  const have = new Set(features);
  // Enabling texture-formats-tier2 enables texture-formats-tier1 (WebGPU §"texture-formats-tier2").
  if (have.has('texture-formats-tier2')) have.add('texture-formats-tier1');
  const granting = f.featureStorage.filter((s) => s.access.includes(access));
  if (granting.some((s) => have.has(s.feature))) return { ok: true };
  if (granting.length === 0) {
    return {
      ok: false,
      reason:
        f.storage.length === 0 && f.featureStorage.length === 0
          ? `${f.name} cannot be a storage texture`
          : `${f.name} storage textures do not support ${access} access`,
    };
  }
  return {
    ok: false,
    reason:
      `${f.name} storage textures with ${access} access need the device feature ` +
      granting.map((s) => s.feature).join(' or '),
  };
}
