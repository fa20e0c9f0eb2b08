// mlx-native's im2col_2d_3ch_f32 in C++: every output element in order.

IM2COL_KERNEL void im2col_2d_3ch_f32(const Im2colParams* params, const uint32_t* pixels, uint32_t* columns) {
  for (uint32_t idx = 0; idx < params->num_patches * params->k_total; idx++) im2col_element(*params, pixels, columns, idx);
}
