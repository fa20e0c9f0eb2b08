import { expect, test } from 'vitest';
import { decideVerdict, type SweepVerdict } from '../../core/gate/verdict.ts';
import { sweepResult } from '../../core/fixtures/sweep-results.ts';
import { elements, parseStrictXml, type XmlElement } from '../fixtures/strict-xml.ts';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { junitShapeErrors } from '../fixtures/junit-shape.ts';
import { escapeHtml } from '../page/escape.ts';
import { renderJunit } from './junit.ts';
import { resultsFile, type RunStatus } from './results-json.ts';
import type { SummaryRow } from './summary-table.ts';

/** Every code point XML 1.0 forbids or that a terminal acts on, and markup. */
const HOSTILE =
  'case \u0000\u0001\u0007\u0008\u000b\u000c\u001b[31m\u007f\u0085\uFFFE\uFFFF\uD800 lone \uDC00 ]]> <x a="b"> & 😀';

function junit(rows: SummaryRow[], status: RunStatus = 'finished'): string {
  return renderJunit(
    resultsFile({
      runId: 'r',
      status,
      date: '2026-12-07T11:58:56.123Z',
      totals: { passed: 0, failed: 0, skipped: 0 },
      sweeps: rows,
    }),
    'report',
  );
}

const row = (kernel: string, verdict: SweepVerdict, failing?: string): SummaryRow => ({
  kernel,
  ...(failing === undefined ? {} : { sweep: sweepResult(kernel, { failing }) }),
  verdict,
  ms: 5,
});

const suiteOf = (xml: string) => elements(parseStrictXml(xml), 'testsuite')[0]!;
const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);

test('well-formed for any case text: a strict XML parser accepts it and reads the text back, forbidden characters shown as escapes', () => {
  const s = sweepResult('k', { failing: HOSTILE });
  const xml = junit([{ kernel: `k${HOSTILE}`, sweep: s, verdict: decideVerdict(s, []), ms: 1 }]);
  const [testcase] = elements(parseStrictXml(xml), 'testcase');
  expect(testcase!.attributes.name).toBe(
    'parity: kcase \\x00\\x01\\x07\\x08\\x0b\\x0c\\x1b[31m\u007f\u0085\\uFFFE\\uFFFF\\uD800 lone \\uDC00 ]]> <x a="b"> & 😀',
  );
  expect(child(testcase!, 'failure')!.text).toContain(
    'case \\x00\\x01\\x07\\x08\\x0b\\x0c\\x1b[31m\u007f\u0085\\uFFFE\\uFFFF\\uD800 lone \\uDC00 ]]> <x a="b"> & 😀',
  );
});

test('planted: markup escaping alone (what junit.xml had) leaves it invalid as soon as case text carries a control character', () => {
  const markupOnly = (t: unknown) => String(t).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const doc = (escape: (t: unknown) => string) =>
    `<?xml version="1.0"?><a b="${escape(HOSTILE)}">${escape(HOSTILE)}</a>`;
  expect(() => parseStrictXml(doc(markupOnly))).toThrow(/disallowed character/);
  expect(parseStrictXml(doc(escapeHtml)).name).toBe('a');
});

test('each verdict: pass plain, expected-fail a passing testcase with its status and reason, fail a <failure>, not-run <skipped>', () => {
  const suite = suiteOf(
    junit([
      row('a', { status: 'pass' }),
      row('b', { status: 'expected-fail', outcome: 'mismatch', reason: 'known', expectation: 0 }, '2x2'),
      row('c', { status: 'fail', outcome: 'mismatch' }, '4x4'),
      row('d', { status: 'unexpected-pass', reason: 'was broken', expectation: 1 }),
      row('e', { status: 'unavailable', reason: 'no libcuda' }),
    ]),
  );
  expect(suite.attributes).toMatchObject({ tests: '5', failures: '2', skipped: '1' });
  const [a, b, c, d, e] = elements(suite, 'testcase');
  expect(a!.children.map((x) => x.name)).toEqual(['properties']);
  expect(child(b!, 'failure')).toBeUndefined();
  expect(elements(b!, 'property').map((p) => p.attributes)).toEqual([
    { name: 'twinpath.status', value: 'expected-fail (mismatch)' },
    { name: 'twinpath.reason', value: 'known' },
  ]);
  expect(child(b!, 'system-out')!.text).toMatch(
    /^expected-fail \(mismatch\): known \(expectation 0\)\nb failed after 10 cases/,
  );
  expect(child(c!, 'failure')!.attributes.message).toBe('mismatch: mismatch');
  expect(child(d!, 'failure')!.attributes.message).toBe(
    'unexpected-pass: was broken (expectation 1) — remove or narrow that entry of the expectations file',
  );
  expect(child(e!, 'skipped')!.attributes.message).toBe('unavailable: no libcuda');
});

test('a run that did not finish never reads green: a failing testcase names its state', () => {
  for (const [status, message] of [
    ['interrupted', /^run interrupted \(unknown\) after 1 sweep: 1 pass — the rest did not run$/],
    ['running', /^run still running, or killed \(results.json not finished\) after 1 sweep: 1 pass$/],
  ] as const) {
    const suite = suiteOf(junit([row('a', { status: 'pass' })], status));
    expect(suite.attributes.failures).toBe('1');
    const last = elements(suite, 'testcase')[1]!;
    expect(last.attributes.name).toBe('twinpath run');
    expect(child(last, 'failure')!.attributes.message).toMatch(message);
  }
  expect(elements(suiteOf(junit([row('a', { status: 'pass' })])), 'testcase')).toHaveLength(1);
});

test('the common JUnit shape CI reads: suite time, timestamp, hostname; failure type; counts that agree', () => {
  const xml = junit([
    row('a', { status: 'pass' }),
    row('b', { status: 'expected-fail', outcome: 'mismatch', reason: 'known', expectation: 0 }, '2x2'),
    row('c', { status: 'fail', outcome: 'mismatch' }, '4x4'),
    row('d', { status: 'unexpected-pass', reason: 'was broken', expectation: 1 }),
    row('e', { status: 'unavailable', reason: 'no libcuda' }),
  ]);
  expect(junitShapeErrors(xml)).toEqual([]);
  expect(suiteOf(xml).attributes).toMatchObject({
    time: '0.025',
    timestamp: '2026-12-07T11:58:56',
    hostname: hostname(),
  });
  const failures = elements(suiteOf(xml), 'failure').map((f) => f.attributes.type);
  expect(failures).toEqual(['mismatch', 'unexpected-pass']);
  const interrupted = junit([row('a', { status: 'pass' })], 'interrupted');
  expect(junitShapeErrors(interrupted)).toEqual([]);
  expect(elements(suiteOf(interrupted), 'failure')[0]!.attributes.type).toBe('interrupted');
});

test('planted: the shape check catches junit.xml without the CI fields, and counts or formats that are wrong', () => {
  const planted = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  expect(junitShapeErrors(planted('junit-before-ci-fields.xml'))).toEqual([
    'testsuite: no time',
    'testsuite: no timestamp',
    'testsuite: no hostname',
    'testcase 1 <failure>: no type',
  ]);
  expect(junitShapeErrors(planted('junit-counts-disagree.xml'))).toEqual([
    'testcase: <junk> is not allowed inside',
    'testsuite: time "1,5" is not seconds',
    'testsuite: timestamp "2026-12-07T11:58:56.000Z" is not YYYY-MM-DDThh:mm:ss',
    'testsuite: tests="3" but 2 testcases say so',
    'testsuite: failures="0" but 1 testcase says so',
    'testsuite: skipped="0" but 1 testcase says so',
    'testcase 0: more than one of skipped, error, failure',
    'testcase 1: no classname',
    'testcase 1: time "x" is not seconds',
  ]);
  expect(junitShapeErrors('<testsuites><testsuite')).toEqual([expect.stringMatching(/^not well-formed: /)]);
});
