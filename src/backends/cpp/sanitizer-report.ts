/**
 * The first error of an AddressSanitizer or UndefinedBehaviorSanitizer report,
 * in one line: what happened, where in the kernel's source (the first stack
 * frame outside the sanitizer's own runtime), and in which function.
 */
import { isAbsolute, relative } from 'node:path';

/** A frame line: `    #0 0x7f2417c1c24e in overflow_kernel /work/p/kernels/heap-over.cpp:12:14`. */
const FRAME = /^\s*#\d+ 0x[0-9a-f]+ in (.+?) (\S+?:\d+(?::\d+)?)\s*$/;

/** A source location as the report shows it: relative to the working directory when under it. */
function shown(location: string): string {
  if (!isAbsolute(location)) return location;
  const r = relative(process.cwd(), location);
  return r.startsWith('..') ? location : r;
}

/** The first frame of `lines` (from `from`) in code of the kernel's, not of the sanitizer runtime. */
function kernelFrame(lines: readonly string[], from: number): { readonly fn: string; readonly at: string } | undefined {
  for (const line of lines.slice(from)) {
    const m = FRAME.exec(line);
    if (m && !/libsanitizer|sanitizer_common|\/asan\/|\/ubsan\//.test(m[2]!)) return { fn: m[1]!, at: shown(m[2]!) };
    if (/^\s*$/.test(line)) break;
  }
  return undefined;
}

/** AddressSanitizer's first error: `AddressSanitizer: heap-buffer-overflow WRITE of size 4 at k.cpp:5 (in fill)`. */
function asanError(lines: readonly string[]): string | undefined {
  const i = lines.findIndex((l) => /==\d+==ERROR: AddressSanitizer: /.test(l));
  if (i < 0) return undefined;
  const kind = lines[i]!.replace(/^.*AddressSanitizer: /, '').replace(
    / (on|at) (unknown )?(address )?0x[0-9a-f]+.*$/,
    '',
  );
  const access = /^(READ|WRITE) of size \d+/.exec(lines[i + 1] ?? '')?.[0];
  const cause = lines
    .slice(i + 1, i + 4)
    .map((l) => /^(?:==\d+==)?The signal is caused by a (\w+) memory access/.exec(l))
    .find((m) => m);
  const what = access ?? (cause ? `${cause[1]} access` : undefined);
  const frame = kernelFrame(lines, i + 1);
  return [`AddressSanitizer: ${kind}`, what, frame ? `at ${frame.at} (in ${frame.fn})` : undefined]
    .filter((p) => p !== undefined)
    .join(' ');
}

/** UBSan's first error: `UndefinedBehaviorSanitizer: signed integer overflow: … at k.cpp:7:56 (in scale)`. */
function ubsanError(lines: readonly string[]): string | undefined {
  const i = lines.findIndex((l) => / runtime error: /.test(l));
  if (i < 0) return undefined;
  const m = /^(.*?): runtime error: (.*)$/.exec(lines[i]!.trim())!;
  const frame = kernelFrame(lines, i + 1);
  return `UndefinedBehaviorSanitizer: ${m[2]} at ${shown(m[1]!)}${frame ? ` (in ${frame.fn})` : ''}`;
}

/**
 * The first error a sanitizer reported in `text` (its log and the process's standard error), or undefined when
 * there is none: `AddressSanitizer: heap-buffer-overflow WRITE of size 4 at heap-over.cpp:12 (in overflow_kernel)`,
 * `UndefinedBehaviorSanitizer: signed integer overflow: 5 + 2147483647 cannot be represented in type 'int' at k.cpp:7:56 (in ub)`.
 * Whichever comes first in the text is the first error.
 */
export function firstSanitizerError(text: string): string | undefined {
  const lines = text.split('\n');
  const asanAt = lines.findIndex((l) => /==\d+==ERROR: AddressSanitizer: /.test(l));
  const ubsanAt = lines.findIndex((l) => / runtime error: /.test(l));
  if (ubsanAt >= 0 && (asanAt < 0 || ubsanAt < asanAt)) return ubsanError(lines);
  return asanError(lines);
}
