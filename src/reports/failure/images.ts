/**
 * Pictures of a failure, one set per image level: expected, actual,
 * pass/fail mask, error heatmap (inferno, the tolerance at its middle),
 * amplified |difference|, and pixelmatch's diff (threshold 0, includeAA,
 * RGBA order). The pictures are opaque (for CI attachments); differences in
 * alpha are drawn in the difference picture and counted by pixelmatch. The
 * report page draws the same values itself, channel by channel.
 */
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { CanaryViolation } from '../../model/canary.ts';
import type { Surface } from '../../model/surface/surface.ts';
import { ELEMENT_KINDS, displayByte, type ElementKind } from './element-kinds.ts';
import { dontCareTexel, errorRatio } from './failure-stats.ts';
import type { ImageLevelInput } from './failure-input.ts';
import { HEAT_LUT, heatIndex } from './heat-scale.ts';

/** How codes become 8-bit picture channels: `codes as they are; its one channel (r) drawn as grey`. */
export function displayMapping(element: ElementKind, channels: readonly string[]): string {
  const grey = channels.length === 1 ? `; its one channel (${channels[0]}) drawn as grey` : '';
  return `${ELEMENT_KINDS[element].display}${grey}`;
}

/** Which RGBA slot (0..3) shows channel `c` of `names`: by name where it is r, g, b or a, else by position. */
export function displaySlot(names: readonly string[], c: number): number {
  const k = 'rgba'.indexOf(names[c] ?? '');
  return k >= 0 && names[c]!.length === 1 ? k : c;
}

/** A level's codes as tight RGBA8; `opaque` sets alpha to 255, else alpha is the output's own (255 without one). */
export function toRgba8(
  l: ImageLevelInput,
  which: 'expected' | 'actual',
  element: ElementKind,
  channels: readonly string[],
  opaque: boolean,
): Uint8Array {
  const n = l.width * l.height;
  const ch = channels.length;
  const codes = l[which];
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    out[i * 4 + 3] = 255;
    for (let c = 0; c < ch; c++) {
      const v = displayByte(element, codes[i * ch + c]!);
      if (ch === 1) out.fill(v, i * 4, i * 4 + 3);
      else {
        const slot = displaySlot(channels, c);
        if (slot < 3 || !opaque) out[i * 4 + slot] = v;
      }
    }
  }
  return out;
}

export interface LevelPictures {
  readonly expected: Uint8Array;
  readonly actual: Uint8Array;
  readonly mask: Uint8Array;
  readonly heatmap: Uint8Array;
  readonly diff: Uint8Array;
  readonly pixelmatch: Uint8Array;
  /** Pixels pixelmatch counts as different (alpha included). */
  readonly pixelmatchCount: number;
  /** The |difference| amplification used (so the largest difference reaches 255). */
  readonly amplification: number;
}

const DONT_CARE = [128, 128, 160, 255];

/** Every picture of one level; don't-care texels are grey-blue in the mask, heatmap and difference. */
export function levelPictures(
  l: ImageLevelInput,
  element: ElementKind,
  channels: readonly string[],
  tolerance: number,
): LevelPictures {
  const e = toRgba8(l, 'expected', element, channels, false);
  const a = toRgba8(l, 'actual', element, channels, false);
  const n = l.width * l.height;
  const ch = channels.length;
  let largest = 0;
  for (let i = 0; i < n * 4; i++) largest = Math.max(largest, Math.abs(e[i]! - a[i]!));
  const amplification = largest ? Math.max(1, Math.floor(255 / largest)) : 1;
  const mask = new Uint8Array(n * 4);
  const heatmap = new Uint8Array(n * 4);
  const diff = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    if (dontCareTexel(l, i, ch)) {
      for (const p of [mask, heatmap, diff]) p.set(DONT_CARE, i * 4);
      continue;
    }
    let ratio = 0;
    let refused = false;
    for (let c = 0; c < ch; c++) {
      ratio = Math.max(ratio, errorRatio(l.errors[i * ch + c]!, tolerance));
      refused ||= l.refused[i * ch + c] === 1;
    }
    mask.set(refused ? [255, 0, 0, 255] : [0, 160, 0, 255], i * 4);
    const k = heatIndex(ratio) * 3;
    heatmap.set([HEAT_LUT[k]!, HEAT_LUT[k + 1]!, HEAT_LUT[k + 2]!, 255], i * 4);
    const alpha = Math.abs(e[i * 4 + 3]! - a[i * 4 + 3]!);
    for (let c = 0; c < 3; c++)
      diff[i * 4 + c] = Math.min(255, Math.max(Math.abs(e[i * 4 + c]! - a[i * 4 + c]!), alpha) * amplification);
    diff[i * 4 + 3] = 255;
  }
  const pm = new Uint8Array(n * 4);
  const pixelmatchCount = pixelmatch(e, a, pm, l.width, l.height, { threshold: 0, includeAA: true });
  const opaque = (p: Uint8Array) => {
    const o = p.slice();
    for (let i = 3; i < o.length; i += 4) o[i] = 255;
    return o;
  };
  return {
    expected: opaque(e),
    actual: opaque(a),
    mask,
    heatmap,
    diff,
    pixelmatch: pm,
    pixelmatchCount,
    amplification,
  };
}

/** PNG bytes of tight RGBA8 pixels. */
export function png(rgba: Uint8Array, width: number, height: number): Buffer {
  const p = new PNG({ width, height });
  p.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(p);
}

/**
 * A level's memory as rows of its pitch, one pixel per 4 bytes: texel bytes
 * grey, padding light grey, bytes that lost their canary red. The last row
 * of the last level is followed by the guard band.
 */
export function canaryPicture(
  desc: Surface['desc'],
  level: number,
  violations: readonly CanaryViolation[],
  guardBytes: number,
): { rgba: Uint8Array; width: number; height: number } {
  const lv = desc.levels[level]!;
  const last = level === desc.levels.length - 1;
  const width = Math.max(1, Math.ceil(Math.max(lv.pitchBytes, last ? guardBytes : 0) / 4));
  const height = lv.height + (last ? Math.ceil(guardBytes / 4 / width) : 0);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = x * 4;
      const inRow = y < lv.height && byte < lv.pitchBytes;
      const colour =
        y >= lv.height
          ? [200, 200, 255]
          : !inRow
            ? [255, 255, 255]
            : byte < lv.width * desc.bytesPerPixel
              ? [150, 150, 150]
              : [225, 225, 225];
      rgba.set([...colour, 255], (y * width + x) * 4);
    }
  }
  const chainEnd = lv.offsetBytes + lv.pitchBytes * lv.height;
  for (const v of violations) {
    for (let b = v.byteOffset; b < v.byteOffset + v.bytes; b += 1) {
      let x: number;
      let y: number;
      if (v.region === 'guard' && last) {
        const g = b - chainEnd;
        x = Math.floor(g / 4) % width;
        y = lv.height + Math.floor(g / 4 / width);
      } else if (v.level === level) {
        x = Math.floor((b - lv.offsetBytes - (v.row ?? 0) * lv.pitchBytes) / 4);
        y = v.row ?? 0;
      } else continue;
      if (x >= 0 && x < width && y >= 0 && y < height) rgba.set([220, 0, 0, 255], (y * width + x) * 4);
    }
  }
  return { rgba, width, height };
}

/** Bytes a row of a buffer's memory map shows (16 pixels of 4 bytes). */
const BUFFER_MAP_ROW = 64;

/**
 * A typed buffer's memory, 64 bytes a row, one pixel per 4 bytes: data grey,
 * guard band light blue, bytes that lost their canary red.
 */
export function bufferCanaryPicture(
  dataBytes: number,
  bufferBytes: number,
  violations: readonly CanaryViolation[],
): { rgba: Uint8Array; width: number; height: number } {
  const width = BUFFER_MAP_ROW / 4;
  const height = Math.max(1, Math.ceil(bufferBytes / BUFFER_MAP_ROW));
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const byte = p * 4;
    const colour = byte >= bufferBytes ? [255, 255, 255] : byte >= dataBytes ? [200, 200, 255] : [150, 150, 150];
    rgba.set([...colour, 255], p * 4);
  }
  for (const v of violations)
    for (let b = v.byteOffset; b < v.byteOffset + v.bytes && b < bufferBytes; b++)
      rgba.set([220, 0, 0, 255], Math.floor(b / 4) * 4);
  return { rgba, width, height };
}
