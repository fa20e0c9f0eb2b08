// mlx-native's im2col_2d_3ch_f32, one output element of
// [num_patches, 3 p^2]: a pure permutation, copied as u32 bits so NaN
// payloads, signed zeros and denormals survive — the index arithmetic of
// im2col.wgsl, shared by the CUDA and C++ entry points.

#ifdef __CUDACC_RTC__
typedef unsigned int uint32_t;
#else
#include <stdint.h>
#endif

#ifdef __CUDACC__
#define IM2COL_FN __device__ __forceinline__
#define IM2COL_KERNEL extern "C" __global__
#else
#define IM2COL_FN static inline
#define IM2COL_KERNEL extern "C"
#endif

// The parameters, as IM2COL_PARAMS declares them in kernel.ts (checked at compile time).
struct Im2colParams {
  uint32_t pixel_h;
  uint32_t pixel_w;
  uint32_t patch_size;
  uint32_t nps_x;
  uint32_t nps_y;
  uint32_t k_total;
  uint32_t num_patches;
  uint32_t _pad;
};

IM2COL_FN void im2col_element(const Im2colParams& params, const uint32_t* pixels, uint32_t* columns, uint32_t idx) {
  uint32_t p = params.patch_size;
  uint32_t patchIdx = idx / params.k_total;
  uint32_t k = idx % params.k_total;
  uint32_t ic = k / (p * p);
  uint32_t dy = (k % (p * p)) / p;
  uint32_t dx = k % p;
  uint32_t patchY = patchIdx / params.nps_x;
  uint32_t patchX = patchIdx % params.nps_x;
  uint32_t src = ic * params.pixel_h * params.pixel_w + (patchY * p + dy) * params.pixel_w + patchX * p + dx;
  columns[idx] = pixels[src];
}
