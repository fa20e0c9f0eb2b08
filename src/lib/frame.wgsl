#define_import_path twinpath::frame

// prgpu's FrameParams (docs/facts.md#textures): the descriptors of the outgoing, incoming
// and destination frames, then the frame's size, time and progress.
// 3 x 112 + 16 = 352 bytes.

#import twinpath::texture::TextureDesc

struct FrameParams {
  outDesc: TextureDesc,
  inDesc: TextureDesc,
  dstDesc: TextureDesc,
  width: u32,
  height: u32,
  time: f32,
  progress: f32,
}
