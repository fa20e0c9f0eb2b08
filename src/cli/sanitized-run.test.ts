/**
 * `twinpath run --sanitize` on CUDA starts the run again under
 * compute-sanitizer — here a fake one (it prints a stored memcheck report and
 * runs nothing) — and ends with the tool's first error in one line.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { twinpath } from './fixtures/run-cli.ts';

const FAKE = resolve(import.meta.dirname, '../backends/cuda/fixtures/compute-sanitizer/fake-compute-sanitizer.sh');

test('run --sanitize with CUDA re-runs itself under compute-sanitizer and prints its first error', async () => {
  const args = join(mkdtempSync(join(tmpdir(), 'sanitized-run-')), 'args');
  const r = await twinpath(['run', 'mip*', '--backend', 'cuda', '--sanitize'], {
    TWINPATH_COMPUTE_SANITIZER: FAKE,
    FAKE_SANITIZER_ARGS: args,
  });
  expect(r.out).toContain(
    'twinpath: compute-sanitizer memcheck: Invalid __shared__ write of size 4 bytes at tile.cu:4 (in void tile_kernel<64>(float *)) by thread (63,0,0) in block (0,0,0)\n',
  );
  expect(r.code).toBe(1);
  expect(readFileSync(args, 'utf8')).toMatch(
    /^--tool memcheck --target-processes all --report-api-errors no --print-limit 1 --error-exitcode 99 \S+ .*src\/cli\/main\.ts run mip\* --backend cuda --sanitize \| TWINPATH_SANITIZE=memcheck TWINPATH_CUDA_LINEINFO=1\n$/,
  );
}, 120_000);
