/**
 * schemas/results.schema.json and schemas/failure.schema.json describe the
 * files a run leaves: a report written the way every run writes one (real
 * sweeps on the GPU, one failing (its shrunk case re-run under the bounds
 * check), one passing, beside hand-built rows for
 * what a lavapipe run cannot produce: several outputs, another backend,
 * unsupported, unavailable, a sweep that died) keeps both schemas, and a
 * planted broken file breaks them with ajv's message.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { sweep, type SweepResult } from '../core/sweep/sweep.ts';
import type { Kernel } from '../core/kernel/kernel.ts';
import mipDownsample from '../../kernels/mip_downsample/kernel.ts';
import * as planted from '../fixtures/kernels/planted-kernels.ts';
import { cppHeapOver } from '../backends/cpp/fixtures/sanitizer-kernels.ts';
import { multiOutput, plainBuffer, tinyLevels } from './fixtures/failure-inputs.ts';
import { reportSchema, schemaErrors, type SchemaName } from './fixtures/report-schemas.ts';
import { failingRow, passingRow } from './fixtures/synthetic-run.ts';
import { resultsFile } from './run/results-json.ts';
import { runProfile } from '../core/sweep/stage-clock.ts';
import { sweepRow, type SummaryRow } from './run/summary-table.ts';
import { writeReport } from './run/write-report.ts';

const dir = resolve('twinpath-report/report-schemas');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const saved = process.env.TWINPATH_REPORT;
  process.env.TWINPATH_REPORT = dir;
  // Profiled: each sweep's profile, and the run's, are in results.json and on the page.
  process.env.TWINPATH_PROFILE = '1';
  const sweeps: SweepResult[] = [];
  try {
    sweeps.push(await sweep(planted.roundsInsteadOfTruncating.kernel as Kernel<unknown>, { runs: 100 }));
    sweeps.push(await sweep(mipDownsample as Kernel<unknown>, { runs: 10 }));
    // A C++ failure re-run under AddressSanitizer: the failure carries its finding.
    sweeps.push(await sweep(cppHeapOver as Kernel<unknown>, { backend: 'cpp', runs: 10, seed: 3 }));
  } finally {
    delete process.env.TWINPATH_PROFILE;
    if (saved === undefined) delete process.env.TWINPATH_REPORT;
    else process.env.TWINPATH_REPORT = saved;
  }
  const rows: SummaryRow[] = [
    ...sweeps.map((s) => sweepRow(s)),
    failingRow(dir, multiOutput()),
    failingRow(dir, plainBuffer()),
    failingRow(dir, tinyLevels(), 'canary'),
    passingRow('mip_downsample', { backend: 'cpp' }),
    passingRow('needs_shader_f16', { status: 'unsupported', reason: 'the adapter lacks shader-f16' }),
    passingRow('im2col', { backend: 'cuda', status: 'unavailable', reason: 'libcuda.so.1 cannot be loaded' }),
    { kernel: 'died', verdict: { status: 'fail', reason: 'boom' }, error: 'Error: boom', ms: 3 },
  ];
  const totals = { passed: 3, failed: 6, skipped: 0 };
  const date = new Date().toISOString();
  // The run's wall: its sweeps' and 20 ms outside them.
  const profile = runProfile(
    sweeps.map((s) => s.profile!),
    sweeps.reduce((n, s) => n + s.profile!.wallMs, 20),
    0,
  );
  writeReport(
    dir,
    resultsFile({
      runId: 'schemas',
      status: 'finished',
      date,
      adapter: sweeps[0]!.adapter,
      totals,
      sweeps: rows,
      profile,
    }),
  );
}, 120_000);

test.each(['results', 'failure'] as const)(
  'schemas/%s.schema.json is a strict draft 2020-12 schema',
  (name: SchemaName) => {
    const schema = reportSchema(name) as { $schema: string; $id: string };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`urn:twinpath:schemas/${name}.schema.json`);
    expect(() => schemaErrors(name, {})).not.toThrow();
  },
);

test("a failure's sanitizer finding is in results.json and on the report page", () => {
  const results = readJson(join(dir, 'results.json')) as {
    sweeps: Array<{ sweep?: { failure?: { sanitizer?: unknown } } }>;
  };
  // The WGSL failure is a rounding mistake, all in bounds; the C++ one a heap overflow.
  expect(results.sweeps.map((r) => r.sweep?.failure?.sanitizer).filter((s) => s)).toEqual([
    expect.objectContaining({ tool: 'memcheck', status: 'clean' }),
    expect.objectContaining({ tool: 'memcheck', status: 'found' }),
  ]);
  expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(
    '<dt>sanitizer</dt><dd><code class="sanitizer">sanitizer (memcheck): found: heap_over [cpp]: sanitizer: AddressSanitizer: heap-buffer-overflow WRITE of size 4 at',
  );
});

test('the results.json a run writes keeps its schema', () => {
  const results = readJson(join(dir, 'results.json')) as { sweeps: unknown[] };
  expect(results.sweeps).toHaveLength(10);
  expect(schemaErrors('results', results)).toBeUndefined();
});

test("a profiled run's results.json holds each sweep's profile and the run's; the page has the profile section", () => {
  const results = readJson(join(dir, 'results.json')) as {
    profile?: { sweeps: number; stages: Record<string, number>; otherMs: number };
    sweeps: Array<{ sweep?: { profile?: unknown } }>;
  };
  expect(results.profile?.sweeps).toBe(3);
  expect(results.sweeps.filter((r) => r.sweep?.profile)).toHaveLength(3);
  expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(
    /<section class="profile" aria-label="profile"><h2>profile: \d+\.\dx of floor<\/h2>/,
  );
  // A planted profile without its gpu stage breaks the schema.
  const { gpu: _, ...stages } = results.profile!.stages;
  expect(schemaErrors('results', { ...results, profile: { ...results.profile, stages } })).toBe(
    "data/profile/stages must have required property 'gpu'",
  );
  // And one without the wall time in no stage.
  const { otherMs: __, ...withoutOther } = results.profile!;
  expect(schemaErrors('results', { ...results, profile: withoutOther })).toBe(
    "data/profile must have required property 'otherMs'",
  );
});

test('every failure.json a run writes keeps its schema', () => {
  const failures = readdirSync(join(dir, 'failures'));
  expect(failures.length).toBeGreaterThanOrEqual(4);
  for (const f of failures)
    expect(schemaErrors('failure', readJson(join(dir, 'failures', f, 'failure.json'))), f).toBeUndefined();
});

test("a planted results.json breaks its schema with ajv's message: a verdict status not in the enum, a field the format lacks", () => {
  expect(
    schemaErrors('results', readJson(new URL('./fixtures/schemas/results-invalid.json', import.meta.url).pathname)),
  ).toBe(
    [
      'data/sweeps/0 must NOT have additional properties: durationMs',
      'data/sweeps/0/verdict/status must be equal to one of the allowed values',
    ].join('\n'),
  );
});

test("a planted failure.json breaks its schema with ajv's message: no failedOutput, an empty backend, an outcome not in the enum", () => {
  expect(
    schemaErrors('failure', readJson(new URL('./fixtures/schemas/failure-invalid.json', import.meta.url).pathname)),
  ).toBe(
    [
      "data must have required property 'failedOutput'",
      'data/backend must NOT have fewer than 1 characters',
      'data/outcome must be equal to one of the allowed values',
    ].join('\n'),
  );
});
