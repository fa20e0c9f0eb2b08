/**
 * Per-case memoization: a kernel's `cpu` and `gpu` receive the same case
 * object, so whatever both derive from it (a materialized surface) is built
 * once. A memo with a name (the built-in surfaces and element arrays) can
 * also be built on another thread: a judge worker thread records what the
 * oracle built (recordMemos), and this thread takes those values for its own
 * copy of the case (seedMemos), so the device half uploads them instead of
 * building them again on the thread that drives the device.
 */

/** What one named memo built during recordMemos: its name, where its key lies in the case, and its value. */
export interface BuiltMemo {
  readonly memo: string;
  /** Property names from the case object to the memo's key (empty: the case itself). */
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

const named = new Map<string, WeakMap<object, unknown>>();
let recording:
  | {
      readonly built: Array<{ readonly memo: string; readonly key: object; readonly value: unknown }>;
      readonly copy: (v: unknown) => unknown;
    }
  | undefined;

/**
 * `build` memoized per case object. With `name`, the value may come from another thread (seedMemos); a second
 * memo of the same name (a second copy of this package in one process) is memoized alone, never seeded.
 */
export function caseMemo<I extends object, T>(build: (input: I) => T, name?: string): (input: I) => T {
  const made = new WeakMap<I, T>();
  const shared = name !== undefined && !named.has(name);
  if (shared) named.set(name, made as WeakMap<object, unknown>);
  return (input) => {
    if (made.has(input)) return made.get(input)!;
    const value = build(input);
    made.set(input, value);
    if (shared && recording) recording.built.push({ memo: name!, key: input, value: recording.copy(value) });
    return value;
  };
}

/** Where `target` lies among the objects reachable from `root` (own enumerable properties), if anywhere. */
function pathTo(root: unknown, target: object, depth = 4): (string | number)[] | undefined {
  if (root === target) return [];
  if (depth === 0 || typeof root !== 'object' || root === null || ArrayBuffer.isView(root)) return undefined;
  for (const [k, v] of Object.entries(root)) {
    const rest = pathTo(v, target, depth - 1);
    if (rest) return [Array.isArray(root) ? Number(k) : k, ...rest];
  }
  return undefined;
}

/**
 * Runs `f`, and returns with its result what named memos it built for objects reachable from `root`, each value
 * as `copy` made it when built (before `f` could change it).
 */
export function recordMemos<T>(
  root: object,
  f: () => T,
  copy: (v: unknown) => unknown = (v) => v,
): { readonly result: T; readonly built: BuiltMemo[] } {
  const outer = recording;
  const now = { built: [] as Array<{ memo: string; key: object; value: unknown }>, copy };
  recording = now;
  try {
    const result = f();
    const built = now.built.flatMap(({ memo, key, value }) => {
      const path = pathTo(root, key);
      return path ? [{ memo, path, value }] : [];
    });
    return { result, built };
  } finally {
    recording = outer;
  }
}

/** Gives this thread's named memos the values another thread built for its copy of `root` (recordMemos). */
export function seedMemos(root: object, built: readonly BuiltMemo[]): void {
  for (const { memo, path, value } of built) {
    let key: unknown = root;
    for (const p of path)
      key = typeof key === 'object' && key !== null ? (key as Record<string, unknown>)[p] : undefined;
    const made = named.get(memo);
    if (made && typeof key === 'object' && key !== null && !made.has(key)) made.set(key, value);
  }
}
