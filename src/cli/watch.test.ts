import { resolve } from 'node:path';
import type { TestModule } from 'vitest/node';
import { expect, test } from 'vitest';
import { WgslReaders } from './watch.ts';

const moduleReading = (moduleId: string, wgsl: string[]) =>
  ({
    moduleId,
    children: {
      allTests: () => [
        { meta: () => ({ twinpathKernel: { name: 'k', outputs: ['out'], backends: ['wgsl'], wgslFiles: wgsl } }) },
      ],
    },
  }) as unknown as TestModule;

test('a WGSL change reruns exactly the sweep files whose kernels read it, the shared library included', () => {
  const r = new WgslReaders();
  const lib = resolve('src/lib/texture.wgsl');
  r.add(moduleReading('/p/cases/a.test.ts', [lib, resolve('kernels/a/a.wgsl')]));
  r.add(moduleReading('/p/cases/b.test.ts', [lib, resolve('kernels/b/b.wgsl')]));
  expect(r.of('kernels/a/a.wgsl')).toEqual(['/p/cases/a.test.ts']);
  expect(r.of(lib).sort()).toEqual(['/p/cases/a.test.ts', '/p/cases/b.test.ts']);
  expect(r.of('kernels/c/c.wgsl')).toEqual([]);
});
