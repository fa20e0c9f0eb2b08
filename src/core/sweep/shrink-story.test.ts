/**
 * A failure keeps its whole story: the first failing case, with its worst error, beside the shrunk one; where
 * shrinking lost most of the error, the failure text says so and names the path that replays the first case.
 */
import { expect, test } from 'vitest';
import { renderSweepFailure, sweep } from '../../index.ts';
import { schemaErrors } from '../../reports/fixtures/report-schemas.ts';
import { failureHtml } from '../../reports/page/failure-html.ts';
import { pageModel } from '../../reports/page/page-model.ts';
import { resultsFile } from '../../reports/run/results-json.ts';
import { sweepRow } from '../../reports/run/summary-table.ts';
import { rampDrift } from './fixtures/ramp-drift.ts';

test('shrinking a drift that grows with the row loses most of its error, and the failure says so', async () => {
  const r = await sweep(rampDrift, { runs: 50, seed: 7 });
  const f = r.failure!;
  expect(f.result.case).toBe('[2]');
  const u = f.unshrunk!;
  const width = (u.input as { width: number }).width;
  // The first failing case's worst element is its last: (width - 1) * 2^-20.
  expect(u).toEqual({
    input: { width },
    case: `[${width}]`,
    path: u.path,
    outcome: 'mismatch',
    worst: { error: (width - 1) * 2 ** -20, unit: 'abs', tolerance: 2 ** -21 },
  });
  const text = renderSweepFailure(r);
  expect(text).toContain(
    `first failing case: [${width}] (path ${u.path}): mismatch, worst ${((width - 1) * 2 ** -20).toExponential(1)} abs ` +
      '(tolerance 4.8e-7)',
  );
  expect(text).toContain(
    `shrinking lost most of the error: shrunk from ${((width - 1) * 2 ** -20).toExponential(1)} at [${width}] ` +
      `to 9.5e-7 at [2]; the first case shows the bug better (replay it: ${r.failure!.replay.replace(/'[^']*'$/, `'${u.path}'`)})`,
  );
  // results.json keeps it (and still keeps its schema); the failure's section on the page shows it.
  const totals = { passed: 0, failed: 1, skipped: 0 };
  const results = resultsFile({ runId: 'r', status: 'finished', date: 'd', totals, sweeps: [sweepRow(r)] });
  expect(schemaErrors('results', JSON.parse(JSON.stringify(results)))).toBeUndefined();
  const html = failureHtml(pageModel(results).failures[0]!);
  expect(html).toContain(`<dt>first failing case</dt><dd><span class="unshrunk">[${width}] (path ${u.path}): mismatch`);
  expect(html).toContain(`<dt>its input</dt><dd><code class="input-unshrunk">{&quot;width&quot;:${width}}</code></dd>`);
  expect(html).toContain(`<dt>shrinking</dt><dd><span class="lost">lost most of the error: shrunk from`);
});

test('a failure shrinking did not change keeps no second case', async () => {
  const first = (await sweep(rampDrift, { runs: 50, seed: 7 })).failure!.unshrunk!;
  // Replayed from its path, the first failing case runs alone and is not shrunk.
  const r = await sweep(rampDrift, { seed: 7, path: first.path });
  expect(r.failure!.result.case).toBe(first.case);
  expect(r.failure!.unshrunk).toBeUndefined();
  expect(renderSweepFailure(r)).not.toContain('first failing case');
});
