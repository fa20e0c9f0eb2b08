/**
 * AgX's GpuParameters, declared once in TS (docs/facts.md#reference-systems): 400 bytes of f32 in
 * 16-byte lanes. Its WGSL counterpart is gpu-parameters.wgsl; the layout
 * check holds the two (and the GPU) together field by field, where AgX's own
 * guard only checks `size % 16 == 0`.
 */
import { array, f32, struct, u32, vec2, vec4 } from 'twinpath';

const band8 = array(f32, 8);

export const GPU_PARAMETERS = struct('GpuParameters', {
  exposure: f32,
  temperature: f32,
  tint: f32,
  _pad0: f32,
  dehaze: f32,
  denoiseLuma: f32,
  denoiseChroma: f32,
  _pad1: f32,
  contrast: f32,
  highlights: f32,
  shadows: f32,
  whites: f32,
  blacks: f32,
  vibrance: f32,
  saturation: f32,
  _pad2: f32,
  hslHue: band8,
  hslSaturation: band8,
  hslLuminance: band8,
  curve: band8,
  lift: vec4(f32),
  gamma: vec4(f32),
  gain: vec4(f32),
  offset: vec4(f32),
  shadowsWheel: vec4(f32),
  midtonesWheel: vec4(f32),
  highlightsWheel: vec4(f32),
  lutStrength: f32,
  lutSize: u32,
  sharpen: f32,
  clarity: f32,
  grainAmount: f32,
  grainSize: f32,
  grainSeed: u32,
  _pad3: f32,
  vignetteAmount: f32,
  vignetteMidpoint: f32,
  vignetteRoundness: f32,
  vignetteFeather: f32,
  vignetteCenter: vec2(f32),
  vignetteAspect: f32,
  _pad4: f32,
  outputGamma: f32,
  ditherAmount: f32,
  outputBlack: f32,
  outputWhite: f32,
  width: u32,
  height: u32,
  time: f32,
  flags: u32,
});
