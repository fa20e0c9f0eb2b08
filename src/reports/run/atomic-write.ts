/** Files a reader may open at any moment (results.json, index.html, junit.xml, sweep records): whole or not at all. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

let serial = 0;

/**
 * Writes `text` beside `path` under a name of this process, then renames it over `path`:
 * a reader sees the old file or the new one. A write that fails (a full disk) removes its temporary file and
 * rethrows, the old file left as it was.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}-${serial++}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
