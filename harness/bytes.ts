/** Byte ranges compared natively: the hot check of comparisons, canaries and determinism. */

/** Whether bytes [start, end) of `a` and `b` are equal (a memcmp, not a JS loop). */
export function equalBytes(a: Uint8Array, b: Uint8Array, start = 0, end = a.length): boolean {
  const view = (x: Uint8Array) => Buffer.from(x.buffer, x.byteOffset + start, end - start);
  return view(a).equals(view(b));
}
