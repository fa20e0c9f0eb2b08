/**
 * The bounds check's rewrite, as text: every index into a storage, uniform or
 * workgroup array checked against the bound it has (count as declared, or
 * arrayLength), lines kept, the invocation id stored by each entry point, the
 * record buffer at a free binding; what it cannot check listed, at file:line.
 */
import { describe, expect, test } from 'vitest';
import { wgsl, wgslJoin } from '../source.ts';
import { instrumentBounds, PRELUDE_FILE } from './instrument.ts';

const shader = (code: string) => wgslJoin([{ file: 'k.wgsl', code }]);

/** Every kind of access the check rewrites (src/wgsl/fixtures/bounds-check.wgsl). */
export const CHECKED = wgsl(import.meta.url, '../fixtures/bounds-check.wgsl');
const FILE = 'src/wgsl/fixtures/bounds-check.wgsl';

describe('the bounds-checked build', () => {
  const check = instrumentBounds(CHECKED);
  const lines = check.source.code.split('\n');

  test('every index into a checked array is checked against its bound; lines keep their numbers', () => {
    expect(lines.slice(10, 20)).toEqual([
      'fn helper(i: u32) -> f32 { return p.w[twinpath_checked(u32(i), u32(8), 0u, 0u)][twinpath_checked(u32(i + 1u), u32(2), 1u, 0u)].x; }',
      '@compute @workgroup_size(64) fn main(@builtin(local_invocation_id) l: vec3u, @builtin(global_invocation_id) twinpath_invocation_in: vec3<u32>) { twinpath_invocation = vec3<u32>(twinpath_invocation_in);',
      '  let i = l.x;',
      '  s.arr[twinpath_checked(u32(i), arrayLength(&s.arr), 2u, 1u)].x = f32(a[twinpath_checked(u32(i + 1u), arrayLength(&a), 3u, 2u)]) * 0.0 + f32(p.v[twinpath_checked(u32(i & 3u), u32(4), 4u, 0u)].y);',
      '  w[twinpath_checked(u32(i), u32(W), 5u, 3u)] = f32(a[twinpath_checked(u32(',
      '    a[twinpath_checked(u32(i), arrayLength(&a), 6u, 2u)]), arrayLength(&a), 7u, 2u)]) + f32(q[i & 1u]);',
      '  s.arr[twinpath_checked(u32(i), arrayLength(&s.arr), 8u, 1u)][2] += 1.0;',
      '  _ = arrayLength(&a);',
      '}',
      '@compute @workgroup_size(1) fn two(inp: In) { twinpath_invocation = vec3<u32>(inp.g); s.arr[twinpath_checked(u32(0), arrayLength(&s.arr), 9u, 1u)].x = helper(inp.g.x); }',
    ]);
    expect(lines[20]).toBe(
      '@compute @workgroup_size(1) fn three(@builtin(global_invocation_id) gid: vec3u) { twinpath_invocation = vec3<u32>(gid); s.n = gid.x; }',
    );
    // A pointer parameter is checked against the array its caller hands it, `(*q)` or `q` alike.
    expect(lines[21]).toBe(
      'fn inner(q: ptr<storage, array<u32>, read>, i: u32) -> u32 { return q[twinpath_checked(u32(i), arrayLength(&(*q)), 10u, 4u)] + (*q)[twinpath_checked(u32(i + 1u), arrayLength(&(*q)), 11u, 4u)]; }',
    );
    expect(check.source.lines.slice(0, 21).map((l) => `${l.file}:${l.line}`)).toEqual(
      Array.from({ length: 21 }, (_, i) => `${FILE}:${i + 1}`),
    );
    expect(check.source.lines[25]).toEqual({ file: PRELUDE_FILE, line: 2, edits: [] });
  });

  test('each site knows its variable, line, access and bound; one record slot per variable', () => {
    expect(check.sites.map((s) => `${s.variable.key}:${s.line}:${s.access}:${s.bound}:slot ${s.slot}`)).toEqual([
      'p:11:read:u32(8):slot 0',
      'p:11:read:u32(2):slot 0',
      's:14:write:arrayLength(&s.arr):slot 1',
      'a:14:read:arrayLength(&a):slot 2',
      'p:14:read:u32(4):slot 0',
      'w:15:write:u32(W):slot 3',
      'a:16:read:arrayLength(&a):slot 2',
      'a:15:read:arrayLength(&a):slot 2',
      's:17:write:arrayLength(&s.arr):slot 1',
      's:20:write:arrayLength(&s.arr):slot 1',
      'inner(q):22:read:arrayLength(&(*q)):slot 4',
      'inner(q):22:read:arrayLength(&(*q)):slot 4',
    ]);
    expect(check.variables.map((v) => v.where)).toEqual([
      '@group(0) @binding(2) p, uniform',
      '@group(0) @binding(1) s, storage',
      '@group(0) @binding(0) a, storage',
      'var<workgroup> w',
      '@group(0) @binding(0) a, storage; through q of inner',
    ]);
    expect(check.record).toEqual({ group: 0, binding: 5, bytes: 5 * 8 * 4 });
    expect(check.source.code).toContain(
      '@group(0) @binding(5) var<storage, read_write> twinpath_bounds: array<atomic<u32>>;',
    );
    expect([...check.sizedByLength]).toEqual(['s', 'a']);
    expect(check.unchecked).toEqual([]);
  });

  test('the entry points that reach a checked access, through the functions they call (four: outer, inner)', () => {
    expect([...check.recordUsers].sort()).toEqual(['four', 'main', 'two']);
  });
});

test('a source with nothing to check is left as it is, with no record buffer', () => {
  const src = shader(
    '@group(0) @binding(0) var<storage, read_write> x: u32;\n@compute @workgroup_size(1) fn main() { x = 1u; }\n',
  );
  const check = instrumentBounds(src);
  expect(check.source).toBe(src);
  expect(check.record).toBeUndefined();
  expect(check.sites).toEqual([]);
});

test('planted: accesses the check cannot see are listed at file:line', () => {
  const check = instrumentBounds(
    shader(`@group(0) @binding(0) var<storage, read_write> a: array<u32>;
@compute @workgroup_size(1) fn main() {
  let q = &a;
  q[0] = 1u;
}
@compute @workgroup_size(1) fn other() {
  let a = array<u32, 2>(1u, 2u);
  _ = a[1];
}
@group(1 + 0) @binding(0) var<storage, read_write> b: array<u32>;
fn copies(p: ptr<storage, array<u32>, read_write>) { let r = p; r[0] = 1u; }
`),
  );
  expect(check.unchecked).toEqual([
    'k.wgsl:3: a pointer to a is kept; accesses through it are not checked',
    'k.wgsl:8: a is redeclared in this function',
    'k.wgsl:11: pointer parameter p is copied to r; accesses through it are not checked',
    'k.wgsl:10: @group(...) is not a literal, so no free binding can be chosen',
  ]);
});

test('an access is a write where an assignment, compound assignment or increment follows it, else a read', () => {
  const check = instrumentBounds(
    shader(`@group(0) @binding(0) var<storage, read_write> a: array<u32>;
@compute @workgroup_size(1) fn main() {
  a[0]=1u; a[1] += 1u; a[2]++; a[3] <<= 1u; a[4]-=1u;
  _ = a[5] == 1u; _ = a[6] - -1; _ = a[7] <= 1u; _ = a[8]+1u; atomicAdd(&a[9], 1u);
}
`),
  );
  expect(check.sites.map((s) => s.access)).toEqual([
    'write',
    'write',
    'write',
    'write',
    'write',
    'read',
    'read',
    'read',
    'read',
    'pointer',
  ]);
});
