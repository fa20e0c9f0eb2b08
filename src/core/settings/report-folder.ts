/**
 * The report folder's file-system faults: a full disk, a read-only file
 * system, no permission. Found up front by a probe write when the run takes
 * the folder (a refusal before any case, exit 2), and named the same way
 * when a write fails mid-run (the report is then incomplete, exit 3).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './input-error.ts';

/** The exit status of a run whose report folder could not be written mid-run: the report lacks what came after. */
export const REPORT_INCOMPLETE_EXIT = 3;

/** How much the probe writes: more than a report's own files take, so a nearly full disk is found up front. */
export const PROBE_BYTES = 1024 * 1024;

const FAULTS: Readonly<Record<string, { readonly what: string; readonly fix: string }>> = {
  ENOSPC: { what: 'its disk is full', fix: 'free space there, or give the run another --report DIR' },
  EDQUOT: { what: 'its disk quota is used up', fix: 'free space there, or give the run another --report DIR' },
  EROFS: { what: 'it is on a read-only file system', fix: 'give the run a writable --report DIR' },
  EACCES: { what: 'this user may not write there', fix: 'make it writable, or give the run another --report DIR' },
  EPERM: { what: 'this user may not write there', fix: 'make it writable, or give the run another --report DIR' },
};

/**
 * The message for a write into the report folder `dir` that failed with `e`, when `e` is a file-system fault
 * of the folder: `twinpath: the report folder twinpath-report cannot be written: its disk is full (ENOSPC).
 * Fix: free space there, or give the run another --report DIR`. Undefined for any other error.
 */
export function folderFault(dir: string, e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const f = code ? FAULTS[code] : undefined;
  return f && `twinpath: the report folder ${dir} cannot be written: ${f.what} (${code}). Fix: ${f.fix}`;
}

/**
 * Writes and removes PROBE_BYTES in `dir` (which exists). Throws an InputError with folderFault's message when
 * the folder cannot take them; rethrows any other error. Leaves no file behind.
 */
export function probeReportFolder(dir: string): void {
  const probe = join(dir, `.twinpath-probe.${process.pid}.tmp`);
  try {
    writeFileSync(probe, Buffer.alloc(PROBE_BYTES));
  } catch (e) {
    const fault = folderFault(dir, e);
    throw fault ? new InputError(fault) : e;
  } finally {
    rmSync(probe, { force: true });
  }
}
