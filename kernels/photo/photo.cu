// The photo stages in CUDA: one thread per pixel, 16x16 blocks.

TP_KERNEL void photo(const uint8_t* source, uint8_t* result, const TextureDesc d, const PhotoParams params) {
  uint32_t x = blockIdx.x * blockDim.x + threadIdx.x;
  uint32_t y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= d.width || y >= d.height) return;
  photo_pixel(source, result, d, params, x, y);
}
