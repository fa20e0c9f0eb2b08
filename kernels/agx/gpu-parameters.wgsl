// AgX-style photo pipeline parameters (docs/facts.md#reference-systems): a #[repr(C)] struct of f32
// in 16-byte lanes, stage by stage in AgX's order, with explicit padding.
// 400 bytes. Groups of eight (HSL bands, tone curve) are array<f32, 8>:
// fine in storage, but their stride of 4 breaks the uniform rules — there
// they must be packed as array<vec4f, 2> (the layout check says so).

struct GpuParameters {
  // white balance + exposure
  exposure: f32,
  temperature: f32,
  tint: f32,
  _pad0: f32,
  // dehaze + denoise
  dehaze: f32,
  denoiseLuma: f32,
  denoiseChroma: f32,
  _pad1: f32,
  // contrast / tone
  contrast: f32,
  highlights: f32,
  shadows: f32,
  whites: f32,
  blacks: f32,
  vibrance: f32,
  saturation: f32,
  _pad2: f32,
  // HSL, eight bands each
  hslHue: array<f32, 8>,
  hslSaturation: array<f32, 8>,
  hslLuminance: array<f32, 8>,
  // tone curve, eight control points
  curve: array<f32, 8>,
  // colour grading wheels (rgb + luminance)
  lift: vec4<f32>,
  gamma: vec4<f32>,
  gain: vec4<f32>,
  offset: vec4<f32>,
  shadowsWheel: vec4<f32>,
  midtonesWheel: vec4<f32>,
  highlightsWheel: vec4<f32>,
  // LUT + detail
  lutStrength: f32,
  lutSize: u32,
  sharpen: f32,
  clarity: f32,
  // grain
  grainAmount: f32,
  grainSize: f32,
  grainSeed: u32,
  _pad3: f32,
  // vignette
  vignetteAmount: f32,
  vignetteMidpoint: f32,
  vignetteRoundness: f32,
  vignetteFeather: f32,
  vignetteCenter: vec2<f32>,
  vignetteAspect: f32,
  _pad4: f32,
  // output (sRGB -> linear)
  outputGamma: f32,
  ditherAmount: f32,
  outputBlack: f32,
  outputWhite: f32,
  // frame
  width: u32,
  height: u32,
  time: f32,
  flags: u32,
}
