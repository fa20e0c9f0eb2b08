/**
 * Where a texture level changed between two readbacks, located by image,
 * texel and channel and decoded through the format table (texture-formats.ts).
 */
import { logicalChannels, textureFormat } from './texture-formats.ts';
import { texelCodes } from './texel-codec.ts';

/** A texture level as uploaded and read back: rows tightly packed, every layer (or 3D slice) in turn. */
export interface TexelLevel {
  readonly format: string;
  readonly level: number;
  readonly width: number;
  readonly height: number;
  /** Array layers, or depth slices of a 3D texture, at this level. */
  readonly images: number;
  readonly dimension: '2d' | '3d';
}

const shown = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(6));

/**
 * The first texel where `after` differs from `before`, each changed channel
 * with its code and value, and how many texels differ; undefined when equal:
 * `level 1 layer 0 texel (2, 1): g 0x80 (0.501961) then 0xff (1); 3 texels differ (rgba8unorm)`.
 */
export function texelChange(t: TexelLevel, before: Uint8Array, after: Uint8Array): string | undefined {
  const f = textureFormat(t.format);
  const bpt = f.bytesPerTexel;
  let first = -1;
  let changed = 0;
  for (let at = 0; at < before.length; at += bpt) {
    let same = true;
    for (let k = at; k < at + bpt; k++) if (before[k] !== after[k]) same = false;
    if (same) continue;
    if (first < 0) first = at;
    changed++;
  }
  if (first < 0) return undefined;
  const texel = first / bpt;
  const perImage = t.width * t.height;
  const image = Math.floor(texel / perImage);
  const x = texel % t.width;
  const y = Math.floor((texel % perImage) / t.width);
  const channels = logicalChannels(f);
  const was = texelCodes(f, before, first);
  const now = texelCodes(f, after, first);
  const diffs = channels.flatMap((c, i) =>
    was[i] === now[i]
      ? []
      : [
          `${c.name} ${c.codec.hex(was[i]!)} (${shown(c.codec.decode(was[i]!))}) then ` +
            `${c.codec.hex(now[i]!)} (${shown(c.codec.decode(now[i]!))})`,
        ],
  );
  const where = `level ${t.level} ${t.dimension === '3d' ? 'slice' : 'layer'} ${image} texel (${x}, ${y})`;
  return `${where}: ${diffs.join(', ')}; ${changed} ${changed === 1 ? 'texel differs' : 'texels differ'} (${f.name})`;
}
