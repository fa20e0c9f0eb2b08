// The author's own module, found under the kernel's import root by its path:
// rows/mirror.wgsl is rows::mirror.

fn mirrored(y: u32, height: u32) -> u32 {
  return height - 1u - y;
}
