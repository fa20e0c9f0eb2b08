/**
 * Sanitizers of the native backends: which tools there are, and what
 * re-running a case under one found. C++ runs AddressSanitizer with
 * UndefinedBehaviorSanitizer for `memcheck`; CUDA runs compute-sanitizer with
 * the tool of that name.
 */

/** The tools `--sanitize` takes; `memcheck` is the default (C++: ASan + UBSan). */
export const SANITIZER_TOOLS = ['memcheck', 'racecheck', 'initcheck', 'synccheck'] as const;

export type SanitizerTool = (typeof SANITIZER_TOOLS)[number];

/** What a sanitizer said of one case: its first error, that it found none, or why it could not run. */
export interface SanitizerFinding {
  readonly tool: string;
  readonly status: 'found' | 'clean' | 'unavailable';
  /** `found`: the first error in one line; `clean`: what ran; `unavailable`: what was searched and the fix. */
  readonly text: string;
}

/** A finding in one line: `sanitizer (memcheck): found: AddressSanitizer: heap-buffer-overflow WRITE of size 4 at …`. */
export function renderSanitizerFinding(f: SanitizerFinding): string {
  return `sanitizer (${f.tool}): ${f.status}: ${f.text}`;
}

/** What TWINPATH_SANITIZE asks: every native case under `sanitize`; a failure's shrunk case re-run under `failureSanitizer`. */
export interface SanitizerSetting {
  readonly sanitize?: SanitizerTool;
  readonly failureSanitizer?: SanitizerTool;
}

/**
 * TWINPATH_SANITIZE read (run settings check it once and refuse a bad value; a backend reads it here): a tool runs
 * every native case under it; `off` runs none, not even for a failure; unset re-runs a failure under memcheck.
 * A bad value gives `invalid`: `is memcheck, racecheck, initcheck, synccheck or off, not "asan". Fix: --sanitize memcheck`.
 */
export function sanitizerSetting(v: string | undefined): SanitizerSetting | { readonly invalid: string } {
  if (v === 'off') return {};
  if (!v) return { failureSanitizer: 'memcheck' };
  const tool = SANITIZER_TOOLS.find((t) => t === v);
  if (!tool)
    return {
      invalid: `is ${SANITIZER_TOOLS.join(', ')} or off, not ${JSON.stringify(v)}. Fix: --sanitize memcheck`,
    };
  return { sanitize: tool, failureSanitizer: tool };
}
