import { expect, test } from 'vitest';
import { parseShard, shardKernels } from './kernel-choice.ts';

const kernels = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

test('--shard i/n: n shards sweep every kernel exactly once, every n-th from the i-th', () => {
  const shards = [1, 2, 3].map((i) => shardKernels('run', `${i}/3`, kernels));
  expect(shards).toEqual([
    ['a', 'd', 'g'],
    ['b', 'e'],
    ['c', 'f'],
  ]);
  expect(shards.flat().sort()).toEqual(kernels);
  expect(shardKernels('run', '1/1', kernels)).toEqual(kernels);
});

test('--shard refuses what is not i/n with 1 <= i <= n, and a shard left with no kernel', () => {
  for (const bad of ['0/3', '4/3', '1', '1/0', 'a/b', '1/3/5', '-1/3'])
    expect(() => parseShard(bad), bad).toThrow('must be i/n, whole numbers with 1 <= i <= n (shard 2 of 4 is 2/4)');
  expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  expect(() => shardKernels('run', '4/4', ['a', 'b', 'c'])).toThrow(
    'twinpath run: --shard 4/4 holds no kernel: the project has 3 (a, b, c). Fix: shard into at most 3',
  );
});
