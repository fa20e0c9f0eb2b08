// Block reduction, one template for every element type, block size and filter: each block folds a grid-stride
// slice into a register, then a tree in dynamic shared memory, and adds its total to *out atomically.
// NONZERO_ONLY counts the non-zero elements instead of summing them.

template <typename T, int BLOCK, bool NONZERO_ONLY>
__global__ void reduce(const T* __restrict__ in, T* __restrict__ out, unsigned int n) {
  static_assert((BLOCK & (BLOCK - 1)) == 0, "BLOCK must be a power of two");
  extern __shared__ __align__(16) unsigned char shared_raw[];
  T* partial = reinterpret_cast<T*>(shared_raw);

  T acc = 0;
  for (unsigned int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
    const T v = in[i];
    acc += NONZERO_ONLY ? T(v != 0) : v;
  }
  partial[threadIdx.x] = acc;
  __syncthreads();

  for (int stride = BLOCK / 2; stride > 0; stride >>= 1) {
    if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) atomicAdd(out, partial[0]);
}
