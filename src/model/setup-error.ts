/**
 * A binding that does not match the WGSL, a size over the device's limits:
 * problems of the case's setup, named with the kernel and the fix.
 */
export class SetupError extends Error {
  override name = 'SetupError';
}
