/** Byte ranges compared natively (the hot check of comparisons, canaries and determinism), and where they differ. */

/** Whether bytes [start, end) of `a` and `b` are equal (a memcmp, not a JS loop). */
export function equalBytes(a: Uint8Array, b: Uint8Array, start = 0, end = a.length): boolean {
  const view = (x: Uint8Array) => Buffer.from(x.buffer, x.byteOffset + start, end - start);
  return view(a).equals(view(b));
}

/** The runs [start, end) of consecutive bytes in [from, to) where `a` and `b` differ, in order. */
export function differingRuns(a: Uint8Array, b: Uint8Array, from = 0, to = a.length): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  if (equalBytes(a, b, from, to)) return runs;
  for (let i = from; i < to;) {
    if (a[i] === b[i]) {
      i++;
      continue;
    }
    const start = i;
    while (i < to && a[i] !== b[i]) i++;
    runs.push([start, i]);
  }
  return runs;
}

/** Bytes as failure text shows them: `da 4d cc b2`. */
export function hexBytes(b: Uint8Array): string {
  return [...b].map((v) => v.toString(16).padStart(2, '0')).join(' ');
}

/** A typed array's bytes, as a view (no copy). */
export function bytesOf(v: ArrayBufferView): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}
