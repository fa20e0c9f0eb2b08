/**
 * compute-sanitizer for the CUDA backend, without a GPU: the report parser on
 * stored reports of each tool (fixtures/compute-sanitizer/*.txt, in the
 * formats NVIDIA's manual and public logs show), and the child-process re-run
 * through a fake compute-sanitizer that prints such a report.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { firstComputeSanitizerError } from './compute-sanitizer-report.ts';
import { cudaSanitizerUnavailable, findComputeSanitizer, sanitizeCudaCase } from './compute-sanitizer.ts';

const DIR = resolve(import.meta.dirname, 'fixtures/compute-sanitizer');
const report = (name: string) => readFileSync(join(DIR, name), 'utf8');

describe('the first error of a compute-sanitizer report', () => {
  test.each([
    [
      'memcheck-shared.txt',
      'Invalid __shared__ write of size 4 bytes at tile.cu:4 (in void tile_kernel<64>(float *)) by thread (63,0,0) in block (0,0,0)',
    ],
    [
      'memcheck-older-format.txt',
      'Invalid __global__ write of size 4 bytes at fill.cu:6 (in fill_kernel(float *, unsigned int)) by thread (31,0,0) in block (3,0,0)',
    ],
    [
      'memcheck-no-lineinfo.txt',
      'Invalid __global__ read of size 8 bytes (in vector_projection(double *, int)) by thread (9,0,0) in block (0,0,0)',
    ],
    [
      'racecheck.txt',
      'Race reported between Write access at sum.cu:10 (in sum_shared(int *)) and Read access at sum.cu:11 (in sum_shared(int *))',
    ],
    [
      'initcheck.txt',
      'Uninitialized __global__ memory read of size 4 bytes at copy.cu:5 (in copy_kernel(int *, int *)) by thread (0,0,0) in block (0,0,0)',
    ],
    [
      'synccheck.txt',
      'Barrier error detected. Divergent thread(s) in warp at div.cu:3 (in divergent(int *)) by thread (16,0,0) in block (0,0,0)',
    ],
  ])('%s', (name, first) => expect(firstComputeSanitizerError(report(name))).toBe(first));

  test("a report of no error, and output that is not the tool's, give none", () => {
    expect(firstComputeSanitizerError(report('clean.txt'))).toBeUndefined();
    expect(firstComputeSanitizerError('twinpath: 1 passed\n')).toBeUndefined();
  });

  // Real H100 reports (CUDA 13) of no kernel error: API errors of the driver calls twinpath makes, the watched
  // process's exit status after a failing case, and initcheck on the harness's own readback of a whole buffer.
  test.each(['h100-api-errors-exit.txt', 'h100-initcheck-host-copy.txt'])('%s: no error of the kernel', (name) =>
    expect(firstComputeSanitizerError(report(name))).toBeUndefined(),
  );
});

describe('a case re-run under compute-sanitizer in a child process', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  const request = { input: null, kernel: 'tile', seed: 42, path: '3:1', tool: 'memcheck', deadlineMs: 1000 } as const;

  test('runs the replay under the tool, -lineinfo on, no nested sanitizing, and reads its first error', async () => {
    const args = join(mkdtempSync(join(tmpdir(), 'fake-sanitizer-')), 'args');
    process.env.TWINPATH_COMPUTE_SANITIZER = join(DIR, 'fake-compute-sanitizer.sh');
    process.env.FAKE_SANITIZER_ARGS = args;
    expect(await sanitizeCudaCase(request)).toEqual({
      tool: 'memcheck',
      status: 'found',
      text: 'compute-sanitizer memcheck: Invalid __shared__ write of size 4 bytes at tile.cu:4 (in void tile_kernel<64>(float *)) by thread (63,0,0) in block (0,0,0)',
    });
    expect(readFileSync(args, 'utf8').trim()).toMatch(
      /^--tool memcheck --target-processes all --report-api-errors no --print-limit 1 --error-exitcode 99 \S+node\S* \S+bin\/twinpath\.js run tile --backend cuda --seed 42 --path 3:1 --report \S+ \| TWINPATH_SANITIZE=off TWINPATH_CUDA_LINEINFO=1$/,
    );
  });

  test('a clean report is clean; a tool by name is passed on', async () => {
    process.env.TWINPATH_COMPUTE_SANITIZER = join(DIR, 'fake-compute-sanitizer.sh');
    process.env.FAKE_SANITIZER_REPORT = 'clean.txt';
    const r = await sanitizeCudaCase({ ...request, tool: 'racecheck' });
    expect(r).toMatchObject({ tool: 'racecheck', status: 'clean' });
    expect(r.text).toBe(
      "compute-sanitizer racecheck reported no error re-running the case's replay (run tile --backend cuda --seed 42 --path 3:1)",
    );
  });

  test('no compute-sanitizer installed is unavailable, naming where it was looked for, never a pass', async () => {
    process.env = { PATH: '/nonexistent', CUDA_HOME: '/nonexistent/cuda' };
    expect(findComputeSanitizer(process.env, ['/nonexistent/usual'])).toEqual({
      unavailable:
        'compute-sanitizer not found: looked in $TWINPATH_COMPUTE_SANITIZER, PATH, /nonexistent/cuda/bin, /nonexistent/usual/bin. Fix: install the CUDA toolkit (it ships compute-sanitizer) or set TWINPATH_COMPUTE_SANITIZER to it',
    });
    // A path the user names is the only one tried, so a machine that has the tool elsewhere still answers this way.
    process.env = { TWINPATH_COMPUTE_SANITIZER: '/nonexistent/compute-sanitizer' };
    expect(findComputeSanitizer()).toEqual({
      unavailable:
        'compute-sanitizer not found: looked in $TWINPATH_COMPUTE_SANITIZER (/nonexistent/compute-sanitizer). Fix: install the CUDA toolkit (it ships compute-sanitizer) or set TWINPATH_COMPUTE_SANITIZER to it',
    });
    expect(await sanitizeCudaCase(request)).toMatchObject({ status: 'unavailable' });
  });
});

test('CUDA under --sanitize runs only under the tool: unavailable elsewhere, saying why and the fix', () => {
  const fake = { TWINPATH_COMPUTE_SANITIZER: join(DIR, 'fake-compute-sanitizer.sh') };
  expect(cudaSanitizerUnavailable(undefined, fake)).toBeUndefined();
  expect(
    cudaSanitizerUnavailable('racecheck', { ...fake, TWINPATH_UNDER_COMPUTE_SANITIZER: 'racecheck' }),
  ).toBeUndefined();
  expect(cudaSanitizerUnavailable('racecheck', fake)).toBe(
    'CUDA under --sanitize racecheck: this process is not running under compute-sanitizer (twinpath run starts itself under it; twinpath watch and vitest do not). Fix: twinpath run --sanitize racecheck',
  );
  expect(
    cudaSanitizerUnavailable('memcheck', { TWINPATH_COMPUTE_SANITIZER: '/nonexistent/compute-sanitizer' }),
  ).toMatch(/^CUDA under --sanitize memcheck: compute-sanitizer not found: looked in /);
});
