import { test } from 'vitest';
import { wgslJoin } from '../source.ts';
import { instrumentBounds } from './instrument.ts';
import { gpuSession } from '../../backends/wgsl/session.ts';
import { reflectSource } from '../reflect.ts';
test('x', async () => {
  const src = wgslJoin([
    {
      file: 'k.wgsl',
      code: `struct S { n: u32, arr: array<vec4f> }
struct P { v: array<vec4u, 4>, w: array<array<vec4f, 2>, 8> }
override W: u32 = 16;
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> s: S;
@group(0) @binding(2) var<uniform> p: P;
var<workgroup> w: array<f32, W>;
fn helper(i: u32) -> f32 { return p.w[i][i + 1u].x; }
@compute @workgroup_size(64) fn main(@builtin(local_invocation_id) l: vec3u) {
  let i = l.x;
  s.arr[i].x = f32(a[i + 1u]) * 0.0 + f32(p.v[i & 3u].y);
  w[i] = f32(a[a[i]]);
  s.arr[i][2] += 1.0;
  _ = arrayLength(&a);
}
@compute @workgroup_size(1) fn two() { s.arr[0].x = helper(3u); }
`,
    },
  ]);
  const r = instrumentBounds(src);
  const { pipelines } = await gpuSession();
  await pipelines.module('x', r.source);
  console.log(reflectSource(r.source).entry.compute.map((e) => [e.name, e.resources.map((v) => v.name)]));
});
