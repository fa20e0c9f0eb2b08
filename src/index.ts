/// <reference types="@webgpu/types" />
/**
 * `twinpath`: what a kernel author uses to define a kernel, write its cases
 * and sweep it against its oracle, and the result types a reporter or a
 * script reads — nothing else. docs/api.md lists every name (its test fails
 * when this list and that page disagree). Internals are imported from the
 * module that defines them, never through this entry. Each group below is
 * one concern; a new public name joins its group's list.
 */

/** fast-check, re-exported so a project's generators use the very instance twinpath sweeps with. */
export { default as fc } from 'fast-check';

// Kernels: the definition and what an oracle returns.
export {
  defineKernel,
  type Kernel,
  type KernelDefinition,
  type OracleOutput,
  type OracleResult,
  type ExpectedOutput,
  type ElementExpectation,
  type PolicyChoice,
} from './core/kernel/kernel.ts';
export { caseMemo } from './model/arbitraries/case-memo.ts';

// Sources: WGSL and native (CUDA/C++) source text with the shipped library.
export { wgsl, wgslJoin, wgslReplace } from './wgsl/source.ts';
export type { WgslSource, WgslOptions, WgslPart, PushConstant } from './wgsl/source.ts';
export {
  nativeWithLibrary,
  nativeFiles,
  nativeJoin,
  nativeReplace,
  type NativeSource,
} from './backends/native/source.ts';

// Contexts: what an implementation receives (`g` for WGSL, the native contexts for CUDA and C++).
export { SetupError } from './model/setup-error.ts';
export type {
  GpuContext,
  Binding,
  BufferBinding,
  ResourceBinding,
  SurfaceBinding,
  OutputBinding,
  OutputOptions,
  ElementOutputBinding,
  TextureOutput,
  TextureOutputOptions,
  TextureData,
  DispatchOptions,
  GpuOutput,
  GpuOutputs,
} from './backends/wgsl/gpu-context.ts';
export type { ElementOutputOptions } from './model/output/element-output.ts';
export type {
  NativeContext,
  CudaContext,
  CppContext,
  NativeImplementation,
  NativeArg,
  NativeSurfaceArg,
  NativeOutputArg,
  NativeBufferArg,
  NativeOutputBufferArg,
  NativeOutputHandle,
  NativeOutputs,
  LaunchShape,
  NativeBackendName,
} from './backends/native/api.ts';

// Backends: the names a sweep runs on, and what a project registers to add one.
export {
  backendNames,
  kernelBackends,
  registerBackend,
  type BackendLoader,
  type BackendName,
} from './backends/registry.ts';
export type { Backend, BackendProbe, Compiled, CompileOutcome } from './backends/backend.ts';

// Policies: how an implementation's output is compared with the oracle's.
export {
  exact,
  ulp,
  absRel,
  unormLsb,
  unormNearTie,
  perStorage,
  type Policy,
  type Verdict,
  type ChannelSample,
  type Rounding,
  type ExactOptions,
  type CaseParam,
  type NanPayloads,
} from './model/compare/policy.ts';
export type { ExactValues } from './model/compare/compare.ts';
export {
  compareElements,
  type CompareElementsOptions,
  type ElementComparisonRecord,
} from './model/compare/elements.ts';
export { compareTextures, type CompareTexturesOptions } from './model/compare/texels.ts';

// Arbitraries: fast-check generators of cases and their contents.
export {
  surfaceCaseArb,
  benchSurfaceCase,
  surfaceFromCase,
  descFromCase,
  describeSurfaceCase,
  type SurfaceCase,
  type SurfaceCaseOptions,
} from './model/arbitraries/surface-case.ts';
export {
  sideArb,
  invocationsArb,
  DEFAULT_WORKGROUPS_PER_DIMENSION,
  type InvocationsOptions,
} from './model/arbitraries/sizes.ts';
export { EDGE_SHARE, type EdgeClass, type EdgeOption } from './model/arbitraries/edge-floats.ts';
export { pitchArb, resolvePitch, describePitch, type PitchSpec } from './model/arbitraries/pitch.ts';
export { contentArb, fillContent, describeContent, prng, type ContentSpec } from './model/arbitraries/contents.ts';
export { uniformFloat, type UniformFloatOptions } from './model/arbitraries/uniform-float.ts';
export { specialValues, type SpecialValue } from './model/arbitraries/special-floats.ts';
export {
  elementsArb,
  randomElements,
  elementsFromSpec,
  describeElements,
  type ElementsSpec,
  type ElementArray,
  type FloatContent,
  type ElementsArbOptions,
} from './model/arbitraries/elements.ts';

// Surfaces, formats and texels: the oracle's vocabulary (the same list as `twinpath/oracle`).
export * from './model/surface/index.ts';

// Elements and structs: buffer element types and the struct layouts a kernel's parameters use.
export type { ElementTypeName, ElementData } from './model/elements/element-types.ts';
export type { ElementShape } from './model/elements/shape.ts';
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
  type StructDecl,
  type WgslType,
} from './model/layout/types.ts';
export { layoutStruct, type StructLayout } from './model/layout/rules.ts';
export { packStruct, unpackStruct, type LayoutValue } from './model/layout/codec.ts';
export { checkLayout, renderLayoutCheck, type LayoutCheck } from './layout-check/check.ts';

// Running: sweeps, single cases and the vitest matcher.
export { parityTest } from './vitest/parity-test.ts';
export type { ToMatchOracle, TwinpathTaskMeta } from './vitest/vitest-types.ts';
export {
  sweep,
  renderSweepFailure,
  type SweepOptions,
  type SweepResult,
  type SweepFailure,
  type WorstError,
  type ToleranceRecord,
  type CaseRecord,
  type SweepTiming,
  type TimingStats,
} from './core/sweep/sweep.ts';
export { runCase, runCases, type CaseResult, type CaseOutcome, type RunCaseOptions } from './core/sweep/case.ts';
export { runConfig, type RunConfig } from './core/settings/settings.ts';
export { gpuSession, type GpuSession } from './backends/wgsl/session.ts';
export { adapterLine, type DeviceInfo } from './model/device.ts';
export { canaryBytes } from './model/canary.ts';

// Gate: a sweep's verdict against the project's known failures.
export { decideVerdict, type SweepVerdict, type SweepStatus } from './core/gate/verdict.ts';
export { loadExpectations, applicable, staleExpectations, type Expectation } from './core/gate/expectations.ts';
