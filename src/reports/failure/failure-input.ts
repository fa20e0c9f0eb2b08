/**
 * What the failure writer takes: a failing case's outputs as plain arrays,
 * whatever engine or backend produced them. `captureInput` builds one from
 * a sweep's FailureCapture; tests build them by hand for shapes and
 * backends a lavapipe run does not produce.
 */
import type { CanaryReport } from '../../model/canary.ts';
import type { InputChange } from '../../core/judge/input-changes.ts';
import type { Protection } from '../../model/output/spec.ts';
import type { ElementKind } from './element-kinds.ts';

/** How a policy judged an output: name, unit and tolerance (`ulp(4)`, `ULP`, 4). */
export interface Judgement {
  readonly policy: string;
  readonly unit: string;
  readonly tolerance: number;
}

/** Codes, errors and refusals of n elements (texels x channels, or buffer elements). */
export interface ElementInput {
  /** Codes (raw bits), one per element. */
  readonly expected: Uint32Array;
  readonly actual: Uint32Array;
  /** Signed error per element, in the judgement's unit. */
  readonly errors: Float64Array;
  /** 1 where the policy refused the element. */
  readonly refused: Uint8Array;
  /** 1 where the element is excluded from comparison (don't-care). */
  readonly dontCare?: Uint8Array;
  /** Why the policy refused an element, by index, where its verdict said (`exact 55.0207 is 0.5207 LSB from…`). */
  readonly notes?: ReadonlyMap<number, string>;
}

/** Which image of a texture level a picture is: an array layer, or a depth slice of a 3D texture. */
export interface ImageOfLevel {
  readonly kind: 'layer' | 'slice';
  readonly index: number;
}

export interface ImageLevelInput extends ElementInput {
  readonly level: number;
  /** Set where the level holds several images (array layers, depth slices): each is its own picture. */
  readonly image?: ImageOfLevel;
  readonly width: number;
  readonly height: number;
}

/** A policy's note on one value, by level, position and channel index. */
export interface ValueNote {
  readonly level: number;
  readonly x: number;
  readonly y: number;
  readonly channel: number;
  readonly note: string;
}

export interface CanaryInput {
  readonly report: CanaryReport;
  /** Memory maps to draw, RGBA8. */
  readonly pictures: ReadonlyArray<{
    readonly level: number;
    readonly rgba: Uint8Array;
    readonly width: number;
    readonly height: number;
  }>;
  /** A typed buffer's data ahead of its guard band, to name the element slot a lost byte would be. */
  readonly elements?: { readonly count: number; readonly bytes: number };
}

interface OutputInputCommon extends Judgement {
  readonly name: string;
  readonly format: string;
  readonly element: ElementKind;
  readonly canary?: CanaryInput;
  /** How the judge ruled on this output (every output of a failing case is shown, passing ones too). */
  readonly outcome?: 'pass' | 'mismatch' | 'canary';
  /** Set on an input of the case: its bytes as uploaded, expected and actual alike, nothing judged. */
  readonly asUploaded?: true;
}

export interface ImageOutputInput extends OutputInputCommon {
  readonly kind: 'image';
  /** Channel names in element order; one name draws the output as grey. */
  readonly channels: readonly string[];
  readonly levels: readonly ImageLevelInput[];
  readonly notes?: readonly ValueNote[];
}

export interface BufferOutputInput extends OutputInputCommon, ElementInput {
  readonly kind: 'buffer';
  /** Row-major dimensions; the last axis is the channel axis when `channels` names it. */
  readonly shape?: readonly number[];
  readonly channels?: readonly string[];
}

export type OutputInput = ImageOutputInput | BufferOutputInput;

export interface FailureInput {
  readonly kernel: string;
  /** Default `wgsl`. */
  readonly backend?: string;
  readonly case: string;
  readonly seed: number;
  readonly path: string;
  /** The case's outcome (`mismatch`, `canary`, `input-changed`). */
  readonly outcome?: string;
  /** The output that failed first; default the first output. */
  readonly failedOutput?: string;
  readonly outputs: readonly OutputInput[];
  /** Per WGSL variable of a guarded buffer or output texture: where its guard band lay. */
  readonly protection?: Readonly<Record<string, Protection>>;
  /** Inputs the case wrote into, located. */
  readonly inputChanges?: readonly InputChange[];
  /** Every input of the case as uploaded, decoded as outputs are (asUploaded set). */
  readonly inputs?: readonly OutputInput[];
}
