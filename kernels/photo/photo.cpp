// The photo stages in C++: every pixel, row by row.

TP_KERNEL void photo(const uint8_t* source, uint8_t* result, const TextureDesc* d, const PhotoParams* params) {
  for (uint32_t y = 0; y < d->height; y++) {
    for (uint32_t x = 0; x < d->width; x++) photo_pixel(source, result, *d, *params, x, y);
  }
}
