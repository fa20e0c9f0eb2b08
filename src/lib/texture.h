// twinpath's native port of VEKL's TextureDesc and pixel I/O, for CUDA
// (NVRTC) and C++ alike — the same layout and arithmetic as texture.wgsl.
// Pixels live in byte-addressed memory; a texel of level l starts at byte
// mipOffsetBytes[l] + y * mipPitchBytes[l] + x * bytesPerPixel.
// Unorm8x4: one word, byte 0 -> .x, / 255. Unorm16x4: two words, low half
// first, / 65535. Float32x4: four words, bitcast. Bgra swaps x and z on load
// and store. tp_store_texel truncates, (uint32_t)(saturate(c) * max), as
// prgpu does; tp_store_texel_rounded rounds to nearest.

#ifdef __CUDACC_RTC__
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
typedef int int32_t;
typedef unsigned long long uint64_t;
#else
#include <stdint.h>
#include <string.h>
#include <math.h>
#endif

#ifdef __CUDACC__
#define TP_FN __device__ __forceinline__
#define TP_KERNEL extern "C" __global__
#else
#define TP_FN static inline
#define TP_KERNEL extern "C"
#endif

#define TP_MAX_MIP 5
#define TP_STORAGE_UNORM8X4 0u
#define TP_STORAGE_UNORM16X4 1u
#define TP_STORAGE_FLOAT32X4 2u
#define TP_LAYOUT_BGRA 1u

// prgpu's #[repr(C)] TextureDesc, field for field (checked against the TS declaration at compile time).
struct TextureDesc {
  uint32_t width;
  uint32_t height;
  uint32_t pitchBytes;
  uint32_t bytesPerPixel;
  uint32_t storage;
  uint32_t pixelLayout;
  uint32_t addressMode;
  uint32_t mipLevelCount;
  uint32_t mipOffsetBytes[TP_MAX_MIP];
  uint32_t mipWidth[TP_MAX_MIP];
  uint32_t mipHeight[TP_MAX_MIP];
  uint32_t mipPitchBytes[TP_MAX_MIP];
};

struct tp_float4 {
  float x, y, z, w;
};

TP_FN tp_float4 tp_make_float4(float x, float y, float z, float w) {
  tp_float4 c = {x, y, z, w};
  return c;
}

TP_FN uint32_t tp_min(uint32_t a, uint32_t b) {
  return a < b ? a : b;
}

TP_FN uint32_t tp_read_u32(const uint8_t* p, uint32_t at) {
#ifdef __CUDACC__
  return *(const uint32_t*)(p + at);
#else
  uint32_t w;
  memcpy(&w, p + at, 4);
  return w;
#endif
}

TP_FN void tp_write_u32(uint8_t* p, uint32_t at, uint32_t w) {
#ifdef __CUDACC__
  *(uint32_t*)(p + at) = w;
#else
  memcpy(p + at, &w, 4);
#endif
}

TP_FN float tp_bits_to_float(uint32_t w) {
#ifdef __CUDACC__
  return __uint_as_float(w);
#else
  float f;
  memcpy(&f, &w, 4);
  return f;
#endif
}

TP_FN uint32_t tp_float_to_bits(float f) {
#ifdef __CUDACC__
  return __float_as_uint(f);
#else
  uint32_t w;
  memcpy(&w, &f, 4);
  return w;
#endif
}

// Byte offset of texel (x, y) of level l.
TP_FN uint32_t tp_texel_byte(const TextureDesc& d, uint32_t x, uint32_t y, uint32_t l) {
  return d.mipOffsetBytes[l] + y * d.mipPitchBytes[l] + x * d.bytesPerPixel;
}

// Memory order <-> rgba: Bgra swaps x and z (its own inverse).
TP_FN tp_float4 tp_swizzle(const TextureDesc& d, tp_float4 c) {
  return d.pixelLayout == TP_LAYOUT_BGRA ? tp_make_float4(c.z, c.y, c.x, c.w) : c;
}

TP_FN tp_float4 tp_load_texel(const uint8_t* p, const TextureDesc& d, uint32_t x, uint32_t y, uint32_t l) {
  uint32_t at = tp_texel_byte(d, x, y, l);
  tp_float4 c;
  if (d.storage == TP_STORAGE_UNORM8X4) {
    uint32_t w = tp_read_u32(p, at);
    c = tp_make_float4((float)(w & 0xffu) / 255.0f, (float)((w >> 8) & 0xffu) / 255.0f, (float)((w >> 16) & 0xffu) / 255.0f, (float)(w >> 24) / 255.0f);
  } else if (d.storage == TP_STORAGE_UNORM16X4) {
    uint32_t w0 = tp_read_u32(p, at);
    uint32_t w1 = tp_read_u32(p, at + 4);
    c = tp_make_float4((float)(w0 & 0xffffu) / 65535.0f, (float)(w0 >> 16) / 65535.0f, (float)(w1 & 0xffffu) / 65535.0f, (float)(w1 >> 16) / 65535.0f);
  } else {
    c = tp_make_float4(tp_bits_to_float(tp_read_u32(p, at)), tp_bits_to_float(tp_read_u32(p, at + 4)), tp_bits_to_float(tp_read_u32(p, at + 8)),
                       tp_bits_to_float(tp_read_u32(p, at + 12)));
  }
  return tp_swizzle(d, c);
}

TP_FN float tp_saturate(float v) {
  return fminf(fmaxf(v, 0.0f), 1.0f);
}

// Unorm encodes (uint32_t)(saturate(c) * max + bias): bias 0 truncates (prgpu), 0.5 rounds to nearest.
TP_FN void tp_store_encoded(uint8_t* p, const TextureDesc& d, uint32_t x, uint32_t y, uint32_t l, tp_float4 value, float bias) {
  uint32_t at = tp_texel_byte(d, x, y, l);
  tp_float4 c = tp_swizzle(d, value);
  if (d.storage == TP_STORAGE_UNORM8X4) {
    uint32_t qx = (uint32_t)(tp_saturate(c.x) * 255.0f + bias), qy = (uint32_t)(tp_saturate(c.y) * 255.0f + bias);
    uint32_t qz = (uint32_t)(tp_saturate(c.z) * 255.0f + bias), qw = (uint32_t)(tp_saturate(c.w) * 255.0f + bias);
    tp_write_u32(p, at, qx | (qy << 8) | (qz << 16) | (qw << 24));
  } else if (d.storage == TP_STORAGE_UNORM16X4) {
    uint32_t qx = (uint32_t)(tp_saturate(c.x) * 65535.0f + bias), qy = (uint32_t)(tp_saturate(c.y) * 65535.0f + bias);
    uint32_t qz = (uint32_t)(tp_saturate(c.z) * 65535.0f + bias), qw = (uint32_t)(tp_saturate(c.w) * 65535.0f + bias);
    tp_write_u32(p, at, qx | (qy << 16));
    tp_write_u32(p, at + 4, qz | (qw << 16));
  } else {
    tp_write_u32(p, at, tp_float_to_bits(c.x));
    tp_write_u32(p, at + 4, tp_float_to_bits(c.y));
    tp_write_u32(p, at + 8, tp_float_to_bits(c.z));
    tp_write_u32(p, at + 12, tp_float_to_bits(c.w));
  }
}

// prgpu's store: truncates.
TP_FN void tp_store_texel(uint8_t* p, const TextureDesc& d, uint32_t x, uint32_t y, uint32_t l, tp_float4 value) {
  tp_store_encoded(p, d, x, y, l, value, 0.0f);
}

// The spec's store: rounds to nearest. AgX-style kernels use this.
TP_FN void tp_store_texel_rounded(uint8_t* p, const TextureDesc& d, uint32_t x, uint32_t y, uint32_t l, tp_float4 value) {
  tp_store_encoded(p, d, x, y, l, value, 0.5f);
}
