// A streaming copy of u32 words, one thread per word: the bandwidth floor
// `twinpath bench` measures each backend's kernels against.

struct CopyParams {
  words: u32,
}

@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;
@group(0) @binding(2) var<uniform> params: CopyParams;

@compute @workgroup_size(256)
fn stream_copy(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * 256u;
  if (i >= params.words) {
    return;
  }
  dst[i] = src[i];
}
