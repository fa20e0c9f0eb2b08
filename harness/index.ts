/// <reference types="@webgpu/types" />
/**
 * twinpath's programmatic API (`twinpath`): everything a kernel author needs
 * to define and sweep a kernel, inside this repository or outside it.
 * fast-check is re-exported as `fc` so a project's generators use the very
 * instance the sweeps run (docs/kernel-guide.md says why).
 */
/** fast-check, re-exported so a project's generators use the very instance twinpath sweeps with. */
export { default as fc } from 'fast-check';
export { sweepTestName, sweepOfTestName, kernelOfTestName } from './sweep-name.ts';
export type { ToMatchOracle, TwinpathTaskMeta } from './vitest-types.ts';
export { kernelFiles, KERNEL_NAME } from './naming.ts';
export { kernelSummary, type KernelSummary } from './kernel-summary.ts';
export {
  defineKernel,
  exportedKernels,
  policyFor,
  type Kernel,
  type KernelDefinition,
  type OracleOutput,
  type OracleResult,
  type ExpectedOutput,
  type ElementExpectation,
  type PolicyChoice,
} from './kernel.ts';
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
} from './sweep.ts';
export { parityTest } from './parity-test.ts';
export {
  loadExpectations,
  matchingExpectation,
  applicable,
  staleExpectations,
  expectationsPath,
  EXPECTATION_SCHEMA,
  type Expectation,
} from './expectations.ts';
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
} from './verdict.ts';
export { InputError, isInputError, INPUT_ERROR_EXIT } from './input-error.ts';
export { checkRunInputs, type RunInputs } from './run-inputs.ts';
export { acquireRunLock, releaseRunLock, LOCK_FILE } from './run-lock.ts';
export { terminalSafe } from './terminal-text.ts';
export {
  runCase,
  runCases,
  timeGpu,
  renderCaseResult,
  type CaseResult,
  type CaseOutcome,
  type RunCaseOptions,
  type GpuTiming,
} from './run-case.ts';
export { caseMemo } from './case-memo.ts';
export {
  onSweepFailure,
  type FailureCapture,
  type FailureArtifacts,
  type FailureListener,
  type CapturedOutput,
  type CapturedSurface,
  type CapturedElements,
} from './failure-listeners.ts';
export type { ElementErrorMap } from './compare/element-errors.ts';
export type { InputChange, ChangedRun } from './input-changes.ts';
export { runConfig, ensureReportDir, type RunConfig } from './config.ts';

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
} from './compare/policy.ts';
export { valueCodec, type ValueStorage } from './compare/policy.ts';
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
} from './compare/compare.ts';
export { renderCodes, renderNumber, renderSigned, renderStatsRow } from './compare/compare.ts';
export type { CodeReport, ComparisonCounts } from './compare/compare.ts';
export { compareElements, renderElementComparison, renderElementValue, elementFormatName } from './compare/elements.ts';
export type { ElementComparisonRecord, ElementValueReport, CompareElementsOptions } from './compare/elements.ts';
export { compareTextures, texelElements, type CompareTexturesOptions, type TexelElements } from './compare/texels.ts';
export {
  checkCanary,
  renderCanary,
  canaryByte,
  canaryBytes,
  GUARD_BYTES,
  type CanaryReport,
  type CanaryViolation,
} from './canary.ts';

export { sideArb, specialSides } from './arbitraries/sizes.ts';
export { pitchArb, resolvePitch, describePitch, type PitchSpec } from './arbitraries/pitch.ts';
export {
  contentArb,
  fillContent,
  describeContent,
  prng,
  FLOAT_CONTENT_MAX,
  type ContentSpec,
} from './arbitraries/contents.ts';
export { uniformFloat, type UniformFloatOptions } from './arbitraries/uniform-float.ts';
export { specialValues, type SpecialValue } from './arbitraries/special-floats.ts';
export { randomElements, elementsFromSpec, describeElements, elementsArb } from './arbitraries/elements.ts';
export type { ElementsSpec, ElementArray, FloatContent, ElementsArbOptions } from './arbitraries/elements.ts';
export {
  surfaceCaseArb,
  benchSurfaceCase,
  surfaceFromCase,
  descFromCase,
  describeSurfaceCase,
  type SurfaceCase,
  type SurfaceCaseOptions,
} from './arbitraries/surface-case.ts';

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
} from './surface/format.ts';
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
} from './surface/mip.ts';
export {
  textureDesc,
  packTextureDesc,
  textureDescStruct,
  frameParamsStruct,
  type TextureDesc,
  type DescOptions,
  type AddressMode,
} from './surface/desc.ts';
export * from './layout/index.ts';
export {
  createSurface,
  wrapSurface,
  cloneSurface,
  surfaceBytes,
  texelRanges,
  describeSurface,
  type Surface,
} from './surface/surface.ts';
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
} from './surface/texel.ts';

export { wgsl, wgslJoin, wgslReplace, sourceLocation, LIBRARY_ROOT } from './gpu/wgsl-source.ts';
export type { WgslSource, WgslOptions, WgslPart, PushConstant, SourcePosition } from './gpu/wgsl-source.ts';
export { gpuSession, type GpuSession } from './gpu/session.ts';
export {
  adapterLine,
  requestAdapter,
  checkRequirement,
  gpuRequirement,
  NoAdapterError,
  type AdapterInfo,
  type GpuRequirement,
} from './gpu/adapter.ts';
export {
  GpuSetupError,
  type GpuContext,
  type Binding,
  type BufferBinding,
  type ResourceBinding,
  type SurfaceBinding,
  type OutputBinding,
  type OutputOptions,
} from './gpu/context.ts';
export type { ElementOutputOptions } from './output/element-output.ts';
export type {
  ElementOutputBinding,
  TextureOutput,
  TextureOutputOptions,
  TextureData,
  DispatchOptions,
  GpuOutput,
  GpuOutputs,
} from './gpu/context.ts';
export { UnsupportedError, type DeviceRequirements } from './gpu/session.ts';
export {
  DEFAULT_OUTPUT,
  PROTECTION_MEANING,
  UNGUARDED_MEANING,
  type OutputSpec,
  type ElementOutputSpec,
  type TextureOutputSpec,
  type Protection,
  type ProducedOutput,
} from './output/spec.ts';
export type { GpuRun, GpuHalf, ProducedRun, InputCheck } from './output/run.ts';
export type { OutputJudgement, OutputComparison } from './judge.ts';
export { WgslCompileError } from './gpu/pipelines.ts';
export * from './elements/index.ts';

export { sweepLabel } from './sweep-label.ts';
export {
  BACKENDS,
  parseBackends,
  implementedBackends,
  BackendUnavailableError,
  type BackendName,
} from './backends/registry.ts';
export { nativeWithLibrary, nativeFiles, nativeJoin, nativeReplace, type NativeSource } from './native/source.ts';
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
} from './native/api.ts';
