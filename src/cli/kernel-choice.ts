/**
 * Kernel names on the command line (`twinpath run`, `watch`, `bench`):
 * exact, or with `*` as a wildcard, as sweepNamePattern reads them. A name
 * that matches no kernel is a usage error, never an empty run.
 */
import { sweepNamePattern, sweepTestName } from '../core/kernel/sweep-name.ts';
import { didYouMean } from './did-you-mean.ts';
import { UsageError } from './usage-error.ts';

/**
 * The kernels of `known` (`knownAs` in the message) that `names` choose (all of them for no names), in `known`
 * order. Throws a UsageError of `command` for a name that matches none, with the nearest kernel name, else the list:
 * `twinpath run: no kernel named mip_downsampel (did you mean mip_downsample?)`,
 * `twinpath run: no kernel matches zz*; kernels: generate_mips, im2col, …`.
 */
export function chooseKernels(
  command: string,
  names: readonly string[],
  known: readonly string[],
  knownAs = 'kernels',
): string[] {
  if (!names.length) return [...known];
  const chosen = new Set<string>();
  for (const name of names) {
    const pattern = new RegExp(sweepNamePattern([name]));
    const hits = known.filter((k) => pattern.test(sweepTestName(k)));
    if (!hits.length) {
      const suggestion = name.includes('*') ? '' : didYouMean(name, known);
      const what = name.includes('*') ? `matches ${name}` : `named ${name}`;
      const list = suggestion || `; ${knownAs}: ${known.join(', ') || 'none'}`;
      throw new UsageError(command, `twinpath ${command}: no kernel ${what}${list}`);
    }
    for (const h of hits) chosen.add(h);
  }
  return known.filter((k) => chosen.has(k));
}
