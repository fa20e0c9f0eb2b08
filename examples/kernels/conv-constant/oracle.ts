/**
 * The convolution's oracle in f32: per pixel, the products of the (2r+1)^2 taps and the clamped pixels, summed
 * row by row in the source's order, each product and each sum rounded to f32 once.
 */
export function conv2d(image: Float32Array, width: number, height: number, taps: Float32Array, radius: number) {
  const clamp = (i: number, n: number) => Math.min(Math.max(i, 0), n - 1);
  const side = 2 * radius + 1;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const tap = taps[(dy + radius) * side + (dx + radius)]!;
          acc = Math.fround(acc + Math.fround(tap * image[clamp(y + dy, height) * width + clamp(x + dx, width)]!));
        }
      }
      out[y * width + x] = acc;
    }
  }
  return out;
}
