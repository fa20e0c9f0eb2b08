/**
 * A header the source reaches by `#include "…"` is part of what a build is
 * cached by: an edited header is compiled again (a stale library passed a
 * planted bug), and the sanitized build finds the header as the plain one does.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { sweep } from '../../core/sweep/sweep.ts';
import { addOneKernel, header, kernelFolder } from './fixtures/included-header.ts';

test('planted: a bug put into an included header fails the next sweep, though the .cpp did not change', async () => {
  const dir = kernelFolder(1);
  expect((await sweep(addOneKernel('include_fresh', dir), { backend: 'cpp', runs: 5, seed: 1 })).pass).toBe(true);
  writeFileSync(join(dir, 'add_one.h'), header(2));
  const r = await sweep(addOneKernel('include_edited', dir), { backend: 'cpp', runs: 5, seed: 1 });
  expect(r.failure?.result.outcome).toBe('mismatch');
});

test('the sanitized build of a source with an included header compiles and runs (it lacked the -I folders)', async () => {
  const saved = process.env.TWINPATH_SANITIZE;
  process.env.TWINPATH_SANITIZE = 'memcheck';
  try {
    const r = await sweep(addOneKernel('include_sanitized', kernelFolder(1)), { backend: 'cpp', runs: 3, seed: 1 });
    expect(r.compileError).toBeUndefined();
    expect(r.pass).toBe(true);
  } finally {
    if (saved === undefined) delete process.env.TWINPATH_SANITIZE;
    else process.env.TWINPATH_SANITIZE = saved;
  }
});
