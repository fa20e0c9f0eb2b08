/** The report page's html: what it writes from a run's results, before any script runs. */
import { expect, test } from 'vitest';
import { renderReportHtml } from './html.ts';
import { resultsFile } from '../run/results-json.ts';

test('every string from a kernel, a case or an error is escaped', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const sweeps = [
    { kernel: evil, verdict: { status: 'fail' as const, reason: evil }, error: `</script>${evil}`, ms: 1 },
  ];
  const totals = { passed: 0, failed: 1, skipped: 0 };
  const html = renderReportHtml(resultsFile({ runId: evil, status: 'finished', date: evil, totals, sweeps }));
  expect(html).not.toContain(evil);
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
});
