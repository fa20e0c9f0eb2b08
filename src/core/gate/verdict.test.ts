import { expect, test } from 'vitest';
import { H100, sweepResult } from '../fixtures/sweep-results.ts';
import {
  countStatuses,
  decideVerdict,
  errorVerdict,
  notRun,
  passesGate,
  renderStatusCounts,
  SWEEP_STATUSES,
  unsupportedFailsGate,
  verdictLabel,
  verdictText,
} from './verdict.ts';
import { terminalSafe } from '../settings/terminal-text.ts';
import { sweepOutcome } from '../../vitest/parity-test.ts';

test('only pass and expected-fail pass the gate; unsupported and unavailable are not run, never passes', () => {
  expect(SWEEP_STATUSES.filter((s) => passesGate({ status: s }))).toEqual(['pass', 'expected-fail']);
  expect(SWEEP_STATUSES.filter((s) => notRun({ status: s }))).toEqual(['unsupported', 'unavailable']);
});

test('decided once: failures, expected failures, unexpected passes, per adapter and case', () => {
  const failing = sweepResult('blur', { failing: '2x2 Unorm8x4' });
  expect(decideVerdict(failing, [])).toEqual({ status: 'fail', outcome: 'mismatch' });
  const listed = [{ kernel: 'bl*', case: 'Unorm8', reason: 'known' }];
  expect(decideVerdict(failing, listed)).toEqual({
    status: 'expected-fail',
    expectation: 0,
    reason: 'known',
    outcome: 'mismatch',
  });
  expect(decideVerdict(failing, [{ kernel: 'blur', case: 'Float32', reason: 'r' }]).status).toBe('fail');
  expect(decideVerdict(failing, [{ kernel: 'blur', adapter: { vendor: 'nvidia' }, reason: 'r' }]).status).toBe('fail');
  expect(
    decideVerdict(sweepResult('blur', { failing: 'x', adapter: H100 }), [
      { kernel: 'blur', adapter: { vendor: 'nvidia', software: false }, reason: 'r' },
    ]).status,
  ).toBe('expected-fail');
  expect(decideVerdict(sweepResult('blur'), [{ kernel: 'blur', reason: 'was broken' }])).toEqual({
    status: 'unexpected-pass',
    expectation: 0,
    reason: 'was broken',
  });
  // An entry with a case filter speaks only for failures: a passing sweep it names is a pass.
  expect(decideVerdict(sweepResult('blur'), listed)).toEqual({ status: 'pass' });
});

test('planted: a sweep of zero cases, or one whose describe() threw, fails with the kernel named', () => {
  expect(decideVerdict(sweepResult('blur', { runs: 0 }), [])).toEqual({
    status: 'fail',
    reason: 'blur: no case ran — a sweep of zero cases tests nothing',
  });
  expect(decideVerdict(sweepResult('blur', { describeError: 'boom' }), [{ kernel: 'blur', reason: 'r' }])).toEqual({
    status: 'fail',
    reason: "blur: describe() threw on a case: boom — fix the kernel's describe(); the cases are kept",
  });
});

test('a sweep without a result fails with the first line of what it threw, whatever it threw', () => {
  expect(errorVerdict(new Error('no adapter\nFix: install'))).toEqual({ status: 'fail', reason: 'no adapter' });
  expect(errorVerdict(new Error('unavailable: libcuda.so.1 not found'))).toEqual({
    status: 'fail',
    reason: 'unavailable: libcuda.so.1 not found',
  });
});

test('not run is said by the result alone: unavailable and unsupported come from its fields', () => {
  const unavailable = { ...sweepResult('im2col', { runs: 0 }), unavailable: 'no libcuda' };
  expect(decideVerdict(unavailable, [])).toEqual({ status: 'unavailable', reason: 'no libcuda' });
  const unsupported = { ...sweepResult('blur', { runs: 0 }), unsupported: { reason: 'needs shader-f16' } };
  expect(decideVerdict(unsupported, [])).toEqual({ status: 'unsupported', reason: 'needs shader-f16' });
  expect(decideVerdict(unsupported, [{ kernel: 'blur', case: 'unsupported', reason: 'r' }])).toEqual({
    status: 'unsupported',
    reason: 'needs shader-f16',
    expectation: 0,
  });
});

test('one label and one text for every output', () => {
  expect(verdictLabel({ status: 'expected-fail', outcome: 'canary' })).toBe('expected-fail (canary)');
  expect(verdictText({ status: 'expected-fail', outcome: 'mismatch', reason: 'known', expectation: 2 })).toBe(
    'expected-fail (mismatch): known (expectation 2)',
  );
  expect(verdictText({ status: 'unexpected-pass', reason: 'was broken', expectation: 0 })).toBe(
    'unexpected-pass: was broken (expectation 0) — remove or narrow that entry of the expectations file',
  );
  expect(verdictText({ status: 'pass' })).toBe('pass');
  expect(verdictText({ status: 'unavailable', reason: 'no libcuda' })).toBe('unavailable: no libcuda');
  const counts = countStatuses([{ status: 'pass' }, { status: 'pass' }, { status: 'unavailable' }]);
  expect(counts).toEqual({
    pass: 2,
    fail: 0,
    'expected-fail': 0,
    'unexpected-pass': 0,
    unsupported: 0,
    unavailable: 1,
  });
  expect(renderStatusCounts(counts)).toBe('2 pass, 1 unavailable');
  expect(renderStatusCounts(countStatuses([]))).toBe('no sweep');
});

test('terminal text: control characters are shown, never acted on; newlines and tabs stay', () => {
  expect(terminalSafe('a\u001b[2Jb\u0000\u0007\r\u009b\tc\nd')).toBe('a\\x1b[2Jb\\x00\\x07\\x0d\\x9b\tc\nd');
  expect(terminalSafe('2x2 Unorm8x4/Rgba — ✓')).toBe('2x2 Unorm8x4/Rgba — ✓');
});

test('a sweep that throws fails; a result is decided once, from its fields', async () => {
  const boom = new Error('device lost\nat …');
  expect(await sweepOutcome(() => Promise.reject(boom))).toEqual({
    verdict: { status: 'fail', reason: 'device lost' },
    thrown: boom,
  });
  const r = sweepResult('blur', { failing: 'x' });
  expect(await sweepOutcome(() => Promise.resolve(r))).toEqual({
    result: r,
    verdict: { status: 'fail', outcome: 'mismatch' },
  });
  const notRun = { ...sweepResult('im2col', { runs: 0 }), unavailable: 'no libcuda' };
  expect(await sweepOutcome(() => Promise.resolve(notRun))).toEqual({
    result: notRun,
    verdict: { status: 'unavailable', reason: 'no libcuda' },
  });
});

test('a sweep whose implementation did not compile fails (compile-error), even where an expectation lists the kernel', () => {
  const log = 'blur [cpp]: compilation failed (c++ …):\nsrc/blur.cpp:6:52: error: x was not declared in this scope';
  const r = { ...sweepResult('blur'), runs: 0, pass: false, cases: [], compileError: log };
  const v = decideVerdict(r, [{ kernel: 'blur', reason: 'known' }]);
  expect(v).toEqual({ status: 'fail', outcome: 'compile-error', reason: log });
  expect(passesGate(v)).toBe(false);
  expect(verdictLabel(v)).toBe('fail (compile-error)');
});

test('an unsupported sweep fails only a hardware gate, and only where no expectation lists it', () => {
  const unsupported = { ...sweepResult('blur', { runs: 0 }), unsupported: { reason: 'needs shader-f16' } };
  const unlisted = decideVerdict(unsupported, []);
  // Strict: an unlisted sweep carries no `expectation` key at all, not one holding undefined.
  expect(unlisted).toStrictEqual({ status: 'unsupported', reason: 'needs shader-f16' });
  const listed = decideVerdict(unsupported, [{ kernel: 'blur', case: 'unsupported', reason: 'r' }]);
  expect(unsupportedFailsGate(unlisted, 'hardware')).toBe(true);
  expect(unsupportedFailsGate(unlisted, 'any')).toBe(false);
  expect(unsupportedFailsGate(listed, 'hardware')).toBe(false);
  expect(unsupportedFailsGate({ status: 'unavailable' }, 'hardware')).toBe(false);
  expect(unsupportedFailsGate({ status: 'fail' }, 'hardware')).toBe(false);
});
