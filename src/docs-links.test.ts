/**
 * Links that hold: every markdown link and every backticked path in
 * README.md and docs/*.md must reach something a reader can open.
 *
 * - A relative link must name a file or folder that exists and ships in the
 *   package (package.json "files", and package.json itself), since README.md
 *   and docs/ are read from an installed package too.
 * - A link to `https://github.com/twinpath/twinpath/blob/main/<path>` (or
 *   `/tree/main/`) must name a path of the repository.
 * - A backticked path (`docs/facts.md`, `src/cli/run.ts`, `harness/old.ts`) is a
 *   cited path: it must exist and ship in the
 *   package, or be the text of a link that reaches it in the repository.
 *   A pattern (`kernels/<k>/kernel.ts`, `sweeps/NNN-*.json`) is not a path.
 * - An anchor (`#section`) must be the slug of a heading of its target.
 *
 * Fenced code blocks are code, not prose: nothing in them is checked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[]; homepage: string };
/** The repository on GitHub, from package.json's homepage (`https://github.com/twinpath/twinpath#readme`). */
const REPOSITORY = `${pkg.homepage.replace(/#readme$/, '')}/`;
/** A link to a file or folder of the repository on GitHub: its branch and path. */
const REPOSITORY_FILE = new RegExp(
  `^${REPOSITORY.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:blob|tree)/([^/]+)/([^#?]+)`,
);
const FIXTURES = join(import.meta.dirname, 'fixtures', 'docs-links');

/** The repository's files (tracked, and new ones not ignored), relative to the root. */
const repoFiles: ReadonlySet<string> = new Set(
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean),
);
const repoFolders: ReadonlySet<string> = new Set(
  [...repoFiles].flatMap((f) =>
    f
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);
const topFolders = new Set([...repoFolders].filter((f) => !f.includes('/')));

const packageFiles: readonly string[] = [...pkg.files, 'package.json'];

const inRepository = (path: string) => repoFiles.has(path) || repoFolders.has(path.replace(/\/$/, ''));
const inPackage = (path: string) =>
  packageFiles.some((f) => path === f || path.replace(/\/$/, '') === f || path.startsWith(`${f}/`));

/** Where a path of the repository is read on GitHub: `…/blob/main/src/cli/run.ts`, `…/blob/main/cases/planted`. */
const repositoryLink = (path: string) =>
  `${REPOSITORY}${repoFolders.has(path.replace(/\/$/, '')) ? 'tree' : 'blob'}/main/${path.replace(/\/$/, '')}`;

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown file's headings (outside code blocks), repeated ones numbered as GitHub does. */
function anchors(file: string): ReadonlySet<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const { text } of proseLines(readFileSync(file, 'utf8'))) {
    const m = /^#{1,6}\s+(.*)$/.exec(text);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** The lines of a markdown text outside fenced code blocks, with their 1-based numbers. */
function proseLines(md: string): { line: number; text: string }[] {
  let fence: string | undefined;
  const out: { line: number; text: string }[] = [];
  md.split('\n').forEach((text, i) => {
    const f = /^\s*(```|~~~)/.exec(text);
    if (f) fence = fence === undefined ? f[1] : fence === f[1] ? undefined : fence;
    else if (fence === undefined) out.push({ line: i + 1, text });
  });
  return out;
}

/**
 * Why `target#anchor`, cited from the markdown file `from`, does not hold, or undefined when it does:
 * `docs/missing.md does not exist`, `src/cli/run.ts is not in the package (package.json "files")`,
 * `no heading "#nowhere" in docs/facts.md`.
 */
function problemWith(from: string, target: string, relativeTo: 'file' | 'root'): string | undefined {
  const [pathPart = '', anchor] = target.split('#');
  let path: string;
  const inRepo = REPOSITORY_FILE.exec(target);
  if (inRepo) {
    if (inRepo[1] !== 'main')
      return `${target} reads branch ${inRepo[1]}; link the main branch (${REPOSITORY}blob/main/…)`;
    path = decodeURIComponent(inRepo[2]!);
    if (!inRepository(path)) return `${path} is not in the repository`;
  } else {
    const base = relativeTo === 'file' ? dirname(from) : ROOT;
    const samePage = !pathPart;
    path = relative(ROOT, samePage ? from : resolve(base, decodeURIComponent(pathPart)))
      .split('\\')
      .join('/');
    if (!existsSync(join(ROOT, path))) return `${path} does not exist`;
    if (!samePage && !inPackage(path))
      return `${path} is not in the package (package.json "files"); link it as ${repositoryLink(path)}`;
  }
  if (anchor === undefined) return undefined;
  const file = join(ROOT, path);
  if (!path.endsWith('.md') || statSync(file).isDirectory())
    return `#${anchor} names a section, but ${path} is not a markdown file`;
  return anchors(file).has(anchor) ? undefined : `no heading "#${anchor}" in ${path}`;
}

const LINK = /!?\[((?:[^\]`]|`[^`]*`)*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const CODE = /`([^`\s]+)`/g;
const PATTERN = /[<>*{}…]|NNN|\bX\.Y\b/;

const ignored = new Map<string, boolean>();
/** Whether git ignores a top-level folder: what runs and builds make there (`twinpath-report/`, `dist/`) is not cited. */
function ignoredFolder(folder: string): boolean {
  let known = ignored.get(folder);
  if (known === undefined) {
    // git check-ignore exits 0 for an ignored path, 1 for one it keeps.
    try {
      execFileSync('git', ['check-ignore', '-q', `${folder}/`], { cwd: ROOT });
      known = true;
    } catch {
      known = false;
    }
    ignored.set(folder, known);
  }
  return known;
}

/**
 * A backticked token that names a path of the repository: it has a slash and either starts at one of the
 * repository's folders or names a file or folder (`harness/judge.ts`, `reports/run/`). A pattern, an absolute path, a
 * URL or a path under a folder git ignores is not one.
 */
function citedPath(token: string): string | undefined {
  const path = token.replace(/^\.\//, '').replace(/[.,;:]$/, '');
  const [first = '', ...rest] = path.split('/');
  if (!rest.length || !first || PATTERN.test(path) || /^[a-z]+:/i.test(path) || first.startsWith('~')) return undefined;
  // One folder alone (`lib/`) is usually named relative to the text around it: not a cited path.
  const named =
    topFolders.has(first) || (rest.length > 1 && path.endsWith('/')) || /\.[a-z]+(#[\w-]+)?$/i.test(rest.at(-1)!);
  return named && !ignoredFolder(first) ? path : undefined;
}

/**
 * Every broken link and cited path of one markdown file, as `file:line: target: why`:
 * `README.md:12: docs/missing.md: docs/missing.md does not exist`.
 */
function brokenLinks(file: string): string[] {
  const name = relative(ROOT, file).split('\\').join('/');
  const out: string[] = [];
  for (const { line, text } of proseLines(readFileSync(file, 'utf8'))) {
    for (const m of text.matchAll(LINK)) {
      const target = m[2]!;
      if (/^[a-z]+:/i.test(target) && !REPOSITORY_FILE.test(target)) continue; // outside: not ours to check
      const why = problemWith(file, target, 'file');
      if (why) out.push(`${name}:${line}: ${target}: ${why}`);
    }
    for (const m of text.replace(LINK, '').matchAll(CODE)) {
      const path = citedPath(m[1]!);
      const why = path && problemWith(file, path, 'root');
      if (why) out.push(`${name}:${line}: ${path}: ${why}`);
    }
  }
  return out;
}

const docs = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(ROOT, 'docs', f)),
];

describe('every link and cited path of the docs holds', () => {
  test.each(docs.map((f) => [relative(ROOT, f).split('\\').join('/'), f]))('%s', (_, file) => {
    expect(brokenLinks(file)).toEqual([]);
  });
});

describe('the check catches what breaks a link', () => {
  test('a planted page: every broken link, anchor and cited path named with its file and line', () => {
    expect(brokenLinks(join(FIXTURES, 'broken.md'))).toEqual([
      'src/fixtures/docs-links/broken.md:5: ../../../docs/missing.md: docs/missing.md does not exist',
      'src/fixtures/docs-links/broken.md:7: ../../../docs/facts.md#nowhere: no heading "#nowhere" in docs/facts.md',
      'src/fixtures/docs-links/broken.md:9: #no-such-section: no heading "#no-such-section" in src/fixtures/docs-links/broken.md',
      `src/fixtures/docs-links/broken.md:11: ../../cli/run.ts: src/cli/run.ts is not in the package (package.json "files"); link it as ${REPOSITORY}blob/main/src/cli/run.ts`,
      `src/fixtures/docs-links/broken.md:13: ${REPOSITORY}blob/main/src/cli/gone.ts: src/cli/gone.ts is not in the repository`,
      'src/fixtures/docs-links/broken.md:15: docs/gone.md: docs/gone.md does not exist',
      `src/fixtures/docs-links/broken.md:17: src/cli/usage.ts: src/cli/usage.ts is not in the package (package.json "files"); link it as ${REPOSITORY}blob/main/src/cli/usage.ts`,
      'src/fixtures/docs-links/broken.md:19: docs/facts.md#gone: no heading "#gone" in docs/facts.md',
      'src/fixtures/docs-links/broken.md:21: harness/judge.ts: harness/judge.ts does not exist',
      `src/fixtures/docs-links/broken.md:23: ${REPOSITORY}blob/v0/src/cli/run.ts: ${REPOSITORY}blob/v0/src/cli/run.ts reads branch v0; link the main branch (${REPOSITORY}blob/main/…)`,
    ]);
  });

  test('a page whose links all hold passes: package files, repository links, anchors, patterns, code blocks', () => {
    expect(brokenLinks(join(FIXTURES, 'holding.md'))).toEqual([]);
  });
});
