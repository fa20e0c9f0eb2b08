// A workgroup tree reduction (wrapping u32 add) sized by arrayLength: each workgroup sums 256 words into
// `partials`, then one workgroup sums the partials into `total`.
@group(0) @binding(0) var<storage, read> words: array<u32>;
@group(0) @binding(1) var<storage, read_write> partials: array<u32>;
@group(0) @binding(2) var<storage, read_write> total: array<u32, 1>;

const WG: u32 = 256u;
var<workgroup> sums: array<u32, 256>;

fn treeSum(li: u32) {
  for (var stride = WG / 2u; stride > 0u; stride >>= 1u) {
    workgroupBarrier();
    if (li < stride) {
      sums[li] += sums[li + stride];
    }
  }
  workgroupBarrier();
}

@compute @workgroup_size(256)
fn reduce_words(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  sums[li] = select(0u, words[gid.x], gid.x < arrayLength(&words));
  treeSum(li);
  if (li == 0u) {
    partials[wg.x] = sums[0];
  }
}

@compute @workgroup_size(256)
fn reduce_partials(@builtin(local_invocation_index) li: u32) {
  var acc = 0u;
  for (var i = li; i < arrayLength(&partials); i += WG) {
    acc += partials[i];
  }
  sums[li] = acc;
  treeSum(li);
  if (li == 0u) {
    total[0] = sums[0];
  }
}
