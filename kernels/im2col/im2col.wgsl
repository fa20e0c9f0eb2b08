// mlx-native's im2col_2d_3ch_f32 (docs/facts.md#reference-systems): one thread per output element
// of [num_patches, 3 p^2]; a pure permutation, copied as u32 bits so NaN
// payloads, signed zeros and denormals survive.

struct Im2colParams {
  pixel_h: u32,
  pixel_w: u32,
  patch_size: u32,
  nps_x: u32,
  nps_y: u32,
  k_total: u32,
  num_patches: u32,
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Im2colParams;
@group(0) @binding(1) var<storage, read> pixels: array<u32>;
@group(0) @binding(2) var<storage, read_write> columns: array<u32>;

@compute @workgroup_size(256)
fn im2col_2d_3ch_f32(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let idx = gid.x + gid.y * groups.x * 256u;
  if (idx >= params.num_patches * params.k_total) {
    return;
  }
  let p = params.patch_size;
  let patchIdx = idx / params.k_total;
  let k = idx % params.k_total;
  let ic = k / (p * p);
  let dy = (k % (p * p)) / p;
  let dx = k % p;
  let patchY = patchIdx / params.nps_x;
  let patchX = patchIdx % params.nps_x;
  let src = ic * params.pixel_h * params.pixel_w + (patchY * p + dy) * params.pixel_w + patchX * p + dx;
  columns[idx] = pixels[src];
}
