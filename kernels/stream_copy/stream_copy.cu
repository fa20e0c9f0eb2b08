// A streaming copy in CUDA, 16 bytes per thread, blocks of 256.

extern "C" __global__ void stream_copy(const uint4* src, uint4* dst, unsigned int vectors) {
  unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < vectors) dst[i] = src[i];
}
