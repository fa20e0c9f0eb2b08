/** The histogram's oracle: how many samples fall in each of the 256 bins. */
export function histogramOracle(samples: Uint8Array): Uint32Array {
  const hist = new Uint32Array(256);
  for (const s of samples) hist[s]!++;
  return hist;
}
