/**
 * A sweep file that failed to load (it, or a kernel module it imports,
 * threw on import, or a kernel failed defineKernel's checks): never a
 * silent pass. Its entry is a failing row named after the file, with the
 * error and the fix, written to the console, results.json, junit.xml and
 * the page like any failed sweep, and listed by `run --list` as broken.
 */
import { errorVerdict } from '../../core/gate/verdict.ts';
import type { SummaryRow } from './summary-table.ts';

/** The fix printed with every file that failed to load. */
export const BROKEN_FILE_FIX = 'Fix: the file must import without throwing; `npx vitest run <file>` shows the stack';

/** What went wrong while loading a file, one line per error: its message's first line. */
export function loadErrorText(errors: readonly { readonly message?: string }[]): string {
  return errors.map((e) => (e.message ?? 'unknown error').split('\n')[0]!.replace(/\.+$/, '')).join('; ');
}

/**
 * The failing row of a file that failed to load (`file` relative to the project root): its kernel is the
 * file's path, its verdict `fail` with the reason (`fix` in place of BROKEN_FILE_FIX where another fix applies)
 * `cases/bad.test.ts failed to load: defineKernel: name "../../etc" must match [a-z0-9_]+. Fix: the file must …`.
 */
export function brokenFileRow(
  file: string,
  errors: readonly { readonly message?: string }[],
  ms = 0,
  fix = BROKEN_FILE_FIX.replace('<file>', file),
): SummaryRow {
  const reason = `${file} failed to load: ${loadErrorText(errors)}. ${fix}`;
  return { kernel: file, file, verdict: errorVerdict(reason), error: reason, ms };
}
