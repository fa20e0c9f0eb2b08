/**
 * A typed element output as a kernel declares it (`g.outputBuffer`,
 * `n.outputBuffer`), and the bytes its data starts with, for every backend.
 */
import { bytesOf } from '../bytes.ts';
import { canaryBytes } from '../canary.ts';
import type { ElementTypeName } from '../elements/element-types.ts';
import { SetupError } from '../setup-error.ts';
import { DEFAULT_OUTPUT, elementDataBytes } from './spec.ts';

export interface ElementOutputOptions {
  readonly name?: string;
  readonly element: ElementTypeName;
  /** `[n]`, `[h, w]` or `[h, w, c]`: locations in failures read (x, y, channel). */
  readonly shape: readonly number[];
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
 * `k: output hist has shape [0]: no elements`, `k: output rgb: init has 12 bytes, the output 24 (f32[1, 2, 3])`,
 * `k: output hist: give init or prefill 'canary', not both`.
 */
export function elementOutputStart(o: ElementOutputOptions, who: string): Uint8Array {
  const name = o.name ?? DEFAULT_OUTPUT;
  const bytes = elementDataBytes(o);
  if (bytes === 0) throw new SetupError(`${who}: output ${name} has shape [${o.shape.join(', ')}]: no elements`);
  if (o.init && o.prefill === 'canary')
    throw new SetupError(`${who}: output ${name}: give init or prefill 'canary', not both`);
  if (o.init && o.init.byteLength !== bytes)
    throw new SetupError(
      `${who}: output ${name}: init has ${o.init.byteLength} bytes, the output ${bytes} (${o.element}[${o.shape.join(', ')}])`,
    );
  if (o.init) return bytesOf(o.init);
  return o.prefill === 'canary' ? canaryBytes(bytes) : new Uint8Array(bytes);
}
