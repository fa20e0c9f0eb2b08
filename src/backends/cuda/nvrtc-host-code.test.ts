/**
 * NVRTC's log where a `.cu` brings host code (the H100's, CUDA 13, for a helper header including <cstdio>) gets the
 * fix; a device-code error does not.
 */
import { expect, test } from 'vitest';
import { hostCodeFix } from './nvrtc.ts';

test('a standard host header NVRTC does not have, or a <<<…>>> launch, names the fix', () => {
  const header =
    'conv_helpers.h:11: catastrophic error: cannot open source file "cstdio"\n  #include <cstdio>\n                   ^';
  expect(hostCodeFix(header)).toBe(
    '\nFix: NVRTC compiles device code only: keep host code (standard headers such as <cstdio>, <<<…>>> launches) ' +
      'under #ifndef __CUDACC_RTC__, or let nvcc compile it (a CUDA toolkit with nvcc; TWINPATH_CUDA_COMPILER=nvcc)',
  );
  expect(hostCodeFix('conv.cu:31: error: expected an expression\n  conv2d<<<grid, block>>>(d_in);')).not.toBe('');
  expect(hostCodeFix('conv.cu:14: error: identifier "colums" is undefined')).toBe('');
  expect(hostCodeFix('conv.cu:3: catastrophic error: cannot open source file "helpers/conv.h"')).toBe('');
});
