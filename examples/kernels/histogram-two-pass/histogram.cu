// 256-bin histogram of 8-bit samples in two passes, with no global atomics: each block counts a grid-stride slice
// into shared memory and writes its partial histogram; the merge pass sums the partials bin by bin.
#define HIST_BINS 256

__global__ void histogram_partial(const unsigned char* __restrict__ samples, unsigned int n,
                                  unsigned int* __restrict__ partials) {
  __shared__ unsigned int bins[HIST_BINS];
  for (unsigned int b = threadIdx.x; b < HIST_BINS; b += blockDim.x) bins[b] = 0;
  __syncthreads();

  for (unsigned int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    atomicAdd(&bins[samples[i]], 1u);
  __syncthreads();

  unsigned int* mine = partials + blockIdx.x * HIST_BINS;
  for (unsigned int b = threadIdx.x; b < HIST_BINS; b += blockDim.x) mine[b] = bins[b];
}

__global__ void histogram_merge(const unsigned int* __restrict__ partials, unsigned int blocks,
                                unsigned int* __restrict__ hist) {
  const unsigned int b = blockIdx.x * blockDim.x + threadIdx.x;
  if (b >= HIST_BINS) return;
  unsigned int total = 0;
  for (unsigned int k = 0; k < blocks; k++) total += partials[k * HIST_BINS + b];
  hist[b] = total;
}
