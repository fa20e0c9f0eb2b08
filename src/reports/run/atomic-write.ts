/** Files a reader may open at any moment (results.json, index.html, junit.xml, sweep records): whole or not at all. */
import { renameSync, writeFileSync } from 'node:fs';

let serial = 0;

/**
 * Writes `text` beside `path` under a name of this process, then renames it over `path`:
 * a reader sees the old file or the new one.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}-${serial++}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}
