/** The reduction's oracle: the wrapping u32 sum of the elements' bits and the count of non-zero elements. */
export function reduceOracle(values: Int32Array): { sum: Uint32Array; nonzero: Int32Array } {
  let sum = 0;
  let nonzero = 0;
  for (const v of values) {
    sum = (sum + (v >>> 0)) >>> 0;
    if (v !== 0) nonzero++;
  }
  return { sum: Uint32Array.of(sum), nonzero: Int32Array.of(nonzero) };
}
