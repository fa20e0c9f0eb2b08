/**
 * What `twinpath run` and `twinpath bench` say about backends before any case: the devices of the backends the
 * chosen kernels implement, and no other (no C++ sanitizer line, no CUDA that did not load, for a WGSL-only kernel).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { twinpath } from './fixtures/run-cli.ts';

/** The run's banner: its `sweeping` line and the device lines under it. */
function banner(out: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith('twinpath: sweeping '));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('  '));
  return lines.slice(start, end);
}

test('run: the banner names only the backends the swept kernels implement', async () => {
  const report = mkdtempSync(join(tmpdir(), 'twinpath-banner-'));
  // texel_address implements WGSL alone: no cpp line (AddressSanitizer + UBSan under --sanitize), no cuda.
  const args = ['run', 'texel_address', '--sanitize', '--seed', '1', '--path', '0', '--report', report];
  const wgslOnly = await twinpath(args);
  expect(wgslOnly.code, wgslOnly.out + wgslOnly.err).toBe(0);
  expect(banner(wgslOnly.out)).toEqual([
    'twinpath: sweeping texel_address on',
    expect.stringMatching(/^ {2}wgsl: .+\[(software|hardware)\]/),
  ]);
}, 120_000);

test('bench: a device line only for the backends the chosen kernels implement', async () => {
  const bench = ['bench', '--sizes', '720p', '--budget', '0.1'];
  // prepare_mip_source implements WGSL alone: no ~600-character "cuda: unavailable — …" line, no cpp line.
  const wgslOnly = await twinpath([...bench, 'prepare_mip_source']);
  const devices = wgslOnly.out.split('\n').slice(
    0,
    wgslOnly.out.split('\n').findIndex((l) => l.startsWith('hot:')),
  );
  expect(devices).toEqual([expect.stringMatching(/^wgsl: .+; time: /)]);
  // mip_downsample implements CUDA: its line stays, unavailable or not.
  const cuda = await twinpath([...bench, 'mip_downsample', '--backend', 'cuda']);
  expect(cuda.out).toMatch(/^cuda: (unavailable — CUDA unavailable: |.+; time: )/);
  // Asked only for a backend none of them implements: a usage error naming what they implement.
  const none = await twinpath([...bench, 'prepare_mip_source', '--backend', 'cuda']);
  expect(none.code).toBe(2);
  expect(none.err.split('\n')[0]).toBe(
    'twinpath bench: no chosen kernel implements --backend cuda (they implement wgsl)',
  );
  expect(none.out).toBe('');
}, 120_000);
