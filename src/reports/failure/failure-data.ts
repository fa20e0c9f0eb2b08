/**
 * The data model of one failure, as the failure writer stores it beside its
 * pictures: `failure.json` for tools, and the same object in `failure.js`
 * (`twinpathFailure({...})`), which the page loads with a script tag when
 * the failure is opened — pages opened from file:// cannot fetch() JSON.
 *
 * A failure has one or more named outputs; each is an image (levels of
 * texels, channels named by the output's real layout) or a typed buffer
 * (elements, with an optional shape such as [h, w, 3] read as y, x, channel).
 * Per-element arrays travel as base64 of little-endian typed arrays.
 */
import type { CanaryViolation } from '../../model/canary.ts';
import type { InputChange } from '../../core/judge/input-changes.ts';
import type { Protection } from '../../model/output/spec.ts';
import type { ImageOfLevel, Judgement } from './failure-input.ts';
import type { ElementKind } from './element-kinds.ts';
import type { Histogram, LevelStats, RefusedValue } from './failure-stats.ts';
import { safeName } from './safe-name.ts';
import { DEFAULT_BACKEND } from '../../backends/registry.ts';

/** The output name of a kernel with one output that names none. */
export { DEFAULT_OUTPUT } from '../../model/output/spec.ts';

/** A string field a newer engine may carry (`backend`, `output`); absent in older records. */
export function optionalField(o: object, key: string): string | undefined {
  const v = (o as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

/** `failures/im2col` for the default backend (as sweepLabel names it), `failures/im2col--cuda` for another. */
export function failureFolder(kernel: string, backend = DEFAULT_BACKEND): string {
  return `failures/${safeName(kernel)}${backend === DEFAULT_BACKEND ? '' : `--${safeName(backend)}`}`;
}

/** Per-element arrays of one level or buffer, base64. */
export interface ElementArrays {
  /** Codes as u32, one per element (texel x channel). */
  readonly expected: string;
  readonly actual: string;
  /** Signed error per element in the judgement's unit, f32. */
  readonly errors: string;
  /** 1 where the element was refused, u8. */
  readonly refused: string;
  /** 1 where the element is excluded from comparison (don't-care), u8; absent when none is. */
  readonly dontCare?: string;
}

export interface ImageLevelData extends LevelStats {
  /** Pictures of the level by role (expected, actual, mask, heatmap, diff, pixelmatch), relative to the report. */
  readonly files: Readonly<Record<string, string>>;
  readonly pixelmatchCount: number;
  /** Values for the page's viewer; absent for levels above the writer's size limit (pictures only). */
  readonly data?: ElementArrays;
  readonly dontCareTexels: number;
  /** The array layer or depth slice of a texture level that holds several. */
  readonly image?: ImageOfLevel;
}

interface OutputCommon extends Judgement {
  readonly name: string;
  /** `Unorm8x4/Bgra`, `rgba16float`, `f32`: the output's format as its kernel names it. */
  readonly format: string;
  readonly element: ElementKind;
  /** Channel names in element order (`['r', 'g', 'b', 'a']`, `['r']`); empty for plain buffers. */
  readonly channels: readonly string[];
  readonly compared: number;
  readonly mismatches: number;
  /** Refused values, each once: the worst by |error| first, then the first in storage order. */
  readonly worst: readonly RefusedValue[];
  readonly first: readonly RefusedValue[];
  readonly histogram: Histogram;
  readonly canary?: CanaryData;
  /** How the judge ruled on it; absent in data that does not say. */
  readonly outcome?: 'pass' | 'mismatch' | 'canary';
  /** Set on an input of the case: its bytes as uploaded (expected and actual alike), nothing judged. */
  readonly asUploaded?: true;
}

export interface ImageOutputData extends OutputCommon {
  readonly kind: 'image';
  /** How values become the pictures' 8-bit channels. */
  readonly mapping: string;
  readonly levels: readonly ImageLevelData[];
}

/** One element of a buffer table. */
export interface BufferRow {
  readonly index: number;
  readonly at: readonly number[];
  readonly expectedHex: string;
  readonly actualHex: string;
  readonly expectedValue: number;
  readonly actualValue: number;
  readonly error: number;
  readonly refused: boolean;
  readonly dontCare: boolean;
}

export interface BufferOutputData extends OutputCommon {
  readonly kind: 'buffer';
  readonly count: number;
  /** Row-major dimensions, outermost first; [h, w, c] reads as (x, y, channel). */
  readonly shape?: readonly number[];
  /** Names of the coordinates of `at`, e.g. `['x', 'y', 'channel']` or `['index']`. */
  readonly axes: readonly string[];
  /** Elements around the worst ones, a window per worst element not already shown, worst first; no row twice. */
  readonly windows: ReadonlyArray<{ readonly center: number; readonly rows: readonly BufferRow[] }>;
  readonly dontCareElements: number;
}

export type OutputData = ImageOutputData | BufferOutputData;

export interface CanaryData {
  readonly corruptBytes: number;
  /** A typed buffer's data ahead of its guard band (elements and bytes each): a lost byte's element slot. */
  readonly elements?: { readonly count: number; readonly bytes: number };
  readonly violations: readonly CanaryViolation[];
  /** Memory maps of the affected levels, 4 bytes per pixel. */
  readonly pictures: ReadonlyArray<{
    readonly level: number;
    readonly file: string;
    readonly width: number;
    readonly height: number;
  }>;
}

export interface FailureFile {
  /** The failure's folder relative to the report: the page's key for it. */
  readonly id: string;
  readonly kernel: string;
  readonly backend: string;
  readonly case: string;
  readonly seed: number;
  readonly path: string;
  /** The case's outcome, where the engine said. */
  readonly outcome?: string;
  /** The output that failed first. */
  readonly failedOutput: string;
  readonly outputs: readonly OutputData[];
  /** Per WGSL variable of a guarded buffer or output texture: where its guard band lay. */
  readonly protection?: Readonly<Record<string, Protection>>;
  /** Inputs the case wrote into, each changed run located. */
  readonly inputChanges?: readonly InputChange[];
  /** Every input of the case as uploaded, decoded as outputs are, each with asUploaded set. */
  readonly inputs?: readonly OutputData[];
}

/** `failure.js`: the failure registering itself with the page (`<` escaped so no `</script>` can close anything). */
export function failureScript(f: FailureFile): string {
  return `twinpathFailure(${JSON.stringify(f).replace(/</g, '\\u003c')});\n`;
}

/** Base64 of a typed array's bytes (little-endian, as every platform twinpath runs on stores them). */
export function base64(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}
