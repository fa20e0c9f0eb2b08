// CPU reference for histogram.cu: one pass over the samples.
#include <cstdint>
#include <cstring>

#define HIST_BINS 256

extern "C" void histogram_reference(const uint8_t* samples, uint32_t n, uint32_t* hist) {
  std::memset(hist, 0, HIST_BINS * sizeof(uint32_t));
  for (uint32_t i = 0; i < n; i++) hist[samples[i]]++;
}
