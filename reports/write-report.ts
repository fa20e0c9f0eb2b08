/** Writes a run's report folder: results.json, index.html, junit.xml (pictures are already there, from the failure writer). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterInfo } from '../harness/index.ts';
import { renderReportHtml, type FailureFile } from './html.ts';
import { renderJunit } from './junit.ts';
import { writeResultsJson } from './results-json.ts';
import { inside } from './safe-name.ts';
import type { SummaryRow } from './summary-table.ts';

export interface RunReport {
  readonly date: string;
  readonly adapter?: AdapterInfo;
  readonly totals: { readonly passed: number; readonly failed: number; readonly skipped: number };
  readonly rows: readonly SummaryRow[];
}

/** Writes the folder; returns the path of index.html. */
export function writeReport(dir: string, r: RunReport): string {
  mkdirSync(dir, { recursive: true });
  writeResultsJson(dir, { date: r.date, ...(r.adapter ? { adapter: r.adapter } : {}), totals: r.totals, sweeps: r.rows });
  const failures: Record<string, FailureFile> = {};
  for (const row of r.rows) {
    const json = row.sweep?.failure?.artifacts?.json;
    if (json && existsSync(inside(dir, json))) failures[row.kernel] = JSON.parse(readFileSync(inside(dir, json), 'utf8')) as FailureFile;
  }
  const index = join(dir, 'index.html');
  writeFileSync(index, renderReportHtml({ ...r, failures }));
  writeFileSync(join(dir, 'junit.xml'), renderJunit(r.rows, dir));
  return index;
}
