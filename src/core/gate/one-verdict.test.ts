/**
 * One verdict, rendered the same in all four outputs: a real vitest run of
 * src/core/gate/fixtures/gate-run (an expected failure whose case text carries control
 * characters, and a passing kernel) through the twinpath reporter. The console,
 * results.json, junit.xml and index.html all read
 * `expected-fail (mismatch): <reason> (expectation 0)`; junit.xml has no
 * `<failure>` for it and parses with a strict XML parser; the terminal gets the
 * control characters as visible escapes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import type { ResultsFile } from '../../reports/run/results-json.ts';
import { elements, parseStrictXml } from '../../reports/fixtures/strict-xml.ts';

const root = resolve(import.meta.dirname, '../../..');
const fixture = join(root, 'src/core/gate/fixtures/gate-run');
const EXPECTED = 'expected-fail (mismatch): known: the unorm8 store rounds instead of truncating (expectation 0)';

test('an expected failure reads the same in the console, results.json, junit.xml and index.html; control characters never reach them raw', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'report');
  const env = {
    ...process.env,
    TWINPATH_REPORT: dir,
    TWINPATH_EXPECTATIONS: join(fixture, 'expectations.json'),
    TWINPATH_RUNS: '100',
    TWINPATH_DETERMINISM: '0',
  };
  const r = await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(fixture, 'vitest.config.ts')],
    { cwd: root, env, timeout: 240_000 },
  );

  // The console: the progress line and the table's result column; no raw escape, NUL or bell.
  expect(r.stdout).toContain(`twinpath ✓ generate_mips_rounds_ctrl: ${EXPECTED}, `);
  expect(r.stdout).toMatch(/^generate_mips_rounds_ctrl +\d+ +expected-fail \(mismatch\) /m);
  expect(r.stdout).toMatch(/^twinpath: run finished: 1 pass, 1 expected-fail$/m);
  // oxlint-disable-next-line no-control-regex -- the test asserts no control character got through
  expect(r.stdout).not.toMatch(/[\u0000\u0007\u001b]/);

  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  const row = results.sweeps.find((s) => s.kernel === 'generate_mips_rounds_ctrl')!;
  expect(row.verdict).toEqual({
    status: 'expected-fail',
    expectation: 0,
    reason: 'known: the unorm8 store rounds instead of truncating',
    outcome: 'mismatch',
  });
  expect(results.statuses).toMatchObject({ pass: 1, 'expected-fail': 1, fail: 0 });
  expect(row.sweep!.failure!.result.case).toContain('\u001b[2J\u0000\u0007');

  const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
  const doc = parseStrictXml(junit);
  expect(elements(doc, 'testsuite')[0]!.attributes.failures).toBe('0');
  const testcase = elements(doc, 'testcase').find((t) => t.attributes.name === 'parity: generate_mips_rounds_ctrl')!;
  expect(elements(testcase, 'failure')).toEqual([]);
  expect(elements(testcase, 'property')[0]!.attributes).toEqual({
    name: 'twinpath.status',
    value: 'expected-fail (mismatch)',
  });
  const out = elements(testcase, 'system-out')[0]!.text;
  expect(out).toContain(EXPECTED);
  expect(out).toContain('\\x1b[2J\\x00\\x07\\uFFFE');

  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  // oxlint-disable-next-line no-control-regex -- the test asserts no control character got through
  expect(html).not.toMatch(/[\u0000\u0007\u001b\uFFFE]/);
  expect(html).toContain('\\x1b[2J\\x00\\x07\\uFFFE');
  expect(html).toMatch(
    /<details class="failure st-expected-fail" id="f-generate_mips_rounds_ctrl"[^]*?<p class="verdict">([^<]*)<\/p>/,
  );
  expect(
    /<details class="failure st-expected-fail" id="f-generate_mips_rounds_ctrl"[^]*?<p class="verdict">([^<]*)<\/p>/.exec(
      html,
    )![1],
  ).toBe(EXPECTED);
  expect(html).toMatch(
    /<tr class="row st-expected-fail" data-kernel="generate_mips_rounds_ctrl" data-status="expected-fail"[^>]*>.*?<span class="badge st-expected-fail" title="[^"]*">expected-fail \(mismatch\)</,
  );
}, 300_000);
