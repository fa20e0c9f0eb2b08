/**
 * A failing case's outputs as the failure listeners receive them: one
 * function per output kind turns what the GPU produced, what the oracle
 * expected and how the judge ruled into a CapturedOutput — a surface with
 * its per-level error maps, or a typed buffer or texture with its
 * per-element codes, errors, refusals and don't-care mask.
 */
import { errorMaps, type ComparisonRecord } from '../../model/compare/compare.ts';
import { elementErrorMap } from '../../model/compare/element-errors.ts';
import type { ElementComparisonRecord } from '../../model/compare/elements.ts';
import { ELEMENT_TYPES } from '../../model/elements/element-types.ts';
import { channelNames } from '../../model/elements/shape.ts';
import type { CapturedElements, CapturedOutput, CapturedSurface } from './failure-listeners.ts';
import { expectedTexels, isSurfaceComparison, type OutputJudgement } from '../judge/judge.ts';
import type { Expected, Kernel } from '../kernel/kernel.ts';
import { policyFor } from '../kernel/kernel-policy.ts';
import { elementDataBytes, type ProducedOutput } from '../../model/output/spec.ts';
import { wrapSurface } from '../../model/surface/surface.ts';

function surfaceOutput<I>(
  k: Kernel<I>,
  input: I,
  backend: string,
  p: ProducedOutput & { readonly spec: { readonly kind: 'surface' } },
  e: Expected & { readonly kind: 'surface' },
  j: OutputJudgement,
  comparison: ComparisonRecord,
): CapturedSurface {
  const actual = wrapSurface(p.spec.desc, p.bytes);
  const oracle = e.value;
  const exact = oracle.exact ? { exact: oracle.exact } : {};
  const policy = policyFor(k, backend, p.spec.desc.format.storage, p.spec.name, input);
  return {
    kind: 'surface',
    name: p.spec.name,
    outcome: j.outcome,
    canary: j.canary,
    expected: oracle.surface,
    actual,
    ...exact,
    comparison,
    maps: errorMaps(oracle.surface, actual, { policy, levels: comparison.levels, ...exact }),
  };
}

function elementOutput<I>(
  k: Kernel<I>,
  input: I,
  backend: string,
  p: ProducedOutput,
  e: Expected & { readonly kind: 'elements' },
  j: OutputJudgement,
  comparison: ElementComparisonRecord,
): CapturedElements | undefined {
  const spec = p.spec;
  if (spec.kind === 'surface') return undefined;
  const type = ELEMENT_TYPES[comparison.elementType];
  const { values, dontCare, exact } = e.value;
  // As the judge reads them: a texture's expected texels are bytes in memory order; a buffer's data ends at its guard.
  const expected = spec.kind === 'texture' ? expectedTexels(values, spec) : values;
  const actual = spec.kind === 'elements' ? p.bytes.subarray(0, elementDataBytes(spec)) : p.bytes;
  const map = elementErrorMap(expected, actual, {
    type,
    policy: policyFor(k, backend, type.name, spec.name, input),
    ...(dontCare ? { dontCare } : {}),
    ...(exact ? { exact } : {}),
  });
  const channels = channelNames(comparison.shape);
  return {
    kind: 'elements',
    name: spec.name,
    outcome: j.outcome,
    canary: j.canary,
    spec,
    comparison,
    ...(channels ? { channels } : {}),
    map,
  };
}

/**
 * Every judged output of `input` on `backend`, in the order it produced them, each under the policy that judged it. An
 * output the judge did not rule on, or whose oracle value is missing, is
 * left out (the judge has already made the case a setup error then).
 */
export function captureOutputs<I>(
  k: Kernel<I>,
  input: I,
  backend: string,
  produced: readonly ProducedOutput[],
  expected: ReadonlyMap<string, Expected>,
  judged: readonly OutputJudgement[],
): CapturedOutput[] {
  return produced.flatMap((p) => {
    const j = judged.find((o) => o.output === p.spec.name);
    const e = expected.get(p.spec.name);
    if (!j || !e) return [];
    const c = j.comparison;
    const captured =
      p.spec.kind === 'surface' && e.kind === 'surface' && isSurfaceComparison(c)
        ? surfaceOutput(
            k,
            input,
            backend,
            p as ProducedOutput & { readonly spec: { readonly kind: 'surface' } },
            e,
            j,
            c,
          )
        : e.kind === 'elements' && !isSurfaceComparison(c)
          ? elementOutput(k, input, backend, p, e, j, c)
          : undefined;
    return captured ? [captured] : [];
  });
}
