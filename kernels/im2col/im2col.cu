// mlx-native's im2col_2d_3ch_f32 in CUDA: one thread per output element, blocks of 256.

IM2COL_KERNEL void im2col_2d_3ch_f32(const Im2colParams params, const uint32_t* pixels, uint32_t* columns) {
  uint32_t idx = blockIdx.x * blockDim.x + threadIdx.x;
  if (idx >= params.num_patches * params.k_total) return;
  im2col_element(params, pixels, columns, idx);
}
