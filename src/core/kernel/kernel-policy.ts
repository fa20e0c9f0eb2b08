/**
 * Which policy judges an output: the kernel's `compareOn` entry for the backend that produced it, else its
 * `compare` — decided here alone. A backend's own policy carries the backend in its name (`exact (cpp)`), so
 * the failure text, results.json and the report say which one applied.
 */
import { PolicyError, type Policy, type ValueStorage } from '../../model/compare/policy.ts';
import type { Kernel, PolicyChoice } from './kernel.ts';

type CompareField = Kernel<unknown>['compare'];

function isPolicy(c: unknown): c is Policy {
  return typeof c === 'object' && c !== null && typeof (c as Policy).judge === 'function';
}

/** The outputs a kernel's `compare` names, one policy each; undefined for one policy (or perStorage) for all. */
export function policyOutputs<I>(k: Kernel<I>): readonly string[] | undefined {
  const c = k.compare;
  return isPolicy(c) || typeof c === 'function' ? undefined : Object.keys(c);
}

/** `policy` renamed for the backend whose own policy it is: `exact` becomes `exact (cpp)`. */
function onBackend(policy: Policy, backend: string): Policy {
  return {
    name: `${policy.name} (${backend})`,
    unit: (s) => policy.unit(s),
    tolerance: (s) => policy.tolerance(s),
    judge: (s) => policy.judge(s),
    ...(policy.nanPayloads ? { nanPayloads: policy.nanPayloads } : {}),
    ...(policy.perCase ? { perCase: policy.perCase } : {}),
  };
}

/** One field's policy for `output` of `storage`; `field` names it in the refusal. */
function choose(c: CompareField, field: string, storage: ValueStorage, output: string): Policy {
  const choice: PolicyChoice | undefined = isPolicy(c) || typeof c === 'function' ? c : c[output];
  if (!choice)
    throw new PolicyError(`${field} has no policy for output ${output} (it names: ${Object.keys(c).join(', ')})`);
  // A per-storage function (perStorage) refuses a storage it has no policy for, element types included.
  return typeof choice === 'function' ? (choice as (s: ValueStorage) => Policy)(storage) : choice;
}

/**
 * The policy a kernel uses for `output` of `storage` on `backend` to judge `input`: `compareOn[backend]` where the
 * kernel gives one (named `exact (cpp)`), else `compare`; a policy whose tolerance is a function of the case is
 * sized for `input` (`ulp(20 per case)`). Throws PolicyError when a per-output record lacks the output:
 * `compare has no policy for output hist (it names: image)`,
 * `compareOn.cpp has no policy for output hist (it names: image)`,
 * or a per-case parameter gives no tolerance: `ulp(per case): parameter 1 is NaN for this case, not a number >= 0`.
 */
export function policyFor<I>(k: Kernel<I>, backend: string, storage: ValueStorage, output: string, input: I): Policy {
  const own = k.compareOn?.[backend];
  const chosen =
    own === undefined
      ? choose(k.compare, 'compare', storage, output)
      : choose(own, `compareOn.${backend}`, storage, output);
  const sized = chosen.forCase ? chosen.forCase(input) : chosen;
  return own === undefined ? sized : onBackend(sized, backend);
}
