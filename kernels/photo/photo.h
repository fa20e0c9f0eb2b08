// AgX-style photo stages on one pixel, in AgX's order — the
// arithmetic of photo.wgsl, shared by the CUDA and C++ entry points. Grain
// uses the same integer hash (PCG) as the oracle, so the noise is exact.

// The parameters, as PHOTO_PARAMS declares them in kernel.ts (checked at compile time).
struct PhotoParams {
  float gains[4];
  float contrast;
  float vignetteAmount;
  float vignetteMidpoint;
  float vignetteFeather;
  float vignetteRoundness;
  float grainAmount;
  uint32_t grainSeed;
  uint32_t stages;
};

#define STAGE_EXPOSURE 1u
#define STAGE_SRGB_ENCODE 2u
#define STAGE_CONTRAST 4u
#define STAGE_GRAIN 8u
#define STAGE_VIGNETTE 16u
#define STAGE_SRGB_DECODE 32u
#define STAGE_NOISE_ONLY 64u

TP_FN uint32_t photo_pcg(uint32_t v) {
  uint32_t state = v * 747796405u + 2891336453u;
  uint32_t word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

// Uniform in [-0.5, 0.5), exact: a 24-bit integer times 2^-24.
TP_FN float photo_grain_noise(uint32_t x, uint32_t y, uint32_t seed) {
  return (float)(photo_pcg(x + photo_pcg(y + photo_pcg(seed))) >> 8u) * (1.0f / 16777216.0f) - 0.5f;
}

TP_FN float photo_srgb_encode(float l) {
  if (l <= 0.0031308f) return 12.92f * l;
  return 1.055f * powf(l, 1.0f / 2.4f) - 0.055f;
}

TP_FN float photo_srgb_decode(float c) {
  if (c <= 0.04045f) return c / 12.92f;
  return powf((c + 0.055f) / 1.055f, 2.4f);
}

TP_FN float photo_smoothstep(float e0, float e1, float x) {
  float t = fminf(fmaxf((x - e0) / (e1 - e0), 0.0f), 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

TP_FN float photo_vignette(const PhotoParams& p, uint32_t x, uint32_t y, uint32_t w, uint32_t h) {
  float px = (((float)x + 0.5f) / (float)w - 0.5f) * 2.0f;
  float py = (((float)y + 0.5f) / (float)h - 0.5f) * 2.0f;
  // roundness 0: an ellipse following the frame; 1: a circle (x scaled by the aspect); mix as WGSL's.
  float aspect = (float)w / (float)h;
  float qx = px * (1.0f * (1.0f - p.vignetteRoundness) + aspect * p.vignetteRoundness);
  float v = photo_smoothstep(p.vignetteMidpoint, p.vignetteMidpoint + p.vignetteFeather, sqrtf(qx * qx + py * py));
  return 1.0f - p.vignetteAmount * v;
}

TP_FN void photo_pixel(const uint8_t* source, uint8_t* result, const TextureDesc& d, const PhotoParams& p, uint32_t x, uint32_t y) {
  uint32_t s = p.stages;
  tp_float4 c = tp_load_texel(source, d, x, y, 0);
  float rgb[3] = {c.x, c.y, c.z};
  for (int i = 0; i < 3; i++) {
    float v = rgb[i];
    if (s & STAGE_EXPOSURE) v = v * p.gains[i];
    if (s & STAGE_SRGB_ENCODE) v = photo_srgb_encode(v);
    if (s & STAGE_CONTRAST) v = (v - 0.5f) * p.contrast + 0.5f;
    if (s & STAGE_GRAIN) v = v + p.grainAmount * photo_grain_noise(x, y, p.grainSeed);
    if (s & STAGE_NOISE_ONLY) v = photo_grain_noise(x, y, p.grainSeed);
    if (s & STAGE_VIGNETTE) v = v * photo_vignette(p, x, y, d.width, d.height);
    if (s & STAGE_SRGB_DECODE) v = photo_srgb_decode(v);
    rgb[i] = v;
  }
  tp_store_texel_rounded(result, d, x, y, 0, tp_make_float4(rgb[0], rgb[1], rgb[2], c.w));
}
