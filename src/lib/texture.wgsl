#define_import_path twinpath::texture

// twinpath's port of VEKL's TextureDesc and pixel I/O (docs/facts.md#textures). Kernels
// import what they use: `#import twinpath::texture::{TextureDesc, loadTexel}`.
// Pixels live in a byte-addressed array<u32>; a texel of level l starts at
// word mipOffsetBytes[l] / 4 + (y * mipPitchBytes[l] + x * bytesPerPixel) / 4.
// Unorm8x4: one word, byte 0 -> .x, / 255. Unorm16x4: two words, low half
// first, / 65535. Float32x4: four words, bitcast. Bgra swaps x and z on load
// and store. storeTexel truncates, u32(saturate(c) * max), as prgpu does;
// storeTexelRounded rounds to nearest.

const MAX_MIP: u32 = 5u;

const STORAGE_UNORM8X4: u32 = 0u;
const STORAGE_UNORM16X4: u32 = 1u;
const STORAGE_FLOAT32X4: u32 = 2u;
const LAYOUT_BGRA: u32 = 1u;

struct TextureDesc {
  width: u32,
  height: u32,
  pitchBytes: u32,
  bytesPerPixel: u32,
  storage: u32,
  pixelLayout: u32, // prgpu's `layout`: a reserved word in WGSL
  addressMode: u32,
  mipLevelCount: u32,
  mipOffsetBytes: array<u32, MAX_MIP>,
  mipWidth: array<u32, MAX_MIP>,
  mipHeight: array<u32, MAX_MIP>,
  mipPitchBytes: array<u32, MAX_MIP>,
}

// Index of the first u32 word of texel (x, y) of level l.
fn texelWord(d: TextureDesc, x: u32, y: u32, l: u32) -> u32 {
  return d.mipOffsetBytes[l] / 4u + (y * d.mipPitchBytes[l] + x * d.bytesPerPixel) / 4u;
}

// Memory order <-> rgba: Bgra swaps x and z (its own inverse).
fn swizzle(d: TextureDesc, c: vec4f) -> vec4f {
  if (d.pixelLayout == LAYOUT_BGRA) {
    return c.zyxw;
  }
  return c;
}

fn loadTexel(p: ptr<storage, array<u32>, read_write>, d: TextureDesc, x: u32, y: u32, l: u32) -> vec4f {
  let i = texelWord(d, x, y, l);
  var c: vec4f;
  switch d.storage {
    case STORAGE_UNORM8X4: {
      let w = (*p)[i];
      c = vec4f(f32(w & 0xffu), f32((w >> 8u) & 0xffu), f32((w >> 16u) & 0xffu), f32(w >> 24u)) / 255.0;
    }
    case STORAGE_UNORM16X4: {
      let w0 = (*p)[i];
      let w1 = (*p)[i + 1u];
      c = vec4f(f32(w0 & 0xffffu), f32(w0 >> 16u), f32(w1 & 0xffffu), f32(w1 >> 16u)) / 65535.0;
    }
    default: {
      c = bitcast<vec4f>(vec4u((*p)[i], (*p)[i + 1u], (*p)[i + 2u], (*p)[i + 3u]));
    }
  }
  return swizzle(d, c);
}

// Unorm encodes u32(saturate(c) * max + bias): bias 0 truncates (prgpu),
// 0.5 rounds to nearest (the WebGPU spec's floor(0.5 + c * max)).
fn storeEncoded(p: ptr<storage, array<u32>, read_write>, d: TextureDesc, x: u32, y: u32, l: u32, value: vec4f, bias: f32) {
  let i = texelWord(d, x, y, l);
  let c = swizzle(d, value);
  switch d.storage {
    case STORAGE_UNORM8X4: {
      let q = vec4u(saturate(c) * 255.0 + bias);
      (*p)[i] = q.x | (q.y << 8u) | (q.z << 16u) | (q.w << 24u);
    }
    case STORAGE_UNORM16X4: {
      let q = vec4u(saturate(c) * 65535.0 + bias);
      (*p)[i] = q.x | (q.y << 16u);
      (*p)[i + 1u] = q.z | (q.w << 16u);
    }
    default: {
      let b = bitcast<vec4u>(c);
      (*p)[i] = b.x;
      (*p)[i + 1u] = b.y;
      (*p)[i + 2u] = b.z;
      (*p)[i + 3u] = b.w;
    }
  }
}

// prgpu's store: truncates.
fn storeTexel(p: ptr<storage, array<u32>, read_write>, d: TextureDesc, x: u32, y: u32, l: u32, value: vec4f) {
  storeEncoded(p, d, x, y, l, value, 0.0);
}

// The spec's store: rounds to nearest. AgX-style kernels use this.
fn storeTexelRounded(p: ptr<storage, array<u32>, read_write>, d: TextureDesc, x: u32, y: u32, l: u32, value: vec4f) {
  storeEncoded(p, d, x, y, l, value, 0.5);
}

// --- TextureView sampling (docs/facts.md#textures) -----------------------------------
// Texel centres: uv = (gid + 0.5) / size; p = uv * size_l - 0.5. Taps are
// clamped to the level in signed space: prgpu 0.1.4 cast a negative floor to
// unsigned first, which sends taps within half a texel of the top/left edge
// to the far edge.

fn clampedLevel(d: TextureDesc, lod: u32) -> u32 {
  return min(lod, max(d.mipLevelCount, 1u) - 1u);
}

// TextureView's Load(px, lod): no bounds check, as in VEKL. Not named
// textureLoad, which is WGSL's own builtin.
fn textureViewLoad(p: ptr<storage, array<u32>, read_write>, d: TextureDesc, px: vec2u, lod: u32) -> vec4f {
  return loadTexel(p, d, px.x, px.y, clampedLevel(d, lod));
}

fn sampleLinear(p: ptr<storage, array<u32>, read_write>, d: TextureDesc, uv: vec2f, lod: u32) -> vec4f {
  let l = clampedLevel(d, lod);
  let size = vec2f(f32(d.mipWidth[l]), f32(d.mipHeight[l]));
  let pos = uv * size - 0.5;
  let pf = floor(pos);
  let f = clamp(pos - pf, vec2f(0.0), vec2f(1.0));
  let last = vec2i(i32(d.mipWidth[l]) - 1, i32(d.mipHeight[l]) - 1);
  let t0 = vec2u(clamp(vec2i(pf), vec2i(0), last));
  let t1 = vec2u(clamp(vec2i(pf) + 1, vec2i(0), last));
  let c00 = loadTexel(p, d, t0.x, t0.y, l);
  let c10 = loadTexel(p, d, t1.x, t0.y, l);
  let c01 = loadTexel(p, d, t0.x, t1.y, l);
  let c11 = loadTexel(p, d, t1.x, t1.y, l);
  return mix(mix(c00, c10, f.x), mix(c01, c11, f.x), f.y);
}

fn sampleLinearTrilinear(p: ptr<storage, array<u32>, read_write>, d: TextureDesc, uv: vec2f, lodF: f32) -> vec4f {
  let top = f32(max(d.mipLevelCount, 1u) - 1u);
  let lf = clamp(lodF, 0.0, top);
  let lo = floor(lf);
  let hi = min(lo + 1.0, top);
  return mix(sampleLinear(p, d, uv, u32(lo)), sampleLinear(p, d, uv, u32(hi)), lf - lo);
}
