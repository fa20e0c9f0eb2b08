/**
 * Where twinpath itself is installed: the folder of its package.json, found
 * by walking up from this module, so the answer is the same from the
 * TypeScript sources and from dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The twinpath package's root folder. Throws if this module is not inside the package (a broken install). */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'twinpath')
      return (root = dir);
  }
  throw new Error(`twinpath: no twinpath package.json above ${fileURLToPath(import.meta.url)}; reinstall twinpath`);
}

/** twinpath's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
