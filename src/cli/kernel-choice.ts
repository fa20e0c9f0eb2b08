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

/** A `--shard i/n`: this run is shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Reads `--shard i/n` (1 <= i <= n, as vitest's --shard counts). Throws, reported as a usage error of the command:
 * `twinpath run: --shard 0/4: must be i/n, whole numbers with 1 <= i <= n (shard 2 of 4 is 2/4)`.
 */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || index > count)
    throw new Error('must be i/n, whole numbers with 1 <= i <= n (shard 2 of 4 is 2/4)');
  return { index, count };
}

/**
 * The kernels of shard i/n: every n-th of `kernels` from the i-th, so n shards sweep each kernel once. Throws a
 * UsageError for a shard left with none: `twinpath run: --shard 4/4 holds no kernel: the project has 3 (im2col,
 * flip_y, mip_downsample). Fix: shard into at most 3`.
 */
export function shardKernels(command: string, value: string, kernels: readonly string[]): string[] {
  const { index, count } = parseShard(value);
  const mine = kernels.filter((_, k) => k % count === index - 1);
  if (!mine.length)
    throw new UsageError(
      command,
      `twinpath ${command}: --shard ${value} holds no kernel: the project has ${kernels.length} ` +
        `(${kernels.join(', ')}). Fix: shard into at most ${kernels.length}`,
    );
  return mine;
}
