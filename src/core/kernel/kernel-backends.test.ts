import { expect, test } from 'vitest';
import { kernelBackends } from './kernel-backends.ts';

test("a kernel's backends are the implementations it has, in registration order", () => {
  const wgsl = { wgsl: {}, gpu: () => undefined };
  expect(kernelBackends(wgsl)).toEqual(['wgsl']);
  expect(kernelBackends({ ...wgsl, cpp: {} })).toEqual(['wgsl', 'cpp']);
  expect(kernelBackends({ cpp: {}, ...wgsl, cuda: {} })).toEqual(['wgsl', 'cuda', 'cpp']);
  expect(kernelBackends({ cuda: {} })).toEqual(['cuda']);
  expect(kernelBackends({ wgsl: {}, cpp: {} })).toEqual(['cpp']);
});
