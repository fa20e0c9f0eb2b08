// CPU reference for conv.cu: the same products summed in the same order, one pixel at a time.
#include "conv_helpers.h"

// The current filter, row-major, (2r+1) taps per row: the test harness (or a tool) sets it before a call.
extern "C" float conv_weights[CONV_MAX_TAPS];
float conv_weights[CONV_MAX_TAPS];

extern "C" void conv2d_reference(const float* in, float* out, int width, int height, int radius) {
  const int side = 2 * radius + 1;
  for (int y = 0; y < height; y++) {
    for (int x = 0; x < width; x++) {
      float acc = 0.0f;
      for (int dy = -radius; dy <= radius; dy++) {
        const float* row = in + clamp_index(y + dy, height) * width;
        for (int dx = -radius; dx <= radius; dx++)
          acc += conv_weights[(dy + radius) * side + (dx + radius)] * row[clamp_index(x + dx, width)];
      }
      out[y * width + x] = acc;
    }
  }
}
