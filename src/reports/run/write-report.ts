/**
 * Writes a run's report folder: results.json, index.html, junit.xml, each
 * whole (write and rename), so a reader never sees half a file (the
 * failures' pictures and data are already there, from the failure writer).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { renderReportHtml } from '../page/html.ts';
import { renderJunit } from './junit.ts';
import { writeResultsJson, type ResultsFile } from './results-json.ts';

/** Per-sweep records, one file each, written as each sweep finishes. */
export const SWEEPS_DIR = 'sweeps';

/**
 * What a run writes into its folder: removed when a new run starts there,
 * so nothing of an earlier run looks current.
 */
export const RUN_FILES = ['results.json', 'index.html', 'junit.xml', SWEEPS_DIR, 'failures'] as const;

/** Removes an earlier run's files from `dir` (other folders inside it, e.g. other runs' report folders, stay). */
export function clearEarlierRun(dir: string): void {
  for (const f of RUN_FILES) rmSync(join(dir, f), { recursive: true, force: true });
}

/** Writes the folder; returns the path of index.html. */
export function writeReport(dir: string, r: ResultsFile): string {
  mkdirSync(dir, { recursive: true });
  writeResultsJson(dir, r);
  const index = join(dir, 'index.html');
  writeFileAtomic(index, renderReportHtml(r));
  writeFileAtomic(join(dir, 'junit.xml'), renderJunit(r, dir));
  return index;
}
