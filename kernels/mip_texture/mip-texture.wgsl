// The mip chain through the hardware: each pass samples the previous level of
// a WebGPU texture with textureSampleLevel and a linear, clamp-to-edge
// sampler at the corner shared by the 2x2 block (uv = (2x + 1) / size), so
// the bilinear weights are 1/2 and 1/2 — prgpu's box, odd sizes dropping the
// last row/column — then stores it as prgpu does (truncating) into the chain
// buffer, and the same code into the texture's next level for the next pass.

#import twinpath::texture::{TextureDesc, loadTexel, storeTexel}

@group(0) @binding(0) var previous: texture_2d<f32>;
@group(0) @binding(1) var linearClamp: sampler;
@group(0) @binding(2) var next: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(3) var<storage, read_write> pixels: array<u32>;
@group(0) @binding(4) var<storage, read> desc: TextureDesc;

struct MipParams {
  srcLevel: u32,
}
@group(0) @binding(5) var<uniform> params: MipParams;

@compute @workgroup_size(16, 16)
fn mip_texture(@builtin(global_invocation_id) gid: vec3u) {
  let d = desc;
  let dst = params.srcLevel + 1u;
  if (gid.x >= d.mipWidth[dst] || gid.y >= d.mipHeight[dst]) {
    return;
  }
  let size = vec2f(f32(d.mipWidth[params.srcLevel]), f32(d.mipHeight[params.srcLevel]));
  let uv = (2.0 * vec2f(gid.xy) + 1.0) / size;
  storeTexel(&pixels, d, gid.x, gid.y, dst, textureSampleLevel(previous, linearClamp, uv, 0.0));
  textureStore(next, gid.xy, loadTexel(&pixels, d, gid.x, gid.y, dst));
}
