// A streaming copy, 16 bytes per thread: the bandwidth floor `twinpath bench`
// measures each backend's kernels against.

struct CopyParams {
  vectors: u32,
}

@group(0) @binding(0) var<storage, read> src: array<vec4<u32>>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<u32>>;
@group(0) @binding(2) var<uniform> params: CopyParams;

@compute @workgroup_size(256)
fn stream_copy(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * 256u;
  if (i >= params.vectors) {
    return;
  }
  dst[i] = src[i];
}
