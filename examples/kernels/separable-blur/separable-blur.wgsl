// A separable [1 2 1] / 4 blur: a horizontal pass from a sampled rgba8unorm texture (clamp-to-edge sampler at
// texel centres) into an f32 scratch buffer, then a vertical pass into an rgba8unorm storage texture. Each pass
// stages a row (or column) tile with a one-texel apron in workgroup memory.
@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var samp: sampler;

struct BlurSize {
  width: u32,
  height: u32,
}

@group(1) @binding(0) var<uniform> size: BlurSize;
@group(1) @binding(1) var<storage, read_write> scratch: array<vec4<f32>>;
@group(1) @binding(2) var dst: texture_storage_2d<rgba8unorm, write>;

const TILE: u32 = 64u;
var<workgroup> tile: array<vec4<f32>, 66>;

fn sampleAt(x: i32, y: i32) -> vec4<f32> {
  let uv = (vec2<f32>(f32(x), f32(y)) + 0.5) / vec2<f32>(f32(size.width), f32(size.height));
  return textureSampleLevel(src, samp, uv, 0.0);
}

@compute @workgroup_size(64, 1, 1)
fn blur_h(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let x0 = i32(wg.x * TILE) - 1;
  let y = i32(wg.y);
  for (var i = li; i < TILE + 2u; i += TILE) {
    tile[i] = sampleAt(x0 + i32(i), y);
  }
  workgroupBarrier();
  let x = wg.x * TILE + li;
  if (x < size.width) {
    scratch[u32(y) * size.width + x] = (tile[li] + tile[li + 1u] * 2.0 + tile[li + 2u]) * 0.25;
  }
}

@compute @workgroup_size(1, 64, 1)
fn blur_v(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let x = wg.x;
  let y0 = i32(wg.y * TILE) - 1;
  for (var i = li; i < TILE + 2u; i += TILE) {
    let y = u32(clamp(y0 + i32(i), 0, i32(size.height) - 1));
    tile[i] = scratch[y * size.width + x];
  }
  workgroupBarrier();
  let y = wg.y * TILE + li;
  if (y < size.height) {
    textureStore(dst, vec2<u32>(x, y), (tile[li] + tile[li + 1u] * 2.0 + tile[li + 2u]) * 0.25);
  }
}
