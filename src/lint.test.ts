import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

interface Diagnostic {
  readonly code: string;
  readonly filename: string;
  readonly labels: readonly { readonly span: { readonly line: number } }[];
}

/** What oxlint, with the repository's .oxlintrc.json, finds in `folder` (exit status 1 means findings, not failure). */
function lint(folder: string): string[] {
  let out: string;
  try {
    out = execFileSync(join(ROOT, 'node_modules/.bin/oxlint'), ['-f', 'json', folder], { cwd: ROOT, encoding: 'utf8' });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  const { diagnostics } = JSON.parse(out) as { diagnostics: Diagnostic[] };
  return diagnostics.map((d) => `${d.filename}:${d.labels[0]?.span.line}: ${d.code}`).sort();
}

test('the lint (.oxlintrc.json) catches planted findings: sizes, loose equality, an unread variable', () => {
  expect(lint('src/fixtures/lint')).toEqual([
    'src/fixtures/lint/planted.js:4: eslint(no-unused-vars)',
    'src/fixtures/lint/planted.js:5: eslint(eqeqeq)',
    'src/fixtures/lint/too-long.js:2: eslint(max-lines-per-function)',
    'src/fixtures/lint/too-long.js:405: eslint(max-lines)',
  ]);
});
