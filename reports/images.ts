/**
 * Pictures of a failure, one set per compared level: expected, actual,
 * pass/fail mask, error heatmap (1.0 = the tolerance), amplified
 * |difference|, and pixelmatch's diff (threshold 0, includeAA, RGBA order —
 * docs/facts.md#runtime). Unorm16 is shown by its high byte; floats as
 * clamp(v, 0, 1) * 255, which the page states.
 */
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { channelCount, readCode, unormMax, type CanaryViolation, type LevelErrorMap, type Surface } from '../harness/index.ts';

/** How a storage is mapped to 8-bit RGB for display (alpha is compared, not shown: pictures are opaque). */
export function displayMapping(storage: Surface['desc']['format']['storage']): string {
  const rgb = storage === 'Unorm8x4' ? 'codes as they are' : storage === 'Unorm16x4' ? 'high byte of each 16-bit code' : 'clamp(value, 0, 1) x 255, linear (no tone mapping); Float32x1 as grey';
  return `${rgb}; alpha not shown (pictures are opaque), compared like every channel`;
}

/** Level `l` of a surface as tight, opaque RGBA8, channels in RGBA order whatever the layout. */
export function toRgba8(s: Surface, l: number): Uint8Array {
  const lv = s.desc.levels[l]!;
  const st = s.desc.format.storage;
  const max = unormMax(st);
  const n = channelCount(st);
  const out = new Uint8Array(lv.width * lv.height * 4);
  const view = new DataView(new ArrayBuffer(4));
  for (let y = 0; y < lv.height; y++) {
    for (let x = 0; x < lv.width; x++) {
      for (let c = 0; c < 4; c++) {
        const code = c === 3 ? undefined : c < n ? readCode(s, x, y, l, c) : n === 1 ? readCode(s, x, y, l, 0) : undefined;
        let v: number;
        if (code === undefined) v = 255;
        else if (max === 255) v = code;
        else if (max === 65535) v = code >>> 8;
        else {
          view.setUint32(0, code, true);
          const f = view.getFloat32(0, true);
          v = Number.isNaN(f) ? 0 : Math.round(Math.min(Math.max(f, 0), 1) * 255);
        }
        out[(y * lv.width + x) * 4 + c] = v;
      }
    }
  }
  return out;
}

/** Black below 0.5 of the tolerance, through yellow at 1.0, to red above. */
function heat(r: number): [number, number, number] {
  if (r <= 0) return [0, 0, 0];
  if (r <= 1) return [Math.round(255 * r), Math.round(200 * r), 0];
  return [255, Math.max(0, Math.round(200 - 100 * (r - 1))), 0];
}

export interface LevelPictures {
  readonly expected: Uint8Array;
  readonly actual: Uint8Array;
  readonly mask: Uint8Array;
  readonly heatmap: Uint8Array;
  readonly diff: Uint8Array;
  readonly pixelmatch: Uint8Array;
  /** Pixels pixelmatch counts as different. */
  readonly pixelmatchCount: number;
  /** The |difference| amplification used (so the largest difference reaches 255). */
  readonly amplification: number;
}

/** Every picture of one level. */
export function levelPictures(expected: Surface, actual: Surface, map: LevelErrorMap): LevelPictures {
  const e = toRgba8(expected, map.level);
  const a = toRgba8(actual, map.level);
  const n = map.width * map.height;
  const mask = new Uint8Array(n * 4);
  const heatmap = new Uint8Array(n * 4);
  let largest = 0;
  for (let i = 0; i < n * 4; i++) largest = Math.max(largest, Math.abs(e[i]! - a[i]!));
  const amplification = largest ? Math.max(1, Math.floor(255 / largest)) : 1;
  const diff = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    mask.set(map.refused[i] ? [255, 0, 0, 255] : [0, 160, 0, 255], i * 4);
    heatmap.set([...heat(map.ratio[i]!), 255], i * 4);
    for (let c = 0; c < 3; c++) diff[i * 4 + c] = Math.min(255, Math.abs(e[i * 4 + c]! - a[i * 4 + c]!) * amplification);
    diff[i * 4 + 3] = 255;
  }
  const pm = new Uint8Array(n * 4);
  const pixelmatchCount = pixelmatch(e, a, pm, map.width, map.height, { threshold: 0, includeAA: true });
  return { expected: e, actual: a, mask, heatmap, diff, pixelmatch: pm, pixelmatchCount, amplification };
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
export function canaryPicture(desc: Surface['desc'], level: number, violations: readonly CanaryViolation[], guardBytes: number): { rgba: Uint8Array; width: number; height: number } {
  const lv = desc.levels[level]!;
  const last = level === desc.levels.length - 1;
  const width = Math.max(1, Math.ceil(Math.max(lv.pitchBytes, last ? guardBytes : 0) / 4));
  const height = lv.height + (last ? Math.ceil(guardBytes / 4 / width) : 0);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = x * 4;
      const inRow = y < lv.height && byte < lv.pitchBytes;
      const colour = y >= lv.height ? [200, 200, 255] : !inRow ? [255, 255, 255] : byte < lv.width * desc.bytesPerPixel ? [150, 150, 150] : [225, 225, 225];
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
