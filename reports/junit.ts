/**
 * junit.xml: one testcase per kernel sweep (an unavailable backend's is skipped, with the reason); a failure carries the key numbers
 * and `[[ATTACHMENT|path]]` lines for its pictures (paths relative to the
 * report folder's parent, as CI systems resolve them from the workspace).
 */
import { join } from 'node:path';
import { renderSweepFailure } from '../harness/index.ts';
import { escapeHtml as x } from './escape.ts';
import type { SummaryRow } from './summary-table.ts';

/** The XML text. */
export function renderJunit(rows: readonly SummaryRow[], reportDir: string): string {
  const failures = rows.filter((r) => !r.sweep?.pass && !r.sweep?.unavailable).length;
  const skipped = rows.filter((r) => r.sweep?.unavailable).length;
  const cases = rows.map((r) => {
    const time = (r.ms / 1000).toFixed(3);
    const head = `<testcase classname="twinpath" name="${x(`parity: ${r.kernel}`)}" time="${time}"`;
    if (r.sweep?.pass) return `${head}/>`;
    if (r.sweep?.unavailable) return `${head}><skipped message="${x(`unavailable: ${r.sweep.unavailable}`)}"/></testcase>`;
    const f = r.sweep?.failure;
    const message = f ? `${f.result.outcome}: ${f.result.comparison ? `${f.result.comparison.mismatches} of ${f.result.comparison.compared} values differ (${f.result.comparison.policy})` : (f.result.error ?? '').split('\n')[0]}` : (r.error ?? 'error');
    const attachments = Object.values(f?.artifacts ?? {}).map((p) => `[[ATTACHMENT|${join(reportDir, p)}]]`);
    const text = [r.sweep ? renderSweepFailure(r.sweep) : (r.error ?? ''), ...attachments].join('\n');
    return `${head}><failure message="${x(message)}">${x(text)}</failure></testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="twinpath" tests="${rows.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n</testsuite></testsuites>\n`;
}
