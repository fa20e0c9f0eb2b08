// 2D convolution of a single-channel f32 image by a (2r+1)^2 filter held in constant memory: every thread of a
// warp reads the same tap at once, which constant memory broadcasts. Edges clamp.
#include "conv_helpers.h"

// Row-major taps of the current filter, (2r+1) per row; set by the host (set_conv_weights).
__constant__ float conv_weights[CONV_MAX_TAPS];

__global__ void conv2d(const float* __restrict__ in, float* __restrict__ out, int width, int height, int radius) {
  const int x = blockIdx.x * blockDim.x + threadIdx.x;
  const int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= width || y >= height) return;

  const int side = 2 * radius + 1;
  float acc = 0.0f;
  for (int dy = -radius; dy <= radius; dy++) {
    const float* row = in + clamp_index(y + dy, height) * width;
    for (int dx = -radius; dx <= radius; dx++)
      acc += conv_weights[(dy + radius) * side + (dx + radius)] * row[clamp_index(x + dx, width)];
  }
  out[y * width + x] = acc;
}

#ifndef __CUDACC_RTC__
void set_conv_weights(const float* weights, int radius) {
  const int side = 2 * radius + 1;
  CUDA_CHECK(cudaMemcpyToSymbol(conv_weights, weights, side * side * sizeof(float)));
}

void launch_conv(const float* d_in, float* d_out, int width, int height, int radius, cudaStream_t stream) {
  const dim3 block(CONV_BLOCK_X, CONV_BLOCK_Y);
  const dim3 grid((width + block.x - 1) / block.x, (height + block.y - 1) / block.y);
  conv2d<<<grid, block, 0, stream>>>(d_in, d_out, width, height, radius);
  CUDA_CHECK(cudaGetLastError());
}
#endif
