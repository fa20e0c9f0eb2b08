// CPU reference for reduce.cu: the same fold, one loop.
#include <cstddef>
#include <cstdint>

template <typename T, bool NONZERO_ONLY>
static T reduce_cpu(const T* in, size_t n) {
  T acc = 0;
  for (size_t i = 0; i < n; i++) acc += NONZERO_ONLY ? T(in[i] != 0) : in[i];
  return acc;
}

// Unsigned: the sum wraps modulo 2^32, as the GPU's does.
extern "C" void reduce_sum_u32(const uint32_t* in, uint32_t* out, uint32_t n) { *out = reduce_cpu<uint32_t, false>(in, n); }

extern "C" void count_nonzero_i32(const int32_t* in, int32_t* out, uint32_t n) { *out = reduce_cpu<int32_t, true>(in, n); }
