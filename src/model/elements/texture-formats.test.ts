import { describe, expect, test } from 'vitest';
import { prng } from '../arbitraries/contents.ts';
import { BGRA8_SWAPPED } from '../../core/fixtures/swapped-channel-format.ts';
import { copyLayout, padRows, unpadRows } from './row-pitch.ts';
import { scalarCodec, type ScalarKind } from './scalar.ts';
import { decodeTexel, encodeTexel, texelCodes, writeTexelCodes } from './texel-codec.ts';
import {
  storageSupport,
  TEXTURE_FORMATS,
  textureFormat,
  wgslSampledType,
  type TextureFormatInfo,
} from './texture-formats.ts';

const ISSUE_FORMATS = [
  'rgba8unorm',
  'rgba8unorm-srgb',
  'bgra8unorm',
  'rgba16float',
  'rgba32float',
  'r32float',
  'r32uint',
  'rg32float',
];

/**
 * A format's memory layout read from its WebGPU name alone (not from the table):
 * channels low bits first, each with its width — `bgra8unorm` is b, g, r, a of 8
 * bits; `rgb10a2unorm` r, g, b of 10 and a of 2; `rg11b10ufloat` r, g of 11 and b of 10.
 */
function layoutFromName(name: string): { name: string; bits: number }[] {
  const m = /^([rgba]+)(\d+)(?:([rgba]+)(\d+))?/.exec(name)!;
  const group = (letters: string, bits: string) => [...letters].map((c) => ({ name: c, bits: Number(bits) }));
  return [...group(m[1]!, m[2]!), ...(m[3] ? group(m[3], m[4]!) : [])];
}

/** Each format whose table entry reads channels from other places than its name says, with what it read. */
function channelOrderProblems(formats: readonly TextureFormatInfo[]): string[] {
  return formats.flatMap((f) => {
    const layout = layoutFromName(f.name);
    const bytes = new Uint8Array(16);
    let bit = 0;
    const codeOf: Record<string, number> = {};
    layout.forEach((c, i) => {
      // Distinct codes per memory slot; the fourth (alpha, 2 bits in rgb10a2) fits in 2 bits.
      const code = [5, 6, 7, 3][i]!;
      codeOf[c.name] = code;
      for (let b = 0; b < c.bits; b++) if ((code >> b) & 1) bytes[(bit + b) >> 3]! |= 1 << ((bit + b) & 7);
      bit += c.bits;
    });
    const want = ['r', 'g', 'b', 'a'].filter((c) => c in codeOf).map((c) => codeOf[c]!);
    const got = texelCodes(f, bytes, 0);
    return got.join() === want.join()
      ? []
      : [
          `${f.name}: channels read [${got}], ` +
            `its layout (${layout.map((c) => c.name).join(', ')} in memory) holds [${want}]`,
        ];
  });
}

describe('the format table', () => {
  test('covers the formats kernels use, with bytes per texel from the layout its name gives', () => {
    for (const name of ISSUE_FORMATS) expect(TEXTURE_FORMATS).toHaveProperty([name]);
    for (const f of Object.values(TEXTURE_FORMATS))
      expect(f.bytesPerTexel * 8, f.name).toBe(layoutFromName(f.name).reduce((n, c) => n + c.bits, 0));
    expect(() => textureFormat('rgba8')).toThrow(/unknown texture format 'rgba8'; known: r8unorm, /);
  });

  test('every format reads each channel from where its name puts it', () => {
    expect(channelOrderProblems(Object.values(TEXTURE_FORMATS))).toEqual([]);
  });

  test('planted: bgra8unorm with r and b swapped in the table is caught', () => {
    expect(channelOrderProblems([BGRA8_SWAPPED])).toEqual([
      'bgra8unorm: channels read [5,6,7,3], its layout (b, g, r, a in memory) holds [7,6,5,3]',
    ]);
  });
});

describe('channel codecs, exhaustive over every 8-, 10-, 11- and 16-bit code', () => {
  const codecs: [ScalarKind, number][] = [
    ['unorm', 8],
    ['snorm', 8],
    ['uint', 8],
    ['sint', 8],
    ['srgb', 8],
    ['unorm', 16],
    ['uint', 16],
    ['sint', 16],
    ['float', 16],
    ['unorm', 10],
    ['unorm', 2],
    ['uint', 10],
    ['uint', 2],
    ['ufloat', 11],
    ['ufloat', 10],
  ];
  test.each(codecs)('%s%i: decode then encode gives the code back', (kind, bits) => {
    const c = scalarCodec(kind, bits);
    for (let code = 0; code < 2 ** bits; code++) {
      const v = c.decode(code);
      // snorm's most negative code decodes to -1 like its neighbour (Vulkan's max(c / 127, -1)); NaN to the quiet NaN.
      const back = c.encode(v);
      const canonical = kind === 'snorm' && code === 2 ** (bits - 1) ? code + 1 : Number.isNaN(v) ? back : code;
      if (back !== canonical) expect.fail(`${c.name} code ${c.hex(code)} (${v}) encoded back to ${c.hex(back)}`);
    }
  });

  test('unorm and snorm decode to the f32 nearest code / max', () => {
    for (let code = 0; code < 256; code++) {
      expect(scalarCodec('unorm', 8).decode(code)).toBe(Math.fround(code / 255));
      const s = code < 128 ? code : code - 256;
      expect(scalarCodec('snorm', 8).decode(code)).toBe(Math.fround(Math.max(s / 127, -1)));
    }
    expect(scalarCodec('unorm', 16).decode(65535)).toBe(1);
  });

  test('sRGB decode follows the EOTF: known points, monotone, alpha stays linear', () => {
    const srgb = scalarCodec('srgb', 8);
    expect(srgb.decode(0)).toBe(0);
    expect(srgb.decode(255)).toBe(1);
    expect(srgb.decode(10)).toBe(Math.fround(10 / 255 / 12.92));
    expect(srgb.decode(188)).toBeCloseTo(0.50289, 5);
    for (let c = 1; c < 256; c++) expect(srgb.decode(c)).toBeGreaterThan(srgb.decode(c - 1));
    const f = textureFormat('rgba8unorm-srgb');
    expect(decodeTexel(f, new Uint8Array([188, 188, 188, 188]), 0)).toEqual([
      srgb.decode(188),
      srgb.decode(188),
      srgb.decode(188),
      Math.fround(188 / 255),
    ]);
  });

  test('unorm encode rounds to nearest and saturates; integers out of range are refused', () => {
    const u8 = scalarCodec('unorm', 8);
    expect([u8.encode(-1), u8.encode(2), u8.encode(NaN), u8.encode(127.4 / 255), u8.encode(127.6 / 255)]).toEqual([
      0, 255, 0, 127, 128,
    ]);
    expect(scalarCodec('snorm', 8).encode(-2)).toBe(0x81);
    expect(() => scalarCodec('uint', 8).encode(300)).toThrow('uint8: 300 is not an integer in [0, 255]');
    expect(() => scalarCodec('sint', 32).encode(0.5)).toThrow(
      'sint32: 0.5 is not an integer in [-2147483648, 2147483647]',
    );
  });
});

describe('texels', () => {
  test.each(Object.keys(TEXTURE_FORMATS))('%s: random texels decode and re-encode to the same bytes', (name) => {
    const f = textureFormat(name);
    const next = prng(name.length * 7919);
    const bytes = new Uint8Array(f.bytesPerTexel * 64);
    for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
    const out = new Uint8Array(bytes.length);
    for (let t = 0; t < 64; t++) {
      const at = t * f.bytesPerTexel;
      const values = decodeTexel(f, bytes, at);
      encodeTexel(f, out, at, values);
      const want = texelCodes(f, bytes, at);
      const got = texelCodes(f, out, at);
      const channels = [...f.channels].sort((a, b) => 'rgba'.indexOf(a.name) - 'rgba'.indexOf(b.name));
      got.forEach((code, i) => {
        const c = channels[i]!.codec;
        const canonical = Number.isNaN(values[i]!)
          ? code
          : c.kind === 'snorm' && want[i] === 2 ** (c.bits - 1)
            ? want[i]! + 1
            : want[i];
        if (code !== canonical)
          expect.fail(
            `${name} texel ${t} channel ${channels[i]!.name}: ${c.hex(want[i]!)} -> ${values[i]} -> ${c.hex(code)}`,
          );
      });
    }
  });

  test.each(Object.keys(TEXTURE_FORMATS))(
    '%s: codes read and written back give the same bytes, NaNs included',
    (name) => {
      const f = textureFormat(name);
      const next = prng(name.length * 104729);
      const bytes = Uint8Array.from({ length: f.bytesPerTexel * 64 }, () => next() & 0xff);
      const out = new Uint8Array(bytes.length);
      for (let at = 0; at < bytes.length; at += f.bytesPerTexel) writeTexelCodes(f, out, at, texelCodes(f, bytes, at));
      expect(out).toEqual(bytes);
    },
  );

  test('packed formats put r in the low bits', () => {
    const word = (b: Uint8Array) => new DataView(b.buffer).getUint32(0, true);
    const b = new Uint8Array(4);
    encodeTexel(textureFormat('rgb10a2unorm'), b, 0, [1, 0, 0, 1]);
    expect(word(b)).toBe((0x3ff | (3 << 30)) >>> 0);
    encodeTexel(textureFormat('rg11b10ufloat'), b.fill(0), 0, [0, 0, 1]);
    expect(word(b)).toBe((15 << 5) << 22);
  });
});

describe('capabilities', () => {
  test('sample types and WGSL sampled types', () => {
    expect(
      ['rgba8unorm', 'r32float', 'r32uint', 'rgba8sint', 'rgba16float'].map((n) => textureFormat(n).sampleType),
    ).toEqual(['float', 'unfilterable-float', 'uint', 'sint', 'float']);
    expect(textureFormat('rg32float').filterableWith).toBe('float32-filterable');
    expect(wgslSampledType(textureFormat('rgba32uint'))).toBe('u32');
  });

  test('storage access: core, with features, never', () => {
    const f = textureFormat;
    expect(storageSupport(f('r32float'), 'read-write')).toEqual({ ok: true });
    expect(storageSupport(f('rgba8unorm'), 'write-only')).toEqual({ ok: true });
    expect(storageSupport(f('rgba8unorm'), 'read-write')).toEqual({
      ok: false,
      reason: 'rgba8unorm storage textures with read-write access need the device feature texture-formats-tier2',
    });
    expect(storageSupport(f('rgba16float'), 'read-write', ['texture-formats-tier2'])).toEqual({ ok: true });
    expect(storageSupport(f('r8unorm'), 'write-only', ['texture-formats-tier2'])).toEqual({ ok: true });
    expect(storageSupport(f('bgra8unorm'), 'write-only')).toMatchObject({
      ok: false,
      reason: 'bgra8unorm storage textures with write-only access need the device feature bgra8unorm-storage',
    });
    expect(storageSupport(f('bgra8unorm'), 'read-write', ['bgra8unorm-storage'])).toEqual({
      ok: false,
      reason: 'bgra8unorm storage textures do not support read-write access',
    });
    expect(storageSupport(f('rgba8unorm-srgb'), 'write-only')).toEqual({
      ok: false,
      reason: 'rgba8unorm-srgb cannot be a storage texture',
    });
  });
});

test('copy layouts pad rows to 256 bytes and hold the last row tight', () => {
  const l = copyLayout(textureFormat('rgba8unorm'), 65, 3);
  expect(l).toEqual({ rowBytes: 260, bytesPerRow: 512, rowsPerImage: 3, images: 1, bufferBytes: 512 * 2 + 260 });
  expect(copyLayout(textureFormat('rgba32float'), 16, 2, 2)).toMatchObject({ bytesPerRow: 256, bufferBytes: 256 * 4 });
  expect(copyLayout(textureFormat('r8unorm'), 3, 1).bufferBytes).toBe(4);
  const tight = Uint8Array.from({ length: 260 * 3 }, (_, i) => i & 0xff);
  expect(unpadRows(padRows(tight, l), l)).toEqual(tight);
});
