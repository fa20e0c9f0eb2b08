/**
 * Inputs a case changed: each read-only input's bytes as uploaded against
 * the bytes found after the case, every changed run located (a surface's
 * level, texel and channel; a typed array's element; a texture level's
 * image, texel and decoded channels; else the byte offset)
 * — for the failure text and for the report, which draws the same runs.
 */
import { locateByte } from '../../model/canary.ts';
import { differingRuns, equalBytes, hexBytes } from '../../model/bytes.ts';
import { texelChange } from '../../model/elements/texel-change.ts';
import type { InputCheck } from '../../model/output/run.ts';
import { bytesPerChannel, CHANNELS, memorySlot } from '../../model/surface/format.ts';
import type { TextureDesc } from '../../model/surface/desc.ts';

/** Changed runs an InputChange lists (the count of changed bytes covers all of them). */
const MAX_RUNS = 8;
/** Bytes of a run shown as hex. */
const SHOWN = 8;

/** One run of consecutive changed bytes. */
export interface ChangedRun {
  /** Buffer offset of its first byte. */
  readonly offset: number;
  readonly bytes: number;
  /** `level 0 row 1 byte 4`, `byte 12`: where its first byte lies. */
  readonly where: string;
  /** The element its first byte belongs to, in a typed-array input (at or past its count: the guard band). */
  readonly element?: number;
  /** The texel and channel its first byte belongs to, in a surface input. */
  readonly texel?: { readonly level: number; readonly x: number; readonly y: number; readonly channel: string };
  /** Up to 8 bytes, hex, as uploaded and as found after the case. */
  readonly uploaded: string;
  readonly after: string;
}

export interface InputChange {
  /** The input as its binding is labelled (`buffer 1`, `surface 0`). */
  readonly label: string;
  readonly bufferBytes: number;
  /** A typed-array input's element width and count (its guard band follows them). */
  readonly elements?: { readonly bytes: number; readonly count: number };
  readonly changedBytes: number;
  /** The first changed runs, in offset order, at most 8. */
  readonly runs: readonly ChangedRun[];
  /** A texture level's first changed texel, decoded: `level 0 layer 1 texel (0, 0): r 0x3f800000 (1) then …`. */
  readonly texel?: string;
}

/** Where byte `i` of a surface's buffer lies, by level, row and byte (`guard band byte 3` past the chain). */
export function surfaceByteText(desc: TextureDesc, i: number): string {
  const at = locateByte(desc, i);
  return at.region === 'guard'
    ? `guard band byte ${at.rowByte}`
    : `level ${at.level} row ${at.row} byte ${at.rowByte}${at.region === 'padding' ? ' (padding)' : ''}`;
}

/** Where byte `i` of a typed buffer lies: `element 3 byte 1` (`element 3` for 1-byte elements), or in its guard band. */
function elementByteText(e: { readonly bytes: number; readonly count: number }, i: number): string {
  const n = Math.floor(i / e.bytes);
  if (n >= e.count) return `guard band byte ${i - e.count * e.bytes}`;
  return e.bytes > 1 ? `element ${n} byte ${i % e.bytes}` : `element ${n}`;
}

function texelOf(desc: TextureDesc, i: number): ChangedRun['texel'] {
  const at = locateByte(desc, i);
  if (at.region !== 'level') return undefined;
  const slot = Math.floor((at.rowByte % desc.bytesPerPixel) / bytesPerChannel(desc.format.storage));
  const c = [0, 1, 2, 3].find((k) => memorySlot(desc.format.layout, k) === slot) ?? slot;
  return { level: at.level!, x: Math.floor(at.rowByte / desc.bytesPerPixel), y: at.row!, channel: CHANNELS[c]! };
}

/** The changes of every input whose bytes differ after the case; none for inputs left as uploaded. */
export function inputChanges(inputs: readonly InputCheck[]): InputChange[] {
  return inputs.flatMap((input) => {
    const { uploaded, after } = input;
    if (equalBytes(uploaded, after)) return [];
    const changedRuns = differingRuns(uploaded, after);
    const runs: ChangedRun[] = changedRuns.slice(0, MAX_RUNS).map(([start, end]) => {
      const texel = input.desc ? texelOf(input.desc, start) : undefined;
      const shown = Math.min(end, start + SHOWN);
      return {
        offset: start,
        bytes: end - start,
        where: input.desc
          ? surfaceByteText(input.desc, start)
          : input.element
            ? elementByteText(input.element, start)
            : `byte ${start}`,
        ...(input.element ? { element: Math.floor(start / input.element.bytes) } : {}),
        ...(texel ? { texel } : {}),
        uploaded: hexBytes(uploaded.subarray(start, shown)),
        after: hexBytes(after.subarray(start, shown)),
      };
    });
    const elements = input.element ? { elements: { bytes: input.element.bytes, count: input.element.count } } : {};
    const texel = input.texture ? texelChange(input.texture, uploaded, after) : undefined;
    return [
      {
        label: input.label,
        bufferBytes: uploaded.length,
        ...elements,
        changedBytes: changedRuns.reduce((n, [start, end]) => n + end - start, 0),
        runs,
        ...(texel ? { texel } : {}),
      },
    ];
  });
}

/**
 * The failure text of a changed input:
 * `input buffer 1 changed at byte 4 (buffer offset 4): 0x00 then 0x3f; 16 bytes differ (a write through a wrong or
 * aliased binding?)`; a typed array's by element: `input buffer 2 changed at element 1 byte 2 (buffer offset 6): …`;
 * a texture level by texel and channel: `input texture (rgba8unorm, written through img in main) changed at
 * level 0 layer 0 texel (1, 0): g 0x80 (0.501961) then 0xff (1); 1 texel differs (rgba8unorm)`.
 */
export function renderInputChange(c: InputChange): string {
  if (c.texel) return `input ${c.label} changed at ${c.texel}`;
  const r = c.runs[0]!;
  const first = (h: string) => `0x${h.slice(0, 2)}`;
  const at = `${r.where} (buffer offset ${r.offset}): ${first(r.uploaded)} then ${first(r.after)}`;
  const why = '(a write through a wrong or aliased binding?)';
  return `input ${c.label} changed at ${at}; ${c.changedBytes} bytes differ ${why}`;
}
