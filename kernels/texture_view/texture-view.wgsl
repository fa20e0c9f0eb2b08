// TextureView sampling, one request per thread. A request is four u32:
// (mode, a, b, c): Load (0) reads texel (a, b) of level c; SampleLinear (1)
// samples uv = bitcast(a, b) at level c; SampleLinearTrilinear (2) samples
// uv = bitcast(a, b) at lod bitcast(c). Results are Float32x4 texels.

#import twinpath::texture::{TextureDesc, sampleLinear, sampleLinearTrilinear, textureViewLoad}

@group(0) @binding(0) var<storage, read_write> pixels: array<u32>;
@group(0) @binding(1) var<storage, read> desc: TextureDesc;
@group(0) @binding(2) var<storage, read> requests: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read_write> results: array<u32>;

@compute @workgroup_size(64)
fn texture_view(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i >= arrayLength(&requests)) {
    return;
  }
  let r = requests[i];
  let d = desc;
  let uv = bitcast<vec2f>(r.yz);
  var c: vec4f;
  switch r.x {
    case 0u: {
      c = textureViewLoad(&pixels, d, r.yz, r.w);
    }
    case 1u: {
      c = sampleLinear(&pixels, d, uv, r.w);
    }
    default: {
      c = sampleLinearTrilinear(&pixels, d, uv, bitcast<f32>(r.w));
    }
  }
  let b = bitcast<vec4u>(c);
  results[4u * i] = b.x;
  results[4u * i + 1u] = b.y;
  results[4u * i + 2u] = b.z;
  results[4u * i + 3u] = b.w;
}
