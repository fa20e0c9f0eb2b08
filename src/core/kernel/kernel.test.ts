/** A kernel is its oracle plus any non-empty set of implementations, none privileged. */
import fc from 'fast-check';
import { expect, expectTypeOf, test } from 'vitest';
import { exact } from '../../model/compare/policy.ts';
import type { GpuOutputs } from '../../backends/wgsl/gpu-context.ts';
import type { WgslSource } from '../../wgsl/source.ts';
import { defineKernel, isDefinedKernel, judgingShape } from './kernel.ts';
import { ulp } from '../../model/compare/policy.ts';
import { implementationOf } from '../../backends/implementations.ts';
import {
  compareOnStray,
  gpuWithoutWgsl,
  noImplementation,
  registeredOnly,
  wgslWithoutGpu,
} from './fixtures/bad-definitions.ts';

test('planted: a kernel with no implementation is refused, naming the kernel and the fix', () => {
  expect(() => defineKernel(noImplementation)).toThrow(
    'defineKernel: oracle_only has no implementation. Fix: give it wgsl + gpu, cuda, cpp, or implementations for a registered backend',
  );
});

test('planted: wgsl and gpu come together, or not at all', () => {
  expect(() => defineKernel(wgslWithoutGpu)).toThrow(
    'defineKernel: wgsl_without_gpu has wgsl but no gpu function. Fix: give both (the gpu function runs the WGSL), or neither',
  );
  expect(() => defineKernel(gpuWithoutWgsl)).toThrow(
    'defineKernel: gpu_without_wgsl has a gpu function but no wgsl. Fix: give both (the gpu function runs the WGSL), or neither',
  );
});

test("a registered backend's implementation is found by its name; the built-in ones by their field", () => {
  const k = defineKernel(registeredOnly);
  expect(typeof implementationOf(k, 'echo')).toBe('function');
  expect(implementationOf(k, 'wgsl')).toBeUndefined();
  expect(implementationOf(k, 'cpp')).toBeUndefined();
});

test('a kernel defined with wgsl and gpu has them in its type, with its input type given or inferred', () => {
  const source = { parts: [], rootModules: [] } as unknown as WgslSource;
  const withWgsl = { name: 'typed', input: fc.constant(1), cpu: () => [1], compare: exact(), wgsl: source };
  const given = defineKernel<number>({ ...withWgsl, gpu: () => ({}) as GpuOutputs });
  const inferred = defineKernel({ ...withWgsl, gpu: () => ({}) as GpuOutputs });
  expectTypeOf(given.wgsl).toEqualTypeOf<WgslSource>();
  expectTypeOf(inferred.wgsl).toEqualTypeOf<WgslSource>();
  expectTypeOf(defineKernel(registeredOnly).wgsl).toEqualTypeOf<WgslSource | undefined>();
});

test('planted: a per-backend policy for a backend the kernel does not implement is refused, naming what it implements', () => {
  expect(() => defineKernel(compareOnStray)).toThrow(
    'defineKernel: compare_on_stray has compareOn.cuda but no cuda implementation (it implements: cpp). Fix: name a backend it implements',
  );
});

test("a kernel's judging shape: the same for another instance of its module, another for another policy or oracle arity", async () => {
  const { slowJudgeKernel } = await import('../fixtures/slow-judge-kernel.ts');
  const shape = judgingShape(slowJudgeKernel);
  expect(judgingShape({ ...slowJudgeKernel, cpu: (w: number) => slowJudgeKernel.cpu(w) })).toBe(shape);
  expect(judgingShape({ ...slowJudgeKernel, compare: ulp(1) })).not.toBe(shape);
  expect(judgingShape({ ...slowJudgeKernel, cpu: (w: number, _gpu?: unknown) => slowJudgeKernel.cpu(w) })).not.toBe(
    shape,
  );
  expect(judgingShape({ ...slowJudgeKernel, name: 'other' })).not.toBe(shape);
  expect(isDefinedKernel(slowJudgeKernel)).toBe(false);
  const defined = (await import('../../../kernels/mip_downsample/kernel.ts')).default;
  expect(isDefinedKernel(defined)).toBe(true);
  expect(isDefinedKernel({ ...defined })).toBe(false);
});
