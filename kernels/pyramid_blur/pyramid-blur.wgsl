// A flat-cost pyramid blur (the seeds' mip-chain use case): a 3x3 binomial
// kernel of taps `radius` level-0 pixels apart, each read with trilinear
// filtering at lod log2(radius), so the cost does not grow with the radius.
// Runs after generate_mips filled levels 1..n-1 of `pixels` in place; reads
// level 0 from `source` and writes the blurred image over level 0 of `pixels`.

#import twinpath::texture::{TextureDesc, loadTexel, storeTexel}

struct BlurParams {
  radius: f32,
}
@group(0) @binding(2) var<uniform> blur: BlurParams;
@group(0) @binding(3) var<storage, read_write> source: array<u32>;

// Level 0 comes from the untouched source, coarser levels from the chain.
fn blurLoad(d: TextureDesc, x: u32, y: u32, l: u32) -> vec4f {
  if (l == 0u) {
    return loadTexel(&source, d, x, y, 0u);
  }
  return loadTexel(&pixels, d, x, y, l);
}

// sampleLinear of the texture library, over blurLoad.
fn blurSampleLinear(d: TextureDesc, uv: vec2f, l: u32) -> vec4f {
  let size = vec2f(f32(d.mipWidth[l]), f32(d.mipHeight[l]));
  let pos = uv * size - 0.5;
  let pf = floor(pos);
  let f = clamp(pos - pf, vec2f(0.0), vec2f(1.0));
  let last = vec2i(i32(d.mipWidth[l]) - 1, i32(d.mipHeight[l]) - 1);
  let t0 = vec2u(clamp(vec2i(pf), vec2i(0), last));
  let t1 = vec2u(clamp(vec2i(pf) + 1, vec2i(0), last));
  return mix(mix(blurLoad(d, t0.x, t0.y, l), blurLoad(d, t1.x, t0.y, l), f.x), mix(blurLoad(d, t0.x, t1.y, l), blurLoad(d, t1.x, t1.y, l), f.x), f.y);
}

@compute @workgroup_size(16, 16)
fn pyramid_blur(@builtin(global_invocation_id) gid: vec3u) {
  let d = desc;
  if (gid.x >= d.width || gid.y >= d.height) {
    return;
  }
  let size = vec2f(f32(d.width), f32(d.height));
  let uv = (vec2f(gid.xy) + 0.5) / size;
  let top = f32(max(d.mipLevelCount, 1u) - 1u);
  let lodF = clamp(log2(max(blur.radius, 1.0)), 0.0, top);
  let lo = floor(lodF);
  let hi = min(lo + 1.0, top);
  var sum = vec4f(0.0);
  for (var j = -1; j <= 1; j++) {
    for (var i = -1; i <= 1; i++) {
      let w = f32((2 - abs(i)) * (2 - abs(j))) / 16.0;
      let at = uv + vec2f(f32(i), f32(j)) * blur.radius / size;
      let c = mix(blurSampleLinear(d, at, u32(lo)), blurSampleLinear(d, at, u32(hi)), lodF - lo);
      sum = sum + w * c;
    }
  }
  storeTexel(&pixels, d, gid.x, gid.y, 0u, sum);
}
