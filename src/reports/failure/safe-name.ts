/** File names derived from kernel names and cases, kept inside the report folder. */
import { createHash } from 'node:crypto';
import { resolve, sep } from 'node:path';

/**
 * `[a-z0-9_-]` only, at most 89 characters, never empty, and one folder per name on a case-insensitive file system: a
 * name already safe stays as it is (`out`); any other gets the first 8 hex digits of its SHA-1 appended, so `Out`
 * (`out-ac1ab5e4`) and `out`, or `a/b` and `a_b`, never share a folder: `../x` becomes `x-…`, `a/b` becomes `a_b-…`.
 */
export function safeName(name: string): string {
  const s =
    name
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '_')
      .replace(/^[_-]+/, '')
      .slice(0, 80) || 'unnamed';
  return s === name ? s : `${s}-${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
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
