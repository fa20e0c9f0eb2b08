// Flips a surface upside down: a permutation of rows, so byte-identical.
// One thread per u32 word of a row; each invocation owns whole words.

#import twinpath::texture::{TextureDesc, texelWord}

@group(0) @binding(0) var<storage, read_write> source: array<u32>;
@group(0) @binding(1) var<storage, read_write> flipped: array<u32>;
@group(0) @binding(2) var<storage, read> desc: TextureDesc;

@compute @workgroup_size(64, 4)
fn flip_y(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= desc.width * desc.bytesPerPixel / 4u || gid.y >= desc.height) {
    return;
  }
  let srcWord = texelWord(desc, 0u, desc.height - 1u - gid.y, 0u) + gid.x;
  flipped[texelWord(desc, 0u, gid.y, 0u) + gid.x] = source[srcWord];
}
