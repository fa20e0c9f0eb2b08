/**
 * The run's failed tests, a line each, said just before its `N passed, N failed` line: a CI log that keeps only
 * its tail still names what failed (vitest's own failure section may be far above it).
 */
import { relative } from 'node:path';
import type { TestModule } from 'vitest/node';
import { terminalSafe } from '../../core/settings/terminal-text.ts';

/** At most this many tests are named; the rest are counted on one line. */
const NAMED_AT_MOST = 20;
/** A failure's first line, cut to keep each recap line readable in a log. */
const MESSAGE_CHARS = 160;

const firstLine = (message: string | undefined) => {
  const line = (message ?? '').split('\n')[0]!.trim();
  return line.length > MESSAGE_CHARS ? `${line.slice(0, MESSAGE_CHARS - 1)}…` : line;
};

/**
 * Lines naming each failed test and each file that failed to load, e.g.
 * `twinpath ✗ src/core/judge/judge-pool.test.ts > a slow kernel …: expected 0 to be greater than 0`, then
 * `twinpath ✗ … and 3 more failed tests` past twenty.
 */
export function failedTestLines(modules: ReadonlyArray<TestModule>, root: string): string[] {
  const lines: string[] = [];
  for (const m of modules) {
    const file = relative(root, m.moduleId);
    for (const e of m.errors()) lines.push(`${file}: ${firstLine(e.message)}`);
    for (const t of m.children.allTests()) {
      const result = t.result();
      if (result.state === 'failed') lines.push(`${file} > ${t.fullName}: ${firstLine(result.errors?.[0]?.message)}`);
    }
  }
  const named = lines.slice(0, NAMED_AT_MOST).map((l) => `twinpath ✗ ${terminalSafe(l)}`);
  if (lines.length > NAMED_AT_MOST) named.push(`twinpath ✗ … and ${lines.length - NAMED_AT_MOST} more failed tests`);
  return named;
}
