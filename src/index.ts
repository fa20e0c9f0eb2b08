/// <reference types="@webgpu/types" />
/**
 * twinpath's programmatic API (`twinpath`): everything a kernel author needs
 * to define and sweep a kernel, inside this repository or outside it.
 * fast-check is re-exported as `fc` so a project's generators use the very
 * instance the sweeps run (docs/kernel-guide.md says why).
 */
/** fast-check, re-exported so a project's generators use the very instance twinpath sweeps with. */
export { default as fc } from 'fast-check';
export { sweepTestName, sweepOfTestName, kernelOfTestName } from './core/kernel/sweep-name.ts';
export type { ToMatchOracle, TwinpathTaskMeta } from './vitest/vitest-types.ts';
export { kernelFiles, KERNEL_NAME } from './core/kernel/naming.ts';
export { kernelSummary, type KernelSummary } from './core/kernel/kernel-summary.ts';
export {
  defineKernel,
  implementationOf,
  exportedKernels,
  policyFor,
  type Kernel,
  type KernelDefinition,
  type OracleOutput,
  type OracleResult,
  type ExpectedOutput,
  type ElementExpectation,
  type PolicyChoice,
} from './core/kernel/kernel.ts';
export {
  sweep,
  renderSweepFailure,
  mainJobReplay,
  type SweepOptions,
  type SweepResult,
  type SweepFailure,
  type WorstError,
  type CaseRecord,
  type SweepTiming,
  type TimingStats,
} from './core/sweep/sweep.ts';
export { parityTest } from './vitest/parity-test.ts';
export {
  loadExpectations,
  matchingExpectation,
  applicable,
  staleExpectations,
  expectationsPath,
  EXPECTATION_SCHEMA,
  type Expectation,
} from './core/gate/expectations.ts';
export {
  decideVerdict,
  unsupportedFailsGate,
  errorVerdict,
  passesGate,
  notRun,
  verdictLabel,
  verdictText,
  countStatuses,
  renderStatusCounts,
  SWEEP_STATUSES,
  type SweepVerdict,
  type SweepStatus,
} from './core/gate/verdict.ts';
export { InputError, isInputError, INPUT_ERROR_EXIT } from './core/settings/input-error.ts';
export { checkRunInputs, type RunInputs } from './core/sweep/run-inputs.ts';
export { acquireRunLock, releaseRunLock, LOCK_FILE } from './core/settings/run-lock.ts';
export { terminalSafe } from './core/settings/terminal-text.ts';
export {
  runCase,
  runCases,
  timeDevice,
  renderCaseResult,
  type CaseResult,
  type CaseOutcome,
  type RunCaseOptions,
  type DeviceTiming,
} from './core/sweep/case.ts';
export { caseMemo } from './core/sweep/case-memo.ts';
export {
  onSweepFailure,
  type FailureCapture,
  type FailureArtifacts,
  type FailureListener,
  type CapturedOutput,
  type CapturedSurface,
  type CapturedElements,
} from './core/sweep/failure-listeners.ts';
export type { ElementErrorMap } from './model/compare/element-errors.ts';
export type { InputChange, ChangedRun } from './core/judge/input-changes.ts';
export { runConfig, ensureReportDir, type RunConfig } from './core/settings/settings.ts';

export {
  exact,
  unormLsb,
  ulp,
  absRel,
  unormNearTie,
  perStorage,
  ulpDistance,
  PolicyError,
  type Policy,
  type Verdict,
  type ChannelSample,
  type Rounding,
} from './model/compare/policy.ts';
export { valueCodec, type ValueStorage } from './model/compare/policy.ts';
export {
  compareSurfaces,
  errorMaps,
  renderComparison,
  renderValue,
  type LevelErrorMap,
  type ComparisonRecord,
  type ExactValues,
  type ValueReport,
  type ChannelStats,
} from './model/compare/compare.ts';
export { renderCodes, renderNumber, renderSigned, renderStatsRow } from './model/compare/compare.ts';
export type { CodeReport, ComparisonCounts } from './model/compare/compare.ts';
export {
  compareElements,
  renderElementComparison,
  renderElementValue,
  elementFormatName,
} from './model/compare/elements.ts';
export type { ElementComparisonRecord, ElementValueReport, CompareElementsOptions } from './model/compare/elements.ts';
export {
  compareTextures,
  texelElements,
  type CompareTexturesOptions,
  type TexelElements,
} from './model/compare/texels.ts';
export {
  checkCanary,
  renderCanary,
  canaryByte,
  canaryBytes,
  GUARD_BYTES,
  type CanaryReport,
  type CanaryViolation,
} from './core/judge/canary.ts';

export { sideArb, specialSides } from './model/arbitraries/sizes.ts';
export { pitchArb, resolvePitch, describePitch, type PitchSpec } from './model/arbitraries/pitch.ts';
export {
  contentArb,
  fillContent,
  describeContent,
  prng,
  FLOAT_CONTENT_MAX,
  type ContentSpec,
} from './model/arbitraries/contents.ts';
export { uniformFloat, type UniformFloatOptions } from './model/arbitraries/uniform-float.ts';
export { specialValues, type SpecialValue } from './model/arbitraries/special-floats.ts';
export { randomElements, elementsFromSpec, describeElements, elementsArb } from './model/arbitraries/elements.ts';
export type { ElementsSpec, ElementArray, FloatContent, ElementsArbOptions } from './model/arbitraries/elements.ts';
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
  ALL_FORMATS,
  CHANNELS,
  bytesPerPixel,
  channelCount,
  formatName,
  unormMax,
  memorySlot,
  type PixelFormat,
  type Storage,
  type Layout,
  type Channel,
} from './model/surface/format.ts';
export {
  MAX_MIP,
  mipLevels,
  mipLevelSize,
  mipLevelCount,
  mipBufferSizeBytes,
  mipChainBytes,
  fillMipDesc,
  type MipLevel,
  type MipDescFields,
} from './model/surface/mip.ts';
export {
  textureDesc,
  packTextureDesc,
  textureDescStruct,
  frameParamsStruct,
  type TextureDesc,
  type DescOptions,
  type AddressMode,
} from './model/surface/desc.ts';
export * from './layout-check/index.ts';
export {
  createSurface,
  wrapSurface,
  cloneSurface,
  surfaceBytes,
  texelRanges,
  describeSurface,
  type Surface,
} from './model/surface/surface.ts';
export {
  loadTexel,
  storeTexel,
  storeTexelRounded,
  readCode,
  writeCode,
  decodeCode,
  encodeTruncate,
  encodeRound,
  texelAddress,
  f32FromBits,
  bitsFromF32,
} from './model/surface/texel.ts';

export { wgsl, wgslJoin, wgslReplace, sourceLocation, LIBRARY_ROOT } from './wgsl/source.ts';
export type { WgslSource, WgslOptions, WgslPart, PushConstant, SourcePosition } from './wgsl/source.ts';
export { gpuSession, type GpuSession } from './backends/wgsl/session.ts';
export {
  requestAdapter,
  checkRequirement,
  gpuRequirement,
  NoAdapterError,
  type GpuRequirement,
} from './backends/wgsl/adapter.ts';
export {
  adapterLine,
  type Backend,
  type BackendProbe,
  type Compiled,
  type CompileOutcome,
  type DeviceInfo,
} from './backends/backend.ts';
export {
  SetupError,
  type GpuContext,
  type Binding,
  type BufferBinding,
  type ResourceBinding,
  type SurfaceBinding,
  type OutputBinding,
  type OutputOptions,
} from './backends/wgsl/context.ts';
export type { ElementOutputOptions } from './model/output/element-output.ts';
export type {
  ElementOutputBinding,
  TextureOutput,
  TextureOutputOptions,
  TextureData,
  DispatchOptions,
  GpuOutput,
  GpuOutputs,
} from './backends/wgsl/context.ts';
export { UnsupportedError, type DeviceRequirements } from './backends/wgsl/session.ts';
export {
  DEFAULT_OUTPUT,
  PROTECTION_MEANING,
  UNGUARDED_MEANING,
  type OutputSpec,
  type ElementOutputSpec,
  type TextureOutputSpec,
  type Protection,
  type ProducedOutput,
} from './model/output/spec.ts';
export type { DeviceRun, ProducedRun, InputCheck } from './model/output/run.ts';
export type { OutputJudgement, OutputComparison } from './core/judge/judge.ts';
export { WgslCompileError } from './backends/wgsl/pipelines.ts';
export * from './model/elements/index.ts';

export { sweepLabel } from './core/kernel/sweep-label.ts';
export {
  backendNames,
  parseBackends,
  kernelBackends,
  registerBackend,
  BackendUnavailableError,
  type BackendLoader,
  type BackendName,
} from './backends/registry.ts';
export {
  nativeWithLibrary,
  nativeFiles,
  nativeJoin,
  nativeReplace,
  type NativeSource,
} from './backends/native/source.ts';
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
