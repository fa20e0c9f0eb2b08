// prgpu's mip_downsample: one thread per destination texel of level
// srcLevel + 1, an unweighted 2x2 box in f32. Taps clamp to the source's
// last row/column, so odd sizes drop it (FACTS.md §1). Source and
// destination are disjoint levels of one buffer.

#import twinpath::texture::{TextureDesc, loadTexel, storeTexel}

@group(0) @binding(0) var<storage, read_write> pixels: array<u32>;
@group(0) @binding(1) var<storage, read> desc: TextureDesc;

struct MipParams {
  srcLevel: u32,
}
@group(0) @binding(2) var<uniform> params: MipParams;

@compute @workgroup_size(16, 16)
fn mip_downsample(@builtin(global_invocation_id) gid: vec3u) {
  let d = desc;
  let src = params.srcLevel;
  let dst = src + 1u;
  if (gid.x >= d.mipWidth[dst] || gid.y >= d.mipHeight[dst]) {
    return;
  }
  let lastX = d.mipWidth[src] - 1u;
  let lastY = d.mipHeight[src] - 1u;
  let x0 = min(2u * gid.x, lastX);
  let x1 = min(2u * gid.x + 1u, lastX);
  let y0 = min(2u * gid.y, lastY);
  let y1 = min(2u * gid.y + 1u, lastY);
  let c00 = loadTexel(&pixels, d, x0, y0, src);
  let c10 = loadTexel(&pixels, d, x1, y0, src);
  let c01 = loadTexel(&pixels, d, x0, y1, src);
  let c11 = loadTexel(&pixels, d, x1, y1, src);
  storeTexel(&pixels, d, gid.x, gid.y, dst, (c00 + c10 + c01 + c11) * 0.25);
}
