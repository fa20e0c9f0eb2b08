/**
 * Judging one case from the GPU's outputs: the oracle, then per named
 * output its canary (or guard band) and its comparison. Touches no GPU, so
 * it runs on the main thread or on a judge worker thread alike (judge-pool.ts).
 */
import { threadId } from 'node:worker_threads';
import { checkCanary, checkGuardBand, type CanaryReport } from '../../model/canary.ts';
import { compareSurfaces, renderComparison, type ComparisonRecord } from '../../model/compare/compare.ts';
import {
  compareElements,
  renderElementComparison,
  type ElementComparisonRecord,
} from '../../model/compare/elements.ts';
import { compareTextures, texelElements } from '../../model/compare/texels.ts';
import { PolicyError } from '../../model/compare/policy.ts';
import { callOracle, oracleOutputs, type Expected, type Kernel, type OracleCall } from '../kernel/kernel.ts';
import { policyFor } from '../kernel/kernel-policy.ts';
import { ELEMENT_TYPES, elementBytes, type ElementData } from '../../model/elements/element-types.ts';
import { elementDataBytes, outputShape, type ProducedOutput, type TextureOutputSpec } from '../../model/output/spec.ts';
import type { TextureDesc } from '../../model/surface/desc.ts';
import { describeSurface, wrapSurface, type Surface } from '../../model/surface/surface.ts';
import { counted } from '../../model/counted.ts';

/** One output's comparison: of a surface's levels, or of buffer elements and texture texels. */
export type OutputComparison = ComparisonRecord | ElementComparisonRecord;

/** Whether a comparison is of a surface (levels, texel locations) rather than of elements. */
export function isSurfaceComparison(c: OutputComparison): c is ComparisonRecord {
  return 'levels' in c;
}

/** The failure text of either kind of comparison (renderComparison, renderElementComparison). */
export function renderOutputComparison(c: OutputComparison): string {
  return isSurfaceComparison(c) ? renderComparison(c) : renderElementComparison(c);
}

/** What a backend produced for a case: the bytes of each named output, and the backend that produced them. */
export interface DeviceOutput {
  readonly outputs: readonly ProducedOutput[];
  /** The backend's name (`wgsl`, `cuda`, `cpp`…): named in a mismatch of output kinds, with its fix. */
  readonly backend: string;
}

/**
 * The setup error of an output whose kind the oracle's value does not match, naming the backend and the fix:
 * `output out is a surface on cpp (output()) but the oracle gave element values. Fix: declare it with
 * outputBuffer() (in WGSL also outputTexture()) on cpp, or return a surface from the oracle`.
 */
function kindMismatch(name: string, backend: string, produced: 'surface' | 'elements'): PolicyError {
  const elementsCall = 'outputBuffer() (in WGSL also outputTexture())';
  return new PolicyError(
    produced === 'surface'
      ? `output ${name} is a surface on ${backend} (output()) but the oracle gave element values. ` +
          `Fix: declare it with ${elementsCall} on ${backend}, or return a surface from the oracle`
      : `output ${name} holds elements on ${backend} (${elementsCall}) but the oracle gave a surface. ` +
          `Fix: declare it with output() on ${backend}, or return element values from the oracle`,
  );
}

/** The verdict on one output. */
export interface OutputJudgement {
  readonly output: string;
  readonly outcome: 'pass' | 'mismatch' | 'canary';
  readonly comparison: OutputComparison;
  readonly canary: CanaryReport;
}

/** The verdict on one case's outputs; `comparison`, `canary` and `output` are those of the first output that failed (else the first). */
export interface Judgement {
  readonly outcome: 'pass' | 'mismatch' | 'canary' | 'oracle-error' | 'setup-error';
  readonly error?: string;
  readonly output?: string;
  readonly comparison?: OutputComparison;
  readonly canary?: CanaryReport;
  /** Every output's verdict, in the order the GPU function returned them. */
  readonly outputs?: readonly OutputJudgement[];
  readonly oracleMs: number;
  /** Time judging took but the oracle's: the canaries and comparisons (for the profile, stage-clock.ts). */
  readonly judgeMs?: number;
  /** The thread that judged it (worker_threads' threadId), for the profile. */
  readonly judgedOn?: number;
}

function sameDesc(a: TextureDesc, b: TextureDesc): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The first surface output's bytes as a surface (what a chained kernel's oracle reads), if any. */
export function firstSurface(out: DeviceOutput): Surface | undefined {
  for (const o of out.outputs) if (o.spec.kind === 'surface') return wrapSurface(o.spec.desc, o.bytes);
  return undefined;
}

/**
 * A texture output's expected texels as bytes in the format's memory order: a typed array's bytes as stored
 * codes, a number array as values encoded in the format's element type (0.5 is unorm8 code 128). Throws when
 * the oracle gave another count than the texture holds, naming both:
 * `the oracle returned 1 value for rgba8unorm texture 2x2 (unorm8 [2,2,4]): it must return 16, one per texel
 * channel in memory order (r, g, b, a), as numbers or as stored codes in a typed array`.
 */
export function expectedTexels(values: ElementData, spec: TextureOutputSpec): Uint8Array {
  const { type, channels } = texelElements(spec.format);
  const t = ELEMENT_TYPES[type];
  const dims = [...(spec.images > 1 ? [spec.images] : []), spec.height, spec.width, channels.length];
  const count = dims.reduce((a, b) => a * b, 1);
  // A Float64Array holds values, as a number array does (elementBytes); any other view holds stored codes.
  const codes = ArrayBuffer.isView(values) && !(values instanceof Float64Array);
  const given = codes ? values.byteLength / t.bytes : (values as ArrayLike<number>).length;
  if (given !== count) {
    const what = codes ? `${values.byteLength} bytes (${given} ${type} codes)` : counted(given, 'value');
    const size = `${spec.width}x${spec.height}${spec.images > 1 ? `x${spec.images}` : ''}`;
    throw new Error(
      `the oracle returned ${what} for ${spec.format} texture ${size} (${type} [${dims.join(',')}]): ` +
        `it must return ${count}, one per texel channel in memory order (${channels.join(', ')}), ` +
        'as numbers or as stored codes in a typed array',
    );
  }
  return elementBytes(t, values);
}

/** A texture has no guard band: nothing lies around its texels. */
const NO_GUARD: CanaryReport = { pass: true, corruptBytes: 0, violations: [] };

/** Judges one output against its expected value; a mismatch of kinds or shapes is a setup problem (thrown as text). */
function judgeOutput<I>(k: Kernel<I>, input: I, o: ProducedOutput, e: Expected, backend: string): OutputJudgement {
  const name = o.spec.name;
  if (o.spec.kind === 'surface') {
    if (e.kind !== 'surface') throw kindMismatch(name, backend, 'surface');
    const oracle = e.value;
    const desc = o.spec.desc;
    if (!sameDesc(desc, oracle.surface.desc)) {
      throw new PolicyError(
        `output ${name}: oracle and GPU outputs describe different surfaces: oracle ${describeSurface(oracle.surface.desc)}, GPU ${describeSurface(desc)}`,
      );
    }
    const canary = checkCanary(o.bytes, desc, o.spec.ownedLevels);
    const comparison = compareSurfaces(oracle.surface, wrapSurface(desc, o.bytes), {
      policy: policyFor(k, backend, desc.format.storage, name, input),
      levels: o.spec.ownedLevels,
      ...(oracle.exact ? { exact: oracle.exact } : {}),
    });
    const named = { ...comparison, output: name };
    return {
      output: name,
      outcome: !canary.pass ? 'canary' : !comparison.pass ? 'mismatch' : 'pass',
      comparison: named,
      canary,
    };
  }
  // Stryker disable next-line StringLiteral: kindMismatch tells the two kinds apart by 'surface' alone
  if (e.kind !== 'elements') throw kindMismatch(name, backend, 'elements');
  const { values, dontCare, exact } = e.value;
  const mask = { ...(dontCare ? { dontCare } : {}), ...(exact ? { exact } : {}) };
  const setup = <T>(f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw err instanceof PolicyError
        ? err
        : new PolicyError(`output ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  if (o.spec.kind === 'texture') {
    const s = o.spec;
    const policy = policyFor(k, backend, texelElements(s.format).type, name, input);
    const expected = setup(() => expectedTexels(values, s));
    const comparison = setup(() =>
      compareTextures(expected, o.bytes, {
        format: s.format,
        width: s.width,
        height: s.height,
        images: s.images,
        policy,
        ...mask,
      }),
    );
    const named = { ...comparison, output: name, format: `${s.format} texture ${comparison.format}` };
    return { output: name, outcome: comparison.pass ? 'pass' : 'mismatch', comparison: named, canary: NO_GUARD };
  }
  const spec = o.spec;
  const dataBytes = elementDataBytes(spec);
  const canary = spec.guardBytes ? checkGuardBand(o.bytes, dataBytes) : NO_GUARD;
  const policy = policyFor(k, backend, spec.element, name, input);
  const comparison = setup(() =>
    compareElements(values, o.bytes.subarray(0, dataBytes), {
      type: spec.element,
      shape: outputShape(spec),
      policy,
      ...mask,
    }),
  );
  return {
    output: name,
    outcome: !canary.pass ? 'canary' : !comparison.pass ? 'mismatch' : 'pass',
    comparison: { ...comparison, output: name },
    canary,
  };
}

/**
 * Runs the oracle on `input` (with the GPU's first surface output, for
 * chained kernels) unless `call` is its call made beforehand (judge-pool.ts), then checks and compares each output.
 * Errors become outcomes:
 * `mip_downsample: oracle threw: …`,
 * `mip_downsample: output out: oracle and GPU outputs describe different surfaces: …`,
 * `histogram: the oracle returned no output hist (it returned: image)`.
 */
export function judge<I>(
  k: Kernel<I>,
  input: I,
  out: DeviceOutput,
  onOracle?: (expected: ReadonlyMap<string, Expected>) => void,
  call?: OracleCall,
): Judgement {
  const t = performance.now();
  const j = judgeOutputs(k, input, out, onOracle, call);
  const oracleHere = call ? 0 : j.oracleMs;
  return { ...j, judgeMs: Math.max(0, performance.now() - t - oracleHere), judgedOn: threadId };
}

/** The oracle's outputs, then each output checked and compared (judge, untimed). */
function judgeOutputs<I>(
  k: Kernel<I>,
  input: I,
  out: DeviceOutput,
  onOracle: ((expected: ReadonlyMap<string, Expected>) => void) | undefined,
  call: OracleCall | undefined,
): Judgement {
  const names = out.outputs.map((o) => o.spec.name);
  const run = oracleOutputs(call ?? callOracle(k, input, firstSurface(out)), names);
  const oracleMs = run.ms;
  if ('error' in run) {
    const setup = run.error.startsWith('the oracle returned no output');
    return {
      outcome: setup ? 'setup-error' : 'oracle-error',
      error: `${k.name}: ${setup ? '' : 'oracle threw: '}${run.error}`,
      oracleMs,
    };
  }
  onOracle?.(run.outputs);
  let outputs: OutputJudgement[];
  try {
    outputs = out.outputs.map((o) => judgeOutput(k, input, o, run.outputs.get(o.spec.name)!, out.backend));
  } catch (e) {
    if (e instanceof PolicyError) return { outcome: 'setup-error', error: `${k.name}: ${e.message}`, oracleMs };
    throw e;
  }
  const failed = outputs.find((o) => o.outcome !== 'pass');
  const primary = failed ?? outputs[0]!;
  return {
    outcome: failed?.outcome ?? 'pass',
    output: primary.output,
    comparison: primary.comparison,
    canary: primary.canary,
    outputs,
    oracleMs,
  };
}
