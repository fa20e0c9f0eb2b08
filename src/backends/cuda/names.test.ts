/**
 * Names as written against names as cu++filt prints them (the forms seen on an H100 with CUDA 13): a template
 * argument is `(int)64`, `128u` or `(bool)1` there and `64`, `128` or `true` in the source.
 */
import { describe, expect, test } from 'vitest';
import { findKernel, normaliseName, sourceName } from './names.ts';

describe('kernel names as written', () => {
  test.each([
    ['void reverse_tile<(int)64>(float const*, float*, unsigned int)', 'reverse_tile<64>'],
    [
      'void reduce<unsigned int, (int)128, false>(unsigned int const*, unsigned int*, unsigned int)',
      'reduce<unsigned int, 128, false>',
    ],
    ['void scan<128u, 4ul>(int*)', 'scan<128, 4>'],
    ['void shift<(int)-3, (short)2>(int*)', 'shift<-3, 2>'],
    ['void stage<float, 3>(float*)', 'stage<float, 3>'],
    [
      'void reduce<unsigned int, 128, (bool)0>(unsigned int const*, unsigned int*, unsigned int)',
      'reduce<unsigned int, 128, false>',
    ],
    ['void reduce<int, 256, (bool)1>(int const*, int*, unsigned int)', 'reduce<int, 256, true>'],
  ])('%s is %s', (demangled, written) => expect(sourceName(demangled)).toBe(written));

  test('a launch finds its instance however the source spaces it; a unit128u type name is no literal', () => {
    const kernels = [
      { lowered: '_Z12reverse_tileILi64EEvPKfPfj', source: sourceName('void reverse_tile<(int)64>(float const*)') },
    ];
    expect(findKernel(kernels, 'reverse_tile< 64 >')?.lowered).toBe('_Z12reverse_tileILi64EEvPKfPfj');
    expect(findKernel(kernels, 'reverse_tile<32>')).toBeUndefined();
    expect(normaliseName('pack<unit128u, 8>')).toBe('pack<unit128u,8>');
  });
});
