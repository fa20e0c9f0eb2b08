/**
 * The first error of a compute-sanitizer report (memcheck, racecheck,
 * initcheck, synccheck), in one line: what happened, where in the kernel's
 * source (with -lineinfo), in which kernel instance, by which thread of which
 * block. Both ways the tool has printed a frame are read:
 * `at tile_kernel<16>(float *)+0x1a0 in tile.cu:42` and the older
 * `at 0x000001a0 in /src/tile.cu:42:tile_kernel<16>(float *)`.
 */
import { basename } from 'node:path';

const PREFIX = /^========= ?/;

/** A report line without the tool's prefix; undefined for a line that is not the tool's. */
const body = (line: string): string | undefined => (PREFIX.test(line) ? line.replace(PREFIX, '') : undefined);

/** Where a frame line points: the kernel instance and its file:line, when the kernel has line info. */
function frameOf(text: string): { readonly fn: string; readonly at?: string } | undefined {
  const current = /^at (.+?)\+0x[0-9a-f]+(?: in (\S+:\d+))?/.exec(text);
  if (current) return { fn: current[1]!, ...(current[2] ? { at: current[2] } : {}) };
  const older = /^at 0x[0-9a-f]+ in (\S+?:\d+):(.+)$/.exec(text);
  if (older) return { fn: older[2]!, at: older[1]! };
  return undefined;
}

/** A file:line as the report shows it: the file's name, its line. */
const shown = (at: string) => {
  const m = /^(.*):(\d+)$/.exec(at)!;
  return `${basename(m[1]!)}:${m[2]}`;
};

/**
 * Headlines that are no error of the kernel's: the tool's banner and summaries, the exit status of the process it
 * watched (a failing case exits 1), an API call that failed (twinpath reports those itself), and the harness's own
 * host copies (initcheck: reading back a whole buffer, bytes the kernel need not write included).
 */
const NOT_THE_KERNELS =
  /^(COMPUTE-SANITIZER|ERROR SUMMARY|LEAK SUMMARY|RACECHECK SUMMARY|Target application returned|Program hit|Host API memory access error)/;

/** The first error block: its headline and the lines that follow it, up to the blank `=========` line. */
function firstBlock(lines: readonly string[]): readonly string[] | undefined {
  const bodies = lines.map(body);
  const start = bodies.findIndex((b) => b !== undefined && /^\S/.test(b) && !NOT_THE_KERNELS.test(b));
  if (start < 0) return undefined;
  const end = bodies.findIndex((b, i) => i > start && (b === undefined || b.trim() === '' || /^\S/.test(b)));
  return bodies.slice(start, end < 0 ? undefined : end).map((b) => b!.trim());
}

/**
 * The first error compute-sanitizer reported in `output`, or undefined when it reported none:
 * `Invalid __shared__ write of size 4 bytes at tile.cu:4 (in void tile_kernel<64>(float *)) by thread (63,0,0) in block (0,0,0)`,
 * `Race reported between Write access at race.cu:10 (in race(int *)) and Read access at race.cu:11 (in race(int *))`.
 */
export function firstComputeSanitizerError(output: string): string | undefined {
  const block = firstBlock(output.split('\n'));
  if (!block) return undefined;
  const [headline, ...rest] = block;
  const race = /^Error: Race reported between (\w+) access (at .+)$/.exec(headline!);
  if (race) {
    const other = rest.map((l) => /^and (\w+) access (at .+?)(?: \[\d+ hazards?\])?$/.exec(l)).find((m) => m);
    const where = (text: string) => {
      const f = frameOf(text);
      return f ? `${f.at ? `at ${shown(f.at)} ` : ''}(in ${f.fn})` : text;
    };
    const second = other ? ` and ${other[1]} access ${where(other[2]!)}` : '';
    return `Race reported between ${race[1]} access ${where(race[2]!)}${second}`;
  }
  const frame = rest.map(frameOf).find((f) => f);
  const thread = rest.find((l) => l.startsWith('by thread ('));
  return [headline, frame?.at ? `at ${shown(frame.at)}` : undefined, frame ? `(in ${frame.fn})` : undefined, thread]
    .filter((p) => p !== undefined)
    .join(' ');
}
