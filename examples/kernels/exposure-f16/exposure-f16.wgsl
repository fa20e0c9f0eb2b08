// Exposure in stops, in place on an rgba16float texture through a read_write storage texture
// (rgba16float read_write needs the device feature texture-formats-tier2).
@group(0) @binding(0) var image: texture_storage_2d<rgba16float, read_write>;
@group(0) @binding(1) var<uniform> stops: vec4<i32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let size = textureDimensions(image);
  if (id.x >= size.x || id.y >= size.y) {
    return;
  }
  textureStore(image, id.xy, ldexp(textureLoad(image, id.xy), vec4<i32>(stops.x)));
}
