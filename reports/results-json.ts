/**
 * results.json: every sweep's full result record, the adapter and the run's
 * settings, written to the report folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterInfo } from '../harness/index.ts';
import type { SummaryRow } from './summary-table.ts';

export interface ResultsFile {
  readonly date: string;
  readonly adapter?: AdapterInfo;
  readonly totals: { readonly passed: number; readonly failed: number; readonly skipped: number };
  readonly sweeps: readonly SummaryRow[];
}

/** Writes `<dir>/results.json` and returns its path. */
export function writeResultsJson(dir: string, results: ResultsFile): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'results.json');
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
