/** Backend names, selection and labels: decided in one place each. */
import { expect, test } from 'vitest';
import { sweepLabel } from '../core/kernel/sweep-label.ts';
import { implementedBackends, parseBackends, requiredBackends, selectedBackends } from './registry.ts';

test('a sweep is named by kernel and backend: the default backend keeps the bare name', () => {
  expect(sweepLabel('im2col', 'cuda')).toBe('im2col [cuda]');
  expect(sweepLabel('im2col', 'cpp')).toBe('im2col [cpp]');
  expect(sweepLabel('im2col', 'wgsl')).toBe('im2col');
  expect(sweepLabel('im2col')).toBe('im2col');
});

test('backends: every kernel has wgsl; cuda and cpp where it implements them', () => {
  expect(implementedBackends({})).toEqual(['wgsl']);
  expect(implementedBackends({ cpp: {} })).toEqual(['wgsl', 'cpp']);
  expect(implementedBackends({ cuda: {}, cpp: {} })).toEqual(['wgsl', 'cuda', 'cpp']);
});

test('--backend and --require-backend lists; an unknown name is an error naming the choices', () => {
  expect(selectedBackends({})).toEqual(['wgsl', 'cuda', 'cpp']);
  expect(selectedBackends({ TWINPATH_BACKEND: 'cpp, cuda' })).toEqual(['cpp', 'cuda']);
  expect(requiredBackends({})).toEqual([]);
  expect(requiredBackends({ TWINPATH_REQUIRE_BACKEND: 'cuda' })).toEqual(['cuda']);
  expect(() => parseBackends('cuda,metal')).toThrow('twinpath: unknown backend "metal"; backends are wgsl, cuda, cpp');
});
