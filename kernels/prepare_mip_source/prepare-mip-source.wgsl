// prgpu's prepare_mip_source copy: level 0 of a pitched source into level 0
// of a mip buffer whose pitch may differ (the row-by-row path of
// cuMemcpy2D / per-row blits). A byte copy, format-agnostic: one thread per
// u32 word of a destination row, so each invocation owns whole words.

#import twinpath::texture::{TextureDesc, texelWord}

@group(0) @binding(0) var<storage, read_write> source: array<u32>;
@group(0) @binding(1) var<storage, read_write> mips: array<u32>;
@group(0) @binding(2) var<storage, read> sourceDesc: TextureDesc;
@group(0) @binding(3) var<storage, read> mipsDesc: TextureDesc;

@compute @workgroup_size(64, 4)
fn prepare_mip_source(@builtin(global_invocation_id) gid: vec3u) {
  let rowWords = mipsDesc.width * mipsDesc.bytesPerPixel / 4u;
  if (gid.x >= rowWords || gid.y >= mipsDesc.height) {
    return;
  }
  let srcWord = texelWord(sourceDesc, 0u, gid.y, 0u) + gid.x;
  let dstWord = texelWord(mipsDesc, 0u, gid.y, 0u) + gid.x;
  mips[dstWord] = source[srcWord];
}
