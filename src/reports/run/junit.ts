/**
 * junit.xml: one testcase per kernel sweep, its verdict rendered through
 * verdict.ts like everywhere else:
 * - `pass`: a plain testcase;
 * - `expected-fail`: a passing testcase (the gate passes) whose
 *   `twinpath.status` property reads `expected-fail (mismatch)`, with the
 *   reason and the failure text in `<system-out>`;
 * - `fail`, `unexpected-pass`: a `<failure>` with the key numbers and
 *   `[[ATTACHMENT|path]]` lines for its pictures (paths relative to the report
 *   folder's parent, as CI systems resolve them from the workspace);
 * - `unsupported`, `unavailable` (a backend that cannot load here): `<skipped>`
 *   with the reason.
 * A run that did not finish adds a failing testcase `twinpath run`, so a
 * partial report never reads green. Every text goes through escapeHtml: the
 * file is well-formed for any case text. The suite carries what CI readers
 * expect of the common JUnit shape (vitest's junit reporter writes the same):
 * `time` (the sweeps' seconds), `timestamp` (the run's start, ISO 8601 without
 * a zone), `hostname`, and each `<failure>` a `type` (the outcome: mismatch,
 * timeout, …; unexpected-pass; or the run's state).
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { notRun, passesGate, verdictLabel, verdictText } from '../../core/gate/verdict.ts';
import { renderSweepFailure } from '../../core/sweep/sweep.ts';
import { sweepTestName } from '../../core/kernel/sweep-name.ts';
import { escapeHtml as x } from '../page/escape.ts';
import { runStatusLine, type ResultsFile } from './results-json.ts';
import type { SummaryRow } from './summary-table.ts';

function failureMessage(r: SummaryRow): string {
  const f = r.sweep?.failure;
  if (!f || r.verdict.status === 'unexpected-pass') return verdictText(r.verdict);
  const c = f.result.comparison;
  const what = c
    ? `${c.mismatches} of ${c.compared} values differ (${c.policy})`
    : (f.result.error ?? '').split('\n')[0];
  return `${f.result.outcome}: ${what}`;
}

function testcase(r: SummaryRow, reportDir: string): string {
  const v = r.verdict;
  const head = `<testcase classname="twinpath" name="${x(sweepTestName(r.kernel, r.sweep?.backend ?? r.backend))}" time="${(r.ms / 1000).toFixed(3)}">`;
  const reason = v.reason === undefined ? '' : `<property name="twinpath.reason" value="${x(v.reason)}"/>`;
  const status = `<property name="twinpath.status" value="${x(verdictLabel(v))}"/>`;
  const properties = `<properties>${status}${reason}</properties>`;
  const attachments = Object.values(r.sweep?.failure?.artifacts ?? {}).map(
    (p) => `[[ATTACHMENT|${join(reportDir, p)}]]`,
  );
  const text = [
    verdictText(v),
    ...(r.sweep?.failure ? [renderSweepFailure(r.sweep)] : r.error ? [r.error] : []),
    ...attachments,
  ].join('\n');
  if (notRun(v)) return `${head}${properties}<skipped message="${x(verdictText(v))}"/></testcase>`;
  if (v.status === 'pass') return `${head}${properties}</testcase>`;
  if (passesGate(v)) return `${head}${properties}<system-out>${x(text)}</system-out></testcase>`;
  const type = v.status === 'unexpected-pass' ? v.status : (r.sweep?.failure?.result.outcome ?? v.status);
  return `${head}${properties}<failure message="${x(failureMessage(r))}" type="${x(type)}">${x(text)}</failure></testcase>`;
}

/** `2026-12-07T11:58:56`: the run's start as the JUnit schema's timestamp (UTC, no zone), or now for a date unread. */
function junitTimestamp(date: string): string {
  const d = new Date(date);
  return (Number.isNaN(d.getTime()) ? new Date() : d).toISOString().slice(0, 19);
}

/** The XML text of a run's results (its `date` is the suite's timestamp). */
export function renderJunit(
  r: Pick<ResultsFile, 'status' | 'interruptedBy' | 'statuses' | 'sweeps' | 'date'>,
  reportDir: string,
): string {
  const cases = r.sweeps.map((row) => testcase(row, reportDir));
  if (r.status !== 'finished')
    cases.push(
      `<testcase classname="twinpath" name="twinpath run" time="0">` +
        `<failure message="${x(runStatusLine(r))}" type="${x(r.status)}"/></testcase>`,
    );
  const failures =
    r.sweeps.filter((s) => !passesGate(s.verdict) && !notRun(s.verdict)).length + (r.status === 'finished' ? 0 : 1);
  const skipped = r.sweeps.filter((s) => notRun(s.verdict)).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  const seconds = (r.sweeps.reduce((sum, row) => sum + row.ms, 0) / 1000).toFixed(3);
  const when = `time="${seconds}" timestamp="${junitTimestamp(r.date)}" hostname="${x(hostname() || 'localhost')}"`;
  const suite = `<testsuite name="twinpath" ${counts} ${when}>`;
  const status = `<properties><property name="twinpath.run" value="${x(r.status)}"/></properties>`;
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>${suite}${status}`;
  return `${head}\n${cases.join('\n')}\n</testsuite></testsuites>\n`;
}
