#define_import_path grade::params

// Every knob of the grade, as the host packs it (storage: arrays of f32 keep a 4-byte stride).
struct GradeParams {
  exposure: i32,
  black: f32,
  white: f32,
  _pad0: f32,
  gain: vec3<f32>,
  _pad1: f32,
  lift: vec3<f32>,
  _pad2: f32,
  curve: array<f32, 16>,
  matrix: mat3x3<f32>,
  saturation: f32,
  contrast: f32,
  pivot: f32,
  seed: u32,
  vignette: vec4<f32>,
  reserved: array<u32, 8>,
}
