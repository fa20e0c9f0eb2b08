/** The struct layout engine: declarations, WGSL and C rules, codec, reflection, GPU probe, three-way check, C compiler check. */
export {
  struct,
  attr,
  array,
  mat,
  vec2,
  vec3,
  vec4,
  i32,
  u32,
  f32,
  f16,
  typeName,
  type StructDecl,
  type Member,
  type WgslType,
  type Scalar,
} from '../model/layout/types.ts';
export {
  alignOf,
  sizeOf,
  strideOf,
  layoutStruct,
  type LayoutRules,
  type StructLayout,
  type MemberLayout,
} from '../model/layout/rules.ts';
export { uniformViolations, renderUniformViolation, type UniformViolation } from '../model/layout/uniform.ts';
export { packStruct, unpackStruct, type LayoutValue, type ZeroFill } from '../model/layout/codec.ts';
export { wgslDeclaration } from '../model/layout/wgsl-text.ts';
export { reflectStructs, type ReflectedStruct } from './reflected.ts';
export { probeLayout, PROBE_MAX_BYTES, type AddressSpace, type ProbedMember, type ProbeResult } from './probe.ts';
export { checkLayout, renderLayoutCheck, type LayoutCheck, type LayoutRow, type CheckLayoutOptions } from './check.ts';
export { cDeclaration } from '../model/layout/c-text.ts';
export {
  checkCLayout,
  renderCLayoutCheck,
  type CLayoutCheck,
  type CLayoutRow,
  type CheckCLayoutOptions,
} from './c-check.ts';
