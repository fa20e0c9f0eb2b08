/**
 * Per-case memoization: a kernel's `cpu` and `gpu` receive the same case
 * object, so whatever both derive from it (a materialized surface) is built
 * once.
 */
export function caseMemo<I extends object, T>(build: (input: I) => T): (input: I) => T {
  const made = new WeakMap<I, T>();
  return (input) => {
    if (!made.has(input)) made.set(input, build(input));
    return made.get(input)!;
  };
}
