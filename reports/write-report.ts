/**
 * Writes a run's report folder: results.json, index.html, junit.xml (the
 * failures' pictures and data are already there, from the failure writer).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReportHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { writeResultsJson, type ResultsFile } from './results-json.ts';

/** Writes the folder; returns the path of index.html. */
export function writeReport(dir: string, r: ResultsFile): string {
  mkdirSync(dir, { recursive: true });
  writeResultsJson(dir, r);
  const index = join(dir, 'index.html');
  writeFileSync(index, renderReportHtml(r));
  writeFileSync(join(dir, 'junit.xml'), renderJunit(r.sweeps, dir));
  return index;
}
