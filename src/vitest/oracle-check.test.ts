/**
 * A failing toMatchOracle case reaches the report: `npx vitest run` under the preset of fixtures/oracle-check (one
 * test checking a planted im2col on one case) prints the check's row naming the test, and results.json, the page
 * and the failure's folder hold it as a sweep of that one case, replayed by rerunning the test.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import type { ResultsFile } from '../reports/run/results-json.ts';

const root = resolve(import.meta.dirname, '../..');
const FIXTURE = 'src/vitest/fixtures/oracle-check';

/** This worker's environment less its TWINPATH_* settings: the fixture's run has its own. */
const outsideEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TWINPATH_')));

test('planted: a failing toMatchOracle case is a row of the report with its failure, replayed by its test', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const env = { ...outsideEnv(), TWINPATH_REPORT: dir, TWINPATH_TESTS: JSON.stringify([`${FIXTURE}/*.fixture.ts`]) };
  const vitest = [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', `${FIXTURE}/vitest.config.ts`];
  const r = await promisify(execFile)(process.execPath, vitest, { cwd: root, env, timeout: 120_000 }).catch(
    (e: { code: number; stdout: string }) => e,
  );
  expect(r).toMatchObject({ code: 1 });
  expect(r.stdout).toContain(
    "twinpath ✗ im2col_patch_grid_to_match_oracle: fail (mismatch) in test 'im2col on a rectangular grid'",
  );
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  const row = results.sweeps.find((s) => s.kernel === 'im2col_patch_grid_to_match_oracle')!;
  expect(row.verdict).toMatchObject({ status: 'fail', outcome: 'mismatch' });
  const failure = row.sweep!.failure!;
  expect(failure.input).toEqual({ patchSize: 2, npsX: 3, npsY: 2, seed: 1 });
  expect(failure.replay).toBe(`npx vitest run ${FIXTURE}/check.fixture.ts -t 'im2col on a rectangular grid'`);
  expect(existsSync(join(dir, failure.artifacts!.json!))).toBe(true);
  expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('id="f-im2col_patch_grid_to_match_oracle"');
}, 150_000);
