// In place on RGB f32 pixels (three floats a pixel, 12 bytes); the kernel sizes itself from the buffer.
#import grade::params::GradeParams
#import grade::ops::grade

@group(0) @binding(0) var<storage, read_write> pixels: array<f32>;
@group(0) @binding(1) var<storage, read> params: GradeParams;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= arrayLength(&pixels) / 3u) {
    return;
  }
  for (var c = 0u; c < 3u; c++) {
    let i = id.x * 3u + c;
    pixels[i] = grade(pixels[i], c, params);
  }
}
