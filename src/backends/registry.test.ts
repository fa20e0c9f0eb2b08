/** Backend names, selection and labels: decided in one place each. */
import { expect, test } from 'vitest';
import { sweepLabel } from '../core/kernel/sweep-label.ts';
import {
  backendNames,
  implementedBackends,
  kernelBackends,
  parseBackends,
  registerBackend,
  requiredBackends,
  selectedBackends,
} from './registry.ts';

test('a sweep is named by kernel and backend: the default backend keeps the bare name', () => {
  expect(sweepLabel('im2col', 'cuda')).toBe('im2col [cuda]');
  expect(sweepLabel('im2col', 'cpp')).toBe('im2col [cpp]');
  expect(sweepLabel('im2col', 'wgsl')).toBe('im2col');
  expect(sweepLabel('im2col')).toBe('im2col');
});

test('backends: a kernel implements those it has an implementation for, none privileged', () => {
  expect(kernelBackends({ wgsl: {} } as never)).toEqual(['wgsl']);
  expect(kernelBackends({ cpp: {} } as never)).toEqual(['cpp']);
  expect(kernelBackends({ wgsl: {}, cuda: {}, cpp: {} } as never)).toEqual(['wgsl', 'cuda', 'cpp']);
  expect(kernelBackends({ implementations: { metal: {} } } as never)).toEqual([]);
});

test('the backends some kernel implements, of those asked, in their order', () => {
  const all = ['wgsl', 'cuda', 'cpp'];
  expect(implementedBackends([['wgsl'], ['wgsl']], all)).toEqual(['wgsl']);
  expect(implementedBackends([['wgsl'], ['cpp', 'wgsl']], all)).toEqual(['wgsl', 'cpp']);
  expect(implementedBackends([['wgsl', 'cuda', 'cpp']], ['cpp', 'cuda'])).toEqual(['cpp', 'cuda']);
  expect(implementedBackends([['wgsl']], ['cpp'])).toEqual([]);
  expect(implementedBackends([], all)).toEqual([]);
});

test('--backend and --require-backend lists; an unknown name is an error naming the choices', () => {
  expect(selectedBackends({})).toEqual(backendNames());
  expect(selectedBackends({ TWINPATH_BACKEND: 'cpp, cuda' })).toEqual(['cpp', 'cuda']);
  expect(requiredBackends({})).toEqual([]);
  expect(requiredBackends({ TWINPATH_REQUIRE_BACKEND: 'cuda' })).toEqual(['cuda']);
  expect(() => parseBackends('cuda,metal')).toThrow(/^twinpath: unknown backend "metal"; backends are wgsl, cuda, cpp/);
});

test('a backend name is registered once', () => {
  expect(() => registerBackend('cpp', async () => Promise.reject(new Error('never loaded')))).toThrow(
    'twinpath: backend "cpp" is already registered',
  );
});
