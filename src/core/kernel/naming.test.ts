import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { kernelFiles, namingViolations } from './naming.ts';
import { kernelOfTestName, sweepNamePattern, sweepTestName } from './sweep-name.ts';

const root = resolve(import.meta.dirname, '../../..');

test('this repository and the init scaffold follow the kernel naming rule', () => {
  expect(namingViolations(root)).toEqual([]);
  expect(namingViolations(join(root, 'templates/init'))).toEqual([]);
  expect(kernelFiles('flip_y')).toEqual({
    folder: 'kernels/flip_y',
    definition: 'kernels/flip_y/kernel.ts',
    wgsl: 'kernels/flip_y/flip-y.wgsl',
    oracle: 'oracles/flip-y.ts',
    sweep: 'cases/flip_y.test.ts',
  });
});

test('the rule catches a camel-case folder, a snake-case file and a kernel without a sweep file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twinpath-naming-'));
  for (const f of [
    'kernels/FlipY/kernel.ts',
    'kernels/blur/kernel.ts',
    'kernels/blur/blur_h.wgsl',
    'cases/blur.test.ts',
  ]) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '');
  }
  expect(namingViolations(dir).sort()).toEqual([
    'kernels/FlipY: a kernel folder is snake_case ([a-z0-9_]+)',
    'kernels/FlipY: no sweep file cases/FlipY.test.ts',
    'kernels/blur/blur_h.wgsl: files in a kernel folder are kebab-case (blur-h.wgsl)',
  ]);
});

test('sweep test names: one convention, read back and selected by the same module', () => {
  expect(sweepTestName('mip_downsample')).toBe('parity: mip_downsample');
  expect(kernelOfTestName('parity: mip_downsample')).toBe('mip_downsample');
  expect(kernelOfTestName('flip_y: an odd-sized surface')).toBeUndefined();
  expect(new RegExp(sweepNamePattern(['mip*'])).test(sweepTestName('mip_texture_unorm8'))).toBe(true);
});
