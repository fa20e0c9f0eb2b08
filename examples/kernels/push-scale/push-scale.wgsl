// wgpu style: parameters in a push constant (twinpath rewrites it to a uniform in a free bind group).
struct PushConstants {
  scale: u32,
  offset: u32,
  count: u32,
}

@group(0) @binding(0) var<storage, read> input: array<u32>;
@group(0) @binding(1) var<storage, read_write> output: array<u32>;
var<push_constant> pc: PushConstants;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= pc.count) {
    return;
  }
  output[id.x] = input[id.x] * pc.scale + pc.offset;
}
