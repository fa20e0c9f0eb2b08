/** Writes a run's report folder: results.json, index.html, junit.xml (pictures are already there, from the failure writer). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReportHtml, type FailureFile } from './html.ts';
import { renderJunit } from './junit.ts';
import { writeResultsJson, type ResultsFile } from './results-json.ts';
import { inside } from './safe-name.ts';

/** Writes the folder; returns the path of index.html. */
export function writeReport(dir: string, r: ResultsFile): string {
  mkdirSync(dir, { recursive: true });
  writeResultsJson(dir, r);
  const failures: Record<string, FailureFile> = {};
  for (const row of r.sweeps) {
    const json = row.sweep?.failure?.artifacts?.json;
    if (json && existsSync(inside(dir, json))) failures[row.kernel] = JSON.parse(readFileSync(inside(dir, json), 'utf8')) as FailureFile;
  }
  const index = join(dir, 'index.html');
  writeFileSync(index, renderReportHtml({ ...r, failures }));
  writeFileSync(join(dir, 'junit.xml'), renderJunit(r.sweeps, dir));
  return index;
}
