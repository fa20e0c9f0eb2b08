/** File names derived from kernel names and cases, kept inside the report folder. */
import { resolve, sep } from 'node:path';

/** `[a-z0-9_-]` only, at most 80 characters, never empty: `../x` becomes `x`, `a/b` becomes `a_b`. */
export function safeName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^[_-]+/, '')
    .slice(0, 80);
  return s || 'unnamed';
}

/**
 * `dir/relative`, refusing any path that would leave `dir`:
 * `report: refusing to write "../../etc/x" outside twinpath-report`.
 */
export function inside(dir: string, relative: string): string {
  const root = resolve(dir);
  const full = resolve(root, relative);
  if (full !== root && !full.startsWith(root + sep))
    throw new Error(`report: refusing to write ${JSON.stringify(relative)} outside ${dir}`);
  return full;
}
