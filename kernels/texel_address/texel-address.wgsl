// The GPU's own answer to "where is texel (x, y) of level l?": reads the
// TextureDesc from a storage buffer and writes, per sample, x, y, l and the
// byte address texelWord() computes, as f32 (exact below 2^24).

#import twinpath::texture::{TextureDesc, texelWord}

@group(0) @binding(0) var<storage, read> desc: TextureDesc;
@group(0) @binding(1) var<storage, read> samples: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read_write> addresses: array<u32>;

@compute @workgroup_size(64)
fn texel_address(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= arrayLength(&samples)) {
    return;
  }
  let s = samples[i];
  let a = vec4f(f32(s.x), f32(s.y), f32(s.z), f32(texelWord(desc, s.x, s.y, s.z) * 4u));
  let b = bitcast<vec4u>(a);
  addresses[4u * i] = b.x;
  addresses[4u * i + 1u] = b.y;
  addresses[4u * i + 2u] = b.z;
  addresses[4u * i + 3u] = b.w;
}
