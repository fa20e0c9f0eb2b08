#define_import_path grade::ops

#import grade::params::GradeParams

// exposure as a power of two (exact), gain (one rounding), a clamp (exact).
fn grade(c: f32, channel: u32, p: GradeParams) -> f32 {
  return clamp(ldexp(c, p.exposure) * p.gain[channel], p.black, p.white);
}
