/**
 * `arrayLength(&v)` made to exclude the guard band. A storage variable the
 * kernel sizes with arrayLength is bound to its data and a whole number of
 * elements of guard band (see guardElements), so a read one past the data
 * reads poison and a write lands in the canary, where robust access would
 * otherwise drop or clamp them. Each call becomes `(arrayLength(&v) - 64u)`
 * on the same line, so the kernel sees the data's length and compiler
 * messages keep their file, line and column as written.
 */
import { guardElements } from '../model/canary.ts';
import { formatPosition, insertInLine, originOf, type LineOrigin } from './line-map.ts';
import { demangle } from './mangle.ts';
import { reflectSource, WgslReflectError } from './reflect.ts';
import { nextSig, significant, tokenize, type Token } from './tokens.ts';
import type { TypeInfo } from 'wgsl_reflect';

/** How the binding of a variable sized with arrayLength spans its guard band. */
export interface LengthGuard {
  /** Bytes from one element of the runtime-sized array to the next. */
  readonly stride: number;
  /** Whole elements of guard band inside the binding, which arrayLength excludes (0: the binding is the data alone). */
  readonly elements: number;
  /** Bytes before the array: the offset of `member` in `arrayLength(&v.member)`, 0 for a plain array. */
  readonly head: number;
}

/** An arrayLength call the WGSL backend cannot make exclude the guard band; its message names the position as written. */
export class ArrayLengthError extends Error {
  override name = 'ArrayLengthError';
}

/** What the rewrite needs of a composed source. */
interface ComposedCode {
  readonly code: string;
  readonly lines: readonly LineOrigin[];
  readonly names: ReadonlyMap<string, string>;
}

/** One `arrayLength(...)` call: offsets [start, end) in the composed code, and the variable it measures. */
interface Site {
  readonly start: number;
  readonly end: number;
  readonly variable: string;
  readonly guard: LengthGuard;
}

const ACCEPTED = 'arrayLength(&v) or arrayLength(&v.member) of a storage variable v';

/** The significant tokens of a call's argument list, from its `(` at `open`, and the index of its `)`. */
function callArguments(tokens: readonly Token[], open: number): { readonly args: Token[]; readonly close: number } {
  const args: Token[] = [];
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return { args: args.slice(1), close: i };
    if (significant(t)) args.push(t);
  }
  return { args: args.slice(1), close: tokens.length - 1 };
}

/** The runtime-sized array a type is or ends with (`member` of a struct) and its offset, or undefined. */
function runtimeArray(
  type: TypeInfo | undefined,
  member: string | undefined,
): { readonly array: TypeInfo; readonly head: number } | undefined {
  const m =
    member === undefined
      ? undefined
      : (type as { members?: Array<{ name: string; type: TypeInfo; offset: number }> } | undefined)?.members?.find(
          (x) => x.name === member,
        );
  const t = member === undefined ? type : m?.type;
  return t?.isArray && (t as TypeInfo & { count: number }).count === 0 ? { array: t, head: m?.offset ?? 0 } : undefined;
}

/** The 0-based line and column of an offset of `code`. */
function lineAndColumn(code: string, offset: number): { readonly line: number; readonly column: number } {
  const before = code.slice(0, offset);
  return { line: before.split('\n').length - 1, column: offset - before.lastIndexOf('\n') - 1 };
}

/** The position of a composed offset as written: `kernels/k/k.wgsl:14:7`. */
function positionOf(src: ComposedCode, offset: number): string {
  const at = lineAndColumn(src.code, offset);
  return formatPosition(originOf(src.lines, at.line + 1, at.column + 1));
}

/**
 * The variable and stride an `arrayLength(` call at token `at` measures, or ArrayLengthError:
 * `k.wgsl:14:7: arrayLength(p): twinpath binds a guard band inside every buffer and can only exclude it from
 * arrayLength(&v) or arrayLength(&v.member) of a storage variable v. Fix: call arrayLength(&v) on the variable
 * (a pointer parameter's length is its caller's arrayLength(&v)).`
 */
function siteAt(src: ComposedCode, tokens: readonly Token[], at: number, types: ReadonlyMap<string, TypeInfo>): Site {
  const open = nextSig(tokens, at);
  const { args, close } = callArguments(tokens, open);
  const texts = args.map((t) => t.text);
  const plain = texts.length === 2 && texts[0] === '&';
  const member = texts.length === 4 && texts[0] === '&' && texts[2] === '.';
  const variable = plain || member ? texts[1]! : '';
  const runtime = runtimeArray(types.get(variable), member ? texts[3] : undefined);
  if (!runtime || args.some((t, i) => i % 2 === 1 && t.kind !== 'ident')) {
    const call = demangle(`arrayLength(${texts.join('')})`, src.names);
    throw new ArrayLengthError(
      `${positionOf(src, tokens[at]!.offset)}: ${call}: twinpath binds a guard band inside every buffer and can ` +
        `only exclude it from ${ACCEPTED}. Fix: call arrayLength(&v) on the variable (a pointer parameter's ` +
        "length is its caller's arrayLength(&v)).",
    );
  }
  const stride = (runtime.array as TypeInfo & { stride: number }).stride;
  const end = tokens[close]!.offset + 1;
  const guard = { stride, elements: guardElements(stride), head: runtime.head };
  return { start: tokens[at]!.offset, end, variable, guard };
}

const scans = new Map<string, readonly Site[]>();

/** Every arrayLength call of the composed code, scanned once per code; throws ArrayLengthError, WgslReflectError. */
function sites(src: ComposedCode): readonly Site[] {
  let found = scans.get(src.code);
  if (found) return found;
  const tokens = tokenize(src.code);
  const isCall = (t: Token, i: number) => t.text === 'arrayLength' && tokens[nextSig(tokens, i)]?.text === '(';
  const calls = tokens.flatMap((t, i) => (t.kind === 'ident' && isCall(t, i) ? [i] : []));
  const storage = calls.length ? reflectSource(src).storage : [];
  const types = new Map(storage.map((v) => [v.name, v.type] as const));
  found = calls.map((i) => siteAt(src, tokens, i, types));
  scans.set(src.code, found);
  return found;
}

/**
 * The storage variables the kernel sizes with arrayLength, by composed name, with the guard band their binding
 * spans. Throws ArrayLengthError for a call it cannot rewrite (see {@link excludeGuardBands}).
 */
export function arrayLengthGuards(src: ComposedCode): ReadonlyMap<string, LengthGuard> {
  return new Map(sites(src).map((s) => [s.variable, s.guard] as const));
}

/**
 * The source with each `arrayLength(&v)` as `(arrayLength(&v) - 64u)` (the guard band's whole elements of v),
 * on the same line, its line map extended so every column maps back as before. Throws ArrayLengthError naming
 * the call it cannot rewrite:
 * `k.wgsl:14:7: arrayLength(p): twinpath binds a guard band inside every buffer and can only exclude it from …`.
 * WGSL that wgsl_reflect cannot parse comes back unchanged: the compiler names its error, and the dispatch fails
 * on reflection before any binding is made.
 */
export function excludeGuardBands<S extends ComposedCode>(src: S): S {
  let found: readonly Site[];
  try {
    found = sites(src);
  } catch (e) {
    if (e instanceof WgslReflectError) return src;
    throw e;
  }
  if (!found.some((s) => s.guard.elements > 0)) return src;
  const lines = [...src.lines];
  let code = src.code;
  // Right to left, so each insertion's offsets and columns are still those of the composed code.
  for (const s of [...found].reverse()) {
    if (s.guard.elements === 0) continue;
    const minus = ` - ${s.guard.elements}u)`;
    code = `${code.slice(0, s.start)}(${code.slice(s.start, s.end)}${minus}${code.slice(s.end)}`;
    for (const [offset, length] of [
      [s.end, minus.length],
      [s.start, 1],
    ] as const) {
      const at = lineAndColumn(src.code, offset);
      lines[at.line] = insertInLine(lines[at.line]!, at.column, length);
    }
  }
  return { ...src, code, lines };
}
