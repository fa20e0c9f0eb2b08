/**
 * The per-element picture of an element comparison, for reports: every
 * element's signed error and refusal under the policy that judged it, with
 * don't-care elements neither judged nor refused (errorMaps is the same for
 * a surface's levels).
 */
import { elementBytes, elementCodes, type ElementData, type ElementType } from '../elements/element-types.ts';
import type { Policy, Rounding } from './policy.ts';

export interface ElementErrorMap {
  /** Codes (raw bits) of the compared data, one per element. */
  readonly expected: Uint32Array;
  readonly actual: Uint32Array;
  /** Signed error per element, in the policy's unit; 0 where equal or don't-care. */
  readonly errors: Float64Array;
  /** 1 where the policy refused the element. */
  readonly refused: Uint8Array;
  /** 1 where the oracle marked the element don't-care; absent when it marked none. */
  readonly dontCare?: Uint8Array;
  /** Why the policy refused an element, by index, where its verdict said (the first MAX_REFUSAL_NOTES). */
  readonly notes: ReadonlyMap<number, string>;
}

/** Refusal notes an error map keeps at most: a report lists a few dozen refused values, not millions. */
export const MAX_REFUSAL_NOTES = 4096;

export interface ElementErrorOptions {
  readonly type: ElementType;
  readonly policy: Policy;
  readonly dontCare?: ArrayLike<number | boolean>;
  readonly exact?: { readonly rounding: Rounding; readonly values: ArrayLike<number> };
}

/**
 * Judges every element of `actual` against `expected` as compareElements
 * does. The arrays must hold the same number of elements (compareElements
 * has already refused those that do not: this never runs on them).
 */
export function elementErrorMap(expected: ElementData, actual: ElementData, o: ElementErrorOptions): ElementErrorMap {
  const t = o.type;
  const ce = elementCodes(t, elementBytes(t, expected));
  const ca = elementCodes(t, elementBytes(t, actual));
  const n = ce.length;
  const errors = new Float64Array(n);
  const refused = new Uint8Array(n);
  const mask = o.dontCare ? Uint8Array.from({ length: n }, (_, i) => (o.dontCare![i] ? 1 : 0)) : undefined;
  const notes = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    if (mask?.[i] || ce[i] === ca[i]) continue;
    const exactValue = o.exact?.values[i];
    const v = o.policy.judge({
      storage: t.name,
      expected: ce[i]!,
      actual: ca[i]!,
      ...(exactValue === undefined ? {} : { exact: exactValue, rounding: o.exact!.rounding }),
    });
    errors[i] = v.error;
    if (!v.ok) refused[i] = 1;
    if (!v.ok && v.note && notes.size < MAX_REFUSAL_NOTES) notes.set(i, v.note);
  }
  return {
    expected: Uint32Array.from(ce),
    actual: Uint32Array.from(ca),
    errors,
    refused,
    notes,
    ...(mask?.some((v) => v) ? { dontCare: mask } : {}),
  };
}
