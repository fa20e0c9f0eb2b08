// AgX-style photo stages (seed 003), in AgX's order, one thread per pixel:
// white balance + exposure -> linear->sRGB -> contrast -> grain -> vignette
// -> sRGB->linear. `stages` selects which run. Alpha passes through. Grain
// uses an integer hash (PCG) shared with the oracle, so the noise is exact.

#import twinpath::texture::{TextureDesc, loadTexel, storeTexelRounded}

struct PhotoParams {
  gains: vec4<f32>,
  contrast: f32,
  vignetteAmount: f32,
  vignetteMidpoint: f32,
  vignetteFeather: f32,
  vignetteRoundness: f32,
  grainAmount: f32,
  grainSeed: u32,
  stages: u32,
}

const STAGE_EXPOSURE: u32 = 1u;
const STAGE_SRGB_ENCODE: u32 = 2u;
const STAGE_CONTRAST: u32 = 4u;
const STAGE_GRAIN: u32 = 8u;
const STAGE_VIGNETTE: u32 = 16u;
const STAGE_SRGB_DECODE: u32 = 32u;
const STAGE_NOISE_ONLY: u32 = 64u;

@group(0) @binding(0) var<storage, read_write> source: array<u32>;
@group(0) @binding(1) var<storage, read_write> result: array<u32>;
@group(0) @binding(2) var<storage, read> desc: TextureDesc;
@group(0) @binding(3) var<uniform> params: PhotoParams;

fn pcg(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

// Uniform in [-0.5, 0.5), exact: a 24-bit integer times 2^-24.
fn grainNoise(x: u32, y: u32, seed: u32) -> f32 {
  return f32(pcg(x + pcg(y + pcg(seed))) >> 8u) * (1.0 / 16777216.0) - 0.5;
}

fn srgbEncode(l: f32) -> f32 {
  if (l <= 0.0031308) {
    return 12.92 * l;
  }
  return 1.055 * pow(l, 1.0 / 2.4) - 0.055;
}

fn srgbDecode(c: f32) -> f32 {
  if (c <= 0.04045) {
    return c / 12.92;
  }
  return pow((c + 0.055) / 1.055, 2.4);
}

fn vignetteFactor(x: u32, y: u32, w: u32, h: u32) -> f32 {
  let uv = (vec2f(f32(x), f32(y)) + 0.5) / vec2f(f32(w), f32(h));
  let p = (uv - 0.5) * 2.0;
  // roundness 0: an ellipse following the frame; 1: a circle (x scaled by the aspect).
  let q = vec2f(p.x * mix(1.0, f32(w) / f32(h), params.vignetteRoundness), p.y);
  let v = smoothstep(params.vignetteMidpoint, params.vignetteMidpoint + params.vignetteFeather, length(q));
  return 1.0 - params.vignetteAmount * v;
}

@compute @workgroup_size(16, 16)
fn photo(@builtin(global_invocation_id) gid: vec3u) {
  let d = desc;
  if (gid.x >= d.width || gid.y >= d.height) {
    return;
  }
  let s = params.stages;
  var c = loadTexel(&source, d, gid.x, gid.y, 0u);
  var rgb = c.rgb;
  if ((s & STAGE_EXPOSURE) != 0u) {
    rgb = rgb * params.gains.rgb;
  }
  if ((s & STAGE_SRGB_ENCODE) != 0u) {
    rgb = vec3f(srgbEncode(rgb.r), srgbEncode(rgb.g), srgbEncode(rgb.b));
  }
  if ((s & STAGE_CONTRAST) != 0u) {
    rgb = (rgb - 0.5) * params.contrast + 0.5;
  }
  if ((s & STAGE_GRAIN) != 0u) {
    rgb = rgb + params.grainAmount * grainNoise(gid.x, gid.y, params.grainSeed);
  }
  if ((s & STAGE_NOISE_ONLY) != 0u) {
    rgb = vec3f(grainNoise(gid.x, gid.y, params.grainSeed));
  }
  if ((s & STAGE_VIGNETTE) != 0u) {
    rgb = rgb * vignetteFactor(gid.x, gid.y, d.width, d.height);
  }
  if ((s & STAGE_SRGB_DECODE) != 0u) {
    rgb = vec3f(srgbDecode(rgb.r), srgbDecode(rgb.g), srgbDecode(rgb.b));
  }
  storeTexelRounded(&result, d, gid.x, gid.y, 0u, vec4f(rgb, c.a));
}
