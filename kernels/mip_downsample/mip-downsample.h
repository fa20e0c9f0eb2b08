// prgpu's mip_downsample, one destination texel of level srcLevel + 1: an
// unweighted 2x2 box in f32, taps clamped to the source's last row/column
// (odd sizes drop it), the truncating store — the arithmetic of
// mip-downsample.wgsl, shared by the CUDA and C++ entry points.

TP_FN void mip_downsample_texel(uint8_t* pixels, const TextureDesc& d, uint32_t src, uint32_t x, uint32_t y) {
  uint32_t dst = src + 1u;
  uint32_t lastX = d.mipWidth[src] - 1u;
  uint32_t lastY = d.mipHeight[src] - 1u;
  uint32_t x0 = tp_min(2u * x, lastX);
  uint32_t x1 = tp_min(2u * x + 1u, lastX);
  uint32_t y0 = tp_min(2u * y, lastY);
  uint32_t y1 = tp_min(2u * y + 1u, lastY);
  tp_float4 c00 = tp_load_texel(pixels, d, x0, y0, src);
  tp_float4 c10 = tp_load_texel(pixels, d, x1, y0, src);
  tp_float4 c01 = tp_load_texel(pixels, d, x0, y1, src);
  tp_float4 c11 = tp_load_texel(pixels, d, x1, y1, src);
  tp_float4 sum = tp_make_float4((c00.x + c10.x + c01.x + c11.x) * 0.25f, (c00.y + c10.y + c01.y + c11.y) * 0.25f,
                                 (c00.z + c10.z + c01.z + c11.z) * 0.25f, (c00.w + c10.w + c01.w + c11.w) * 0.25f);
  tp_store_texel(pixels, d, x, y, dst, sum);
}
