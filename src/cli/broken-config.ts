/**
 * A twinpath.config.ts that fails to load (it throws, or its settings are
 * refused) fails the run as an entry of its own, like a sweep file that
 * fails to load: named after the file, with the error and the fix, in the
 * report folder the run would have used (TWINPATH_REPORT / --report, else
 * the default), so CI reads a failing report rather than none.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../core/settings/project-config.ts';
import { brokenFileRow } from '../reports/run/broken-file.ts';
import { RunReport } from '../reports/run/run-report.ts';
import { verdictText } from '../core/gate/verdict.ts';
import { CONFIG_FILES, projectRoot } from '../vitest/load-config.ts';

/** The fix printed with a config file that fails to load. */
const CONFIG_FIX = 'Fix: correct the config file (docs/config.md lists its fields)';

/**
 * Writes the report of a run whose config file failed to load with `e` and prints its entry:
 * `twinpath ✗ twinpath.config.ts: fail: twinpath.config.ts failed to load: twinpath: cannot load …: boom. Fix: …`.
 * Returns 1, the run's exit status.
 */
export function reportBrokenConfig(e: unknown): number {
  const root = projectRoot();
  const file = relative(root, CONFIG_FILES.map((f) => join(root, f)).find((f) => existsSync(f)) ?? CONFIG_FILES[0]!);
  const dir = resolve(root, process.env.TWINPATH_REPORT || DEFAULT_CONFIG.report);
  const error = { message: e instanceof Error ? e.message : String(e) };
  const row = brokenFileRow(file, [error], 0, CONFIG_FIX);
  const report = new RunReport(dir);
  report.start();
  report.addSweep(row, { passed: 0, failed: 1, skipped: 0 });
  const index = report.finish({ passed: 0, failed: 1, skipped: 0 });
  process.stderr.write(`twinpath ✗ ${file}: ${verdictText(row.verdict)}\n`);
  process.stdout.write(`results: ${dir}/results.json, ${dir}/junit.xml; report: ${index}\n`);
  return 1;
}
