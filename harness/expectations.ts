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
 * description, and `software` as true/false.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AdapterInfo } from './gpu/adapter.ts';
import type { SweepResult } from './sweep.ts';

export interface Expectation {
  readonly kernel: string;
  readonly case?: string;
  readonly adapter?: { readonly vendor?: string; readonly architecture?: string; readonly device?: string; readonly description?: string; readonly software?: boolean };
  readonly reason: string;
}

/** What a sweep's result means once expectations are applied. */
export type SweepVerdict =
  | { readonly status: 'pass' | 'fail' }
  | { readonly status: 'expected-fail'; readonly index: number; readonly reason: string }
  | { readonly status: 'unexpected-pass'; readonly index: number; readonly reason: string }
  /** The adapter lacks a device feature or limit the kernel requires: counted apart, never a pass. */
  | { readonly status: 'unsupported'; readonly reason: string; readonly expected?: { readonly index: number; readonly reason: string } };

/** The file in force: TWINPATH_EXPECTATIONS, else twinpath.expectations.json in the working directory. */
export function expectationsPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TWINPATH_EXPECTATIONS || 'twinpath.expectations.json';
}

/**
 * Reads and checks the file; none means no expectations. Throws naming the entry:
 * `twinpath.expectations.json: expectation 2 needs "kernel" and "reason"`.
 */
export function loadExpectations(path = expectationsPath()): Expectation[] {
  if (!existsSync(path)) return [];
  const data = JSON.parse(readFileSync(path, 'utf8')) as { expectations?: unknown };
  if (!Array.isArray(data.expectations)) throw new Error(`${path}: needs { "expectations": [...] }`);
  return data.expectations.map((e: Partial<Expectation>, i: number) => {
    if (typeof e.kernel !== 'string' || typeof e.reason !== 'string' || !e.reason.trim()) throw new Error(`${path}: expectation ${i} needs "kernel" and "reason"`);
    return e as Expectation;
  });
}

const glob = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

function adapterMatches(e: Expectation, a: AdapterInfo): boolean {
  const p = e.adapter ?? {};
  const text = (k: 'vendor' | 'architecture' | 'device' | 'description') => p[k] === undefined || new RegExp(p[k]!, 'i').test(a[k]);
  return text('vendor') && text('architecture') && text('device') && text('description') && (p.software === undefined || p.software === a.software);
}

/** The expectations that apply to a kernel on an adapter (by index), ignoring the case filter. */
export function applicable(all: readonly Expectation[], kernel: string, adapter: AdapterInfo): number[] {
  return all.flatMap((e, i) => (glob(e.kernel).test(kernel) && adapterMatches(e, adapter) ? [i] : []));
}

/** A sweep's verdict: an expected failure passes the gate, a sweep that passes despite an expectation does not. */
export function verdict(all: readonly Expectation[], r: SweepResult): SweepVerdict {
  const here = applicable(all, r.kernel, r.adapter);
  if (r.unsupported) {
    // An expectation whose case pattern matches `unsupported` (or names none) lists the kernel as unsupported on this adapter.
    const i = here.find((k) => all[k]!.case === undefined || new RegExp(all[k]!.case!).test('unsupported'));
    return { status: 'unsupported', reason: r.unsupported.reason, ...(i === undefined ? {} : { expected: { index: i, reason: all[i]!.reason } }) };
  }
  if (r.pass) {
    const i = here.find((k) => all[k]!.case === undefined);
    return i === undefined ? { status: 'pass' } : { status: 'unexpected-pass', index: i, reason: all[i]!.reason };
  }
  const failing = r.failure?.result.case ?? '';
  const i = here.find((k) => all[k]!.case === undefined || new RegExp(all[k]!.case!).test(failing));
  return i === undefined ? { status: 'fail' } : { status: 'expected-fail', index: i, reason: all[i]!.reason };
}

/**
 * Entries whose kernel pattern matched none of the kernels that ran (a
 * removed or misspelt kernel, or one a filtered run skipped):
 * `expectation 0 (kernel old_kernel): matched no kernel of this run — stale unless the run was filtered`.
 * An entry that matches but no longer fails is an unexpected pass instead.
 */
export function staleExpectations(all: readonly Expectation[], kernels: readonly string[]): string[] {
  return all.flatMap((e, i) => (kernels.some((k) => glob(e.kernel).test(k)) ? [] : [`expectation ${i} (kernel ${e.kernel}): matched no kernel of this run — stale unless the run was filtered`]));
}

/**
 * Whether an unsupported sweep fails the run: on a `--require-gpu hardware`
 * gate it does, unless the expectations file lists it (an entry whose case
 * matches `unsupported`); elsewhere it is counted apart, never as a pass.
 */
export function unsupportedFailsGate(v: SweepVerdict, requirement: 'hardware' | 'any'): boolean {
  return v.status === 'unsupported' && requirement === 'hardware' && !v.expected;
}
