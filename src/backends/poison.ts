/**
 * Whether float inputs' padding and guard bands hold NaN poison (the
 * default) or the plain canary of other inputs. Not configuration: a seam for
 * the test that shows a zero-weight stray read passes without the poison and
 * fails with it.
 */

let poisoned = true;

/** Whether float inputs get NaN poison now. */
export function floatInputsPoisoned(): boolean {
  return poisoned;
}

/** Runs `run` with float inputs' padding and guard bands holding plain canary bytes, then turns the poison back on. */
export async function withoutPoison<T>(run: () => Promise<T>): Promise<T> {
  poisoned = false;
  try {
    return await run();
  } finally {
    poisoned = true;
  }
}

/** Whether an input of `data` gets NaN poison in its padding and guard bands: f32/f64 data, while the poison is on. */
export function poisonsInput(data: ArrayBufferView): boolean {
  return (data instanceof Float32Array || data instanceof Float64Array) && poisoned;
}
