/**
 * Bad input to a run — a flag, a TWINPATH_* variable, the report folder, the
 * expectations file — found before any case runs. The command line exits 2
 * with its message, which names what is wrong and the fix.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The exit status of a run refused for its input. */
export const INPUT_ERROR_EXIT = 2;

/** Whether `e` is an InputError, also one thrown by a copy of this module (vitest loads the reporter on its own). */
export function isInputError(e: unknown): e is InputError {
  return e instanceof Error && e.name === 'InputError';
}
