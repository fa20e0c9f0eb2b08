/**
 * Known failures, checked in as `twinpath.expectations.json`
 * (TWINPATH_EXPECTATIONS names another file):
 * ```json
 * { "expectations": [
 *   { "kernel": "mip_texture_*", "case": "Float32x4", "adapter": { "vendor": "nvidia" }, "reason": "..." } ] }
 * ```
 * `kernel` is a glob over kernel names; `case` (optional) a regular
 * expression over the failing case's description; `adapter` (optional)
 * regular expressions over the adapter's vendor, architecture, device,
 * description, and `software` as true/false. The file is checked against
 * {@link EXPECTATION_SCHEMA} before any case runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { DeviceInfo } from '../../model/device.ts';
import { InputError } from '../settings/input-error.ts';
import type { SweepResult } from '../sweep/sweep.ts';

type AdapterPattern = {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly software?: boolean;
};

export interface Expectation {
  readonly kernel: string;
  readonly case?: string;
  readonly adapter?: AdapterPattern;
  readonly reason: string;
}

/** What one key holds: a glob, a regular expression, free text or a boolean. */
type KeyKind = 'glob' | 'regex' | 'text' | 'boolean';

/** The schema, in one place: each key of an entry (and of its `adapter`), what it holds, whether it is required. */
export const EXPECTATION_SCHEMA = {
  entry: {
    kernel: { kind: 'glob', required: true },
    case: { kind: 'regex' },
    adapter: { kind: 'adapter' },
    reason: { kind: 'text', required: true },
  },
  adapter: {
    vendor: { kind: 'regex' },
    architecture: { kind: 'regex' },
    device: { kind: 'regex' },
    description: { kind: 'regex' },
    software: { kind: 'boolean' },
  },
} as const satisfies Record<string, Record<string, { kind: KeyKind | 'adapter'; required?: boolean }>>;

/** The expectations file a project has when it names none; it alone may be missing (no known failures). */
export const DEFAULT_EXPECTATIONS_FILE = 'twinpath.expectations.json';

/** The file in force: TWINPATH_EXPECTATIONS, else twinpath.expectations.json in the working directory. */
export function expectationsPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TWINPATH_EXPECTATIONS || DEFAULT_EXPECTATIONS_FILE;
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

/** Edit distance, for `did you mean` on a misspelt key. */
function distance(a: string, b: string): number {
  const d = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    d[i] = [i];
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

function checkObject(
  where: string,
  value: unknown,
  schema: Record<string, { kind: string; required?: boolean }>,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(`${where} must be an object, not ${typeName(value)}`);
  const o = value as Record<string, unknown>;
  const known = Object.keys(schema);
  for (const key of Object.keys(o)) {
    if (key in schema) continue;
    const near = known.find((k) => distance(k, key) <= 2);
    throw new InputError(
      `${where}: unknown key "${key}"${near ? ` — did you mean "${near}"?` : ''} (known: ${known.join(', ')})`,
    );
  }
  for (const [key, { kind, required }] of Object.entries(schema)) {
    const v = o[key];
    if (v === undefined) {
      if (required) throw new InputError(`${where}: "${key}" is required`);
      continue;
    }
    if (kind === 'list') continue;
    if (kind === 'boolean') {
      if (typeof v !== 'boolean') throw new InputError(`${where}: "${key}" must be true or false, not ${typeName(v)}`);
      continue;
    }
    if (kind === 'adapter') {
      checkObject(`${where} "adapter"`, v, EXPECTATION_SCHEMA.adapter);
      continue;
    }
    if (typeof v !== 'string')
      throw new InputError(
        `${where}: "${key}" must be a string${kind === 'regex' ? ' (a regular expression)' : ''}, not ${typeName(v)}`,
      );
    if (!v.trim()) throw new InputError(`${where}: "${key}" is empty`);
    if (kind === 'regex') {
      try {
        new RegExp(v);
      } catch (e) {
        throw new InputError(`${where}: "${key}" is not a valid regular expression: ${(e as Error).message}`);
      }
    }
  }
  return o;
}

/**
 * Reads and checks the file; a missing twinpath.expectations.json means no expectations, any other missing file is
 * an InputError: `ci/known.json: expectations file not found (named by TWINPATH_EXPECTATIONS or …). Fix: create it …`.
 * Throws an InputError naming the file, the entry and the key:
 * `twinpath.expectations.json: expectation 1 (kernel "im2col"): unknown key "adaptor" — did you mean "adapter"? (known: kernel, case, adapter, reason)`,
 * `e.json: expectation 0 (kernel "a"): "case" is not a valid regular expression: Invalid regular expression: /(/: Unterminated group`.
 */
export function loadExpectations(path = expectationsPath()): Expectation[] {
  if (!existsSync(path)) {
    if (path === DEFAULT_EXPECTATIONS_FILE) return [];
    throw new InputError(
      `${path}: expectations file not found (named by TWINPATH_EXPECTATIONS or twinpath.config.ts "expectations"). ` +
        `Fix: create it with {"expectations": []}, correct the path, or unset it to use ${DEFAULT_EXPECTATIONS_FILE}`,
    );
  }
  let data: unknown;
  try {
    // Stryker disable next-line StringLiteral: JSON.parse reads a Buffer as UTF-8 text, so the encoding is the same
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
  const top = checkObject(path, data, { expectations: { kind: 'list', required: true } });
  if (!Array.isArray(top.expectations))
    throw new InputError(`${path}: "expectations" must be an array of entries, not ${typeName(top.expectations)}`);
  return top.expectations.map((e: unknown, i: number) => {
    const name = (e as { readonly kernel?: unknown } | null)?.kernel;
    const kernel = typeof name === 'string' ? ` (kernel ${JSON.stringify(name)})` : '';
    return checkObject(`${path}: expectation ${i}${kernel}`, e, EXPECTATION_SCHEMA.entry) as unknown as Expectation;
  });
}

const glob = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

function adapterMatches(e: Expectation, a: DeviceInfo): boolean {
  const p = e.adapter ?? {};
  // An absent pattern is the empty one, which matches any text.
  const text = (k: 'vendor' | 'architecture' | 'device' | 'description') => new RegExp(p[k] ?? '', 'i').test(a[k]);
  return (
    text('vendor') &&
    text('architecture') &&
    text('device') &&
    text('description') &&
    (p.software === undefined || p.software === a.software)
  );
}

/** The expectations that apply to a kernel on an adapter (by index), ignoring the case filter. */
export function applicable(all: readonly Expectation[], kernel: string, adapter: DeviceInfo): number[] {
  return all.flatMap((e, i) => (glob(e.kernel).test(kernel) && adapterMatches(e, adapter) ? [i] : []));
}

/**
 * The index of the expectation that speaks for a sweep: for a failed sweep the first that applies
 * and whose `case` matches the failing case; for a passing one the first that applies with no `case`.
 */
export function matchingExpectation(all: readonly Expectation[], r: SweepResult): number | undefined {
  const here = applicable(all, r.kernel, r.adapter);
  if (r.pass && !r.unsupported) return here.find((k) => all[k]!.case === undefined);
  // A sweep the adapter cannot run is listed by an entry whose case pattern matches `unsupported` (or that names none).
  const failing = r.unsupported ? 'unsupported' : (r.failure?.result.case ?? '');
  return here.find((k) => new RegExp(all[k]!.case ?? '').test(failing));
}

/**
 * Entries whose kernel pattern matched none of the kernels that ran (a
 * removed or misspelt kernel, or one a filtered run skipped):
 * `expectation 0 (kernel old_kernel): matched no kernel of this run — stale unless the run was filtered`.
 * An entry that matches but no longer fails is an unexpected pass instead.
 */
export function staleExpectations(all: readonly Expectation[], kernels: readonly string[]): string[] {
  return all.flatMap((e, i) =>
    kernels.some((k) => glob(e.kernel).test(k))
      ? []
      : [`expectation ${i} (kernel ${e.kernel}): matched no kernel of this run — stale unless the run was filtered`],
  );
}
