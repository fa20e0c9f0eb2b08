// prgpu's mip_downsample in C++: every destination texel of level srcLevel + 1, row by row.

TP_KERNEL void mip_downsample(uint8_t* pixels, const TextureDesc* d, uint32_t srcLevel) {
  for (uint32_t y = 0; y < d->mipHeight[srcLevel + 1u]; y++) {
    for (uint32_t x = 0; x < d->mipWidth[srcLevel + 1u]; x++) mip_downsample_texel(pixels, *d, srcLevel, x, y);
  }
}
