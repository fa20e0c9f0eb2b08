/**
 * A typed element output as a kernel declares it (`g.outputBuffer`,
 * `n.outputBuffer`), and the bytes its data starts with, for every backend.
 */
import { bytesOf } from '../bytes.ts';
import { canaryBytes } from '../canary.ts';
import type { ElementTypeName } from '../elements/element-types.ts';
import { SetupError } from '../setup-error.ts';
import { checkShape } from '../elements/shape.ts';
import { DEFAULT_OUTPUT, elementDataBytes, shapeCount } from './spec.ts';

export interface ElementOutputOptions {
  readonly name?: string;
  readonly element: ElementTypeName;
  /** `[n]`, `[h, w]` or `[h, w, c]`: locations in failures read (x, y, channel). */
  readonly shape: readonly number[];
  /**
   * Names of the last dimension's entries, in memory order (`['b', 'g', 'r', 'a']` for BGRA); default r, g, b(, a)
   * for `[h, w, c]` with c from 2 to 4.
   */
  readonly channels?: readonly string[];
  /** Initial contents (an in-place output), same bytes as the data; default: `prefill`. */
  readonly init?: ArrayBufferView;
  /**
   * What the data holds before the kernel runs, without `init`: `'zero'` (default, as a new WebGPU buffer, so
   * atomics accumulate from 0) or `'canary'` (canary bytes, so an element the kernel never writes fails its case).
   */
  readonly prefill?: 'zero' | 'canary';
}

/**
 * The bytes an element output's data holds before the kernel runs: its `init`, else zeros, or canary bytes with
 * `prefill: 'canary'`. `who` names the kernel (and backend) in the SetupError it throws:
 * `k: output hist has shape [0]: no elements`, `k: output px: shape is {"dims":[2,2,4]}, not a list of extents. Fix: …`, `k: output rgb: init has 12 bytes, the output 24 (f32[1, 2, 3])`,
 * `k: output hist: give init or prefill 'canary', not both`,
 * `k: output px: shape [2, 2, 3]: 4 channel names (b, g, r, a) for an innermost extent of 3. Fix: one name per
 * entry of the last dimension`.
 */
export function elementOutputStart(o: ElementOutputOptions, who: string): Uint8Array {
  const name = o.name ?? DEFAULT_OUTPUT;
  if (!Array.isArray(o.shape))
    throw new SetupError(
      `${who}: output ${name}: shape is ${JSON.stringify(o.shape)}, not a list of extents. ` +
        "Fix: shape: [h, w, 4] (and channels: ['b', 'g', 'r', 'a'] to name the last dimension)",
    );
  const bytes = elementDataBytes(o);
  if (bytes === 0) throw new SetupError(`${who}: output ${name} has shape [${o.shape.join(', ')}]: no elements`);
  if (o.channels) {
    try {
      checkShape({ dims: o.shape, channels: o.channels }, shapeCount(o.shape));
    } catch (e) {
      throw new SetupError(
        `${who}: output ${name}: ${(e as Error).message}. Fix: one name per entry of the last dimension`,
      );
    }
  }
  if (o.init && o.prefill === 'canary')
    throw new SetupError(`${who}: output ${name}: give init or prefill 'canary', not both`);
  if (o.init && o.init.byteLength !== bytes)
    throw new SetupError(
      `${who}: output ${name}: init has ${o.init.byteLength} bytes, the output ${bytes} (${o.element}[${o.shape.join(', ')}])`,
    );
  if (o.init) return bytesOf(o.init);
  return o.prefill === 'canary' ? canaryBytes(bytes) : new Uint8Array(bytes);
}
