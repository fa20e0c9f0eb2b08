// Shared by conv.cu, its CPU reference and the tools that drive them: the filter limits, edge addressing, and —
// for CUDA builds — the error-check macro and the host API.
#pragma once

#define CONV_MAX_RADIUS 3
#define CONV_MAX_TAPS ((2 * CONV_MAX_RADIUS + 1) * (2 * CONV_MAX_RADIUS + 1))
#define CONV_BLOCK_X 16
#define CONV_BLOCK_Y 16

#ifdef __CUDACC__
#define CONV_HOST_DEVICE __host__ __device__
// Host code: the error-check macro and the host API. NVRTC (__CUDACC_RTC__) compiles device code alone.
#ifndef __CUDACC_RTC__
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

// Aborts with the failing call, its file and line. Host code only.
#define CUDA_CHECK(call)                                                                          \
  do {                                                                                            \
    const cudaError_t err_ = (call);                                                              \
    if (err_ != cudaSuccess) {                                                                    \
      std::fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(err_)); \
      std::exit(EXIT_FAILURE);                                                                    \
    }                                                                                             \
  } while (0)

// Host API (conv.cu): the filter goes to constant memory once, then any number of images are convolved.
void set_conv_weights(const float* weights, int radius);
void launch_conv(const float* d_in, float* d_out, int width, int height, int radius, cudaStream_t stream);
#endif
#else
#define CONV_HOST_DEVICE
#endif

// Clamp-to-edge addressing: the border pixel repeats.
CONV_HOST_DEVICE inline int clamp_index(int i, int n) { return i < 0 ? 0 : (i >= n ? n - 1 : i); }
