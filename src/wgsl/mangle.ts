/**
 * The one naming rule of composition: module `a::b`'s declaration `item` is
 * `item__a__b` in composed WGSL, and messages turn it back into `a::b::item`.
 */

/** The composed name of module `module`'s declaration `item`. */
export function mangle(module: string, item: string): string {
  return `${item}__${module.split('::').join('__')}`;
}

/** `text` with every composed name in `names` (composed -> qualified) written as its qualified name. */
export function demangle(text: string, names: ReadonlyMap<string, string>): string {
  if (!names.size) return text;
  return text.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (w) => names.get(w) ?? w);
}
