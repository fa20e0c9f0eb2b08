// A streaming copy of u32 words in CUDA, one thread per word, blocks of 256.

extern "C" __global__ void stream_copy(const unsigned int* src, unsigned int* dst, unsigned int words) {
  unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < words) dst[i] = src[i];
}
