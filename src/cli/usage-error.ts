/**
 * The one kind of mistake on the command line. A UsageError is an InputError,
 * so it exits as every refused input does (INPUT_ERROR_EXIT, 2), before
 * anything runs; main.ts prints it with the command's usage line.
 */
import { InputError } from '../core/settings/input-error.ts';

/** A mistake in the command line of `command` (undefined: no command named one): `twinpath run: --runs needs a value (N)`. */
export class UsageError extends InputError {
  constructor(
    readonly command: string | undefined,
    message: string,
  ) {
    super(message);
  }
}
