/**
 * WGSL that cannot be composed. The message names the file, line and column,
 * what is wrong and the fix:
 * ```
 * kernels/k/k.wgsl:3:9: cannot resolve #import color::tone: no module color::tone (nor color)
 *   import roots searched: kernels/k/common (modules: color::grade), kernels/lib (modules: twinpath::texture)
 *   Fix: put a file that starts with `#define_import_path color::tone` (or color/tone.wgsl) under an import root, …
 * ```
 */
export class WgslCompositionError extends Error {
  override name = 'WgslCompositionError';
}
