/**
 * Files a module reaches by URL rather than by import statement:
 * `new URL('./x', import.meta.url)`, `import.meta.resolve('./x')`,
 * `tsImport('./x', …)` and `load(import.meta.url, './x.wgsl')`. An import
 * checker sees none of them, so this finds them and holds them to the same
 * path rules (.dependency-cruiser.cjs) as import statements.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/** A path condition of a rule, as dependency-cruiser writes it. */
export interface PathCondition {
  readonly path?: string;
  readonly pathNot?: string;
  readonly circular?: boolean;
  readonly reachable?: boolean;
  readonly couldNotResolve?: boolean;
}

/** A forbidden rule of .dependency-cruiser.cjs. */
export interface ImportRule {
  readonly name: string;
  readonly comment?: string;
  readonly from: PathCondition;
  readonly to: PathCondition;
}

/** One file reached by URL: where the reference is written and the repository path it names (none: no file). */
export interface UrlReference {
  readonly from: string;
  readonly line: number;
  readonly written: string;
  readonly to: string | undefined;
}

/** A URL reference that breaks a rule. */
export interface UrlViolation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
  readonly line: number;
  readonly fix: string;
}

const QUOTED = String.raw`(['"\x60])((?:(?!\1)[^\n])*)\1`;
const REFERENCES = [
  new RegExp(String.raw`new URL\(\s*${QUOTED}\s*,\s*import\.meta\.url\s*\)`, 'g'),
  new RegExp(String.raw`import\.meta\.resolve\(\s*${QUOTED}\s*\)`, 'g'),
  new RegExp(String.raw`\btsImport\(\s*${QUOTED}`, 'g'),
  new RegExp(String.raw`\b\w+\(\s*import\.meta\.url\s*,\s*${QUOTED}`, 'g'),
];

/** Whether the line holding `index` is a comment line (`//`, `/*`, or ` * ` of a doc comment): examples there are no references. */
function onCommentLine(text: string, index: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', index) + 1, index);
  return /^\s*(\/\/|\/\*|\*)/.test(line);
}

/** Whether a file `name` matches `glob`, whose `*` stands for any run of characters. */
function globMatches(glob: string, name: string): boolean {
  const escaped = glob.replace(/[.+?^()|[\]\\{}$]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`).test(name);
}

/**
 * The repository paths a written reference names (a folder ends in `/`): a
 * template's `${…}` matches any name, and `x.js` with no such file is the
 * source `x.ts` it is built from.
 */
function targets(root: string, from: string, written: string): string[] {
  const absolute = join(root, dirname(from), written.replace(/\$\{[^}]*\}/g, '*'));
  const folder = dirname(absolute);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  const glob = basename(absolute);
  const entries = readdirSync(folder);
  let names = entries.filter((name) => globMatches(glob, name));
  if (!names.length && glob.endsWith('.js')) names = entries.filter((name) => name === glob.replace(/\.js$/, '.ts'));
  return names.map((name) => {
    const path = relative(root, join(folder, name)).split(sep).join('/') || '.';
    return statSync(join(folder, name)).isDirectory() ? `${path}/` : path;
  });
}

/** Every URL reference written in `file` (a path relative to `root`), comment lines left out. */
export function urlReferences(root: string, file: string): UrlReference[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: UrlReference[] = [];
  for (const reference of REFERENCES) {
    for (const match of text.matchAll(reference)) {
      const written = match[2]!;
      if (!written.startsWith('.') || onCommentLine(text, match.index)) continue;
      const line = text.slice(0, match.index).split('\n').length;
      const files = targets(root, file, written);
      if (!files.length) found.push({ from: file, line, written, to: undefined });
      for (const to of files) found.push({ from: file, line, written, to });
    }
  }
  return found;
}

/** Whether `path` meets a rule's path condition; `$1`… in `to` stand for the groups `from` matched. */
function meets(condition: PathCondition, path: string, groups: readonly string[] = []): boolean {
  const fill = (pattern: string) => pattern.replace(/\$(\d)/g, (_, index: string) => groups[Number(index)] ?? '');
  if (condition.path !== undefined && !new RegExp(fill(condition.path)).test(path)) return false;
  return condition.pathNot === undefined || !new RegExp(fill(condition.pathNot)).test(path);
}

/**
 * The rules `reference` breaks. Cycle and reachability rules hold for the
 * import graph only; a reference naming no file breaks the rule on
 * unresolvable imports, e.g.
 * `src/wgsl/x.ts:3 → ../backends/gone.ts: relative-imports-resolve`.
 */
export function urlViolations(reference: UrlReference, rules: readonly ImportRule[]): UrlViolation[] {
  return rules.flatMap((rule) => {
    if (rule.to.circular || rule.to.reachable || !meets(rule.from, reference.from)) return [];
    const groups = rule.from.path ? (new RegExp(rule.from.path).exec(reference.from) ?? []) : [];
    const broken = rule.to.couldNotResolve
      ? reference.to === undefined && meets(rule.to, reference.written)
      : reference.to !== undefined && meets(rule.to, reference.to, groups);
    if (!broken) return [];
    const to = reference.to ?? reference.written;
    return [{ rule: rule.name, from: reference.from, to, line: reference.line, fix: rule.comment ?? '' }];
  });
}
