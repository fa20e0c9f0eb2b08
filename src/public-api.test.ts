/**
 * The public API is what docs/api.md lists: per entry point, every name it
 * exports with its kind. An export that appears or disappears without the
 * page changing fails here, naming the name and the fix. Runtime names come
 * from importing the entry; type names from its export lists (entries and
 * the barrels they `export *` are lists of re-exports and declarations).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The package's entry points (package.json "exports") and their source modules. */
const ENTRIES: Readonly<Record<string, string>> = {
  twinpath: 'src/index.ts',
  'twinpath/oracle': 'src/oracle.ts',
  'twinpath/config': 'src/config.ts',
  'twinpath/vitest': 'src/vitest.ts',
};

/** A documented name: `| \`name\` | kind | what it is |` under `## \`entry\``. */
type Documented = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** The names docs/api.md lists, per entry point, with their kinds. */
function documentedNames(markdown: string): Documented {
  const entries = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) current = undefined;
    const [, entry] = /^## `([^`]+)`/.exec(line) ?? [];
    if (entry) entries.set(entry, (current = new Map()));
    const [, name, kind] = /^\|\s*`([^`]+)`\s*\|\s*(\w+)\s*\|/.exec(line) ?? [];
    if (name && kind && current) current.set(name, kind);
  }
  return entries;
}

/** `function`, `class` or `const`: what a runtime export is. */
function runtimeKind(value: unknown): string {
  if (typeof value !== 'function') return 'const';
  return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
}

/** The type-only names a module exports: `type` items of its export lists, type declarations, `export *` followed. */
function typeExports(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const names = new Set<string>();
  for (const [, typeList, list = ''] of text.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const item of list.split(',').map((s) => s.trim())) {
      if (!item || !(typeList || item.startsWith('type '))) continue;
      const [local = '', exported = local] = item.replace(/^type\s+/, '').split(/\s+as\s+/);
      names.add(exported);
    }
  }
  for (const [, name = ''] of text.matchAll(/^export\s+(?:declare\s+)?(?:interface|type)\s+(\w+)/gm)) names.add(name);
  for (const [, from = ''] of text.matchAll(/export\s*\*\s*from\s*'([^']+)'/g)) {
    for (const n of typeExports(resolve(dirname(file), from))) names.add(n);
  }
  return names;
}

/** Every name an entry exports, with its kind (`type` for a type-only export). */
async function exportedNames(file: string): Promise<Map<string, string>> {
  const mod = (await import(file)) as Record<string, unknown>;
  const names = new Map(Object.entries(mod).map(([name, value]) => [name, runtimeKind(value)]));
  for (const name of typeExports(file)) if (!names.has(name)) names.set(name, 'type');
  return names;
}

/**
 * Where the exports and the page disagree, a line each:
 * `twinpath exports \`foo\` (function) but docs/api.md does not list it: add \`| \`foo\` | function | <what it is> |\`
 * under ## \`twinpath\`, or stop exporting it`.
 */
function apiDifferences(
  entry: string,
  exported: ReadonlyMap<string, string>,
  documented: ReadonlyMap<string, string> | undefined,
  page = 'docs/api.md',
): string[] {
  if (!documented) return [`${page} has no section "## \`${entry}\`": add one listing the entry's exports`];
  const lines: string[] = [];
  for (const [name, kind] of exported) {
    const listed = documented.get(name);
    if (listed === undefined) {
      lines.push(
        `${entry} exports \`${name}\` (${kind}) but ${page} does not list it: add ` +
          `\`| \`${name}\` | ${kind} | <what it is> |\` under ## \`${entry}\`, or stop exporting it`,
      );
    } else if (listed !== kind) {
      lines.push(`${page} lists \`${name}\` of ${entry} as ${listed}, but it is a ${kind}: correct its row`);
    }
  }
  for (const [name, kind] of documented) {
    if (!exported.has(name)) {
      lines.push(
        `${page} lists \`${name}\` (${kind}) under ## \`${entry}\` but ${entry} does not export it: ` +
          `remove the row, or restore the export`,
      );
    }
  }
  return lines;
}

test.each(Object.entries(ENTRIES))('%s exports exactly what docs/api.md lists', async (entry, file) => {
  const documented = documentedNames(readFileSync(`${root}docs/api.md`, 'utf8'));
  const exported = await exportedNames(`${root}${file}`);
  expect(apiDifferences(entry, exported, documented.get(entry))).toEqual([]);
});

test('docs/api.md documents no entry point the package does not have', () => {
  const documented = documentedNames(readFileSync(`${root}docs/api.md`, 'utf8'));
  expect([...documented.keys()].filter((e) => !(e in ENTRIES))).toEqual([]);
});

test('a planted extra export, a planted stale row and a wrong kind are each named with the fix', async () => {
  const fixtures = `${root}src/fixtures/public-api/`;
  const documented = documentedNames(readFileSync(`${fixtures}api.md`, 'utf8'));
  const exported = await exportedNames(`${fixtures}entry.ts`);
  expect(apiDifferences('planted', exported, documented.get('planted'), 'api.md')).toEqual([
    'api.md lists `Documented` of planted as type, but it is a class: correct its row',
    'planted exports `plantedExtra` (function) but api.md does not list it: add ' +
      '`| `plantedExtra` | function | <what it is> |` under ## `planted`, or stop exporting it',
    'planted exports `PlantedType` (type) but api.md does not list it: add ' +
      '`| `PlantedType` | type | <what it is> |` under ## `planted`, or stop exporting it',
    'api.md lists `plantedMissing` (function) under ## `planted` but planted does not export it: ' +
      'remove the row, or restore the export',
  ]);
  expect(apiDifferences('absent', exported, documented.get('absent'), 'api.md')).toEqual([
    'api.md has no section "## `absent`": add one listing the entry\'s exports',
  ]);
});
