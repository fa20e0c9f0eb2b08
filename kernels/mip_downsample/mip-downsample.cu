// prgpu's mip_downsample in CUDA: one thread per destination texel, 16x16 blocks.

TP_KERNEL void mip_downsample(uint8_t* pixels, const TextureDesc d, uint32_t srcLevel) {
  uint32_t x = blockIdx.x * blockDim.x + threadIdx.x;
  uint32_t y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= d.mipWidth[srcLevel + 1u] || y >= d.mipHeight[srcLevel + 1u]) return;
  mip_downsample_texel(pixels, d, srcLevel, x, y);
}
