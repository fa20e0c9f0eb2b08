// Two outputs: the image in grey (integer BT.601 luma, alpha kept) and a 256-bin histogram of that luma.
@group(0) @binding(0) var<storage, read> rgba: array<u32>;
@group(0) @binding(1) var<storage, read_write> grey: array<u32>;
@group(0) @binding(2) var<storage, read_write> histogram: array<atomic<u32>, 256>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= arrayLength(&grey)) {
    return;
  }
  let p = rgba[id.x];
  let luma = (77u * (p & 0xffu) + 150u * ((p >> 8u) & 0xffu) + 29u * ((p >> 16u) & 0xffu)) >> 8u;
  grey[id.x] = luma | (luma << 8u) | (luma << 16u) | (p & 0xff000000u);
  atomicAdd(&histogram[luma], 1u);
}
