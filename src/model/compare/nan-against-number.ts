/**
 * NaN against a number: the one judged pair whose error is no number. Policies give it the error Infinity, so it
 * ranks worst wherever errors are ranked; failure text names it `NaN` rather than printing that Infinity (which an
 * infinity against a finite value may also give under absRel).
 */

/** The text failure output prints for an error that is NaN against a number. */
export const NAN_ERROR = 'NaN';

/**
 * What differs where one of two values is NaN and the other is not: `NaN where a number was expected`,
 * `a number where NaN was expected`; undefined where both or neither are NaN.
 */
export function nanAgainstNumber(expectedValue: number, actualValue: number): string | undefined {
  const expectedNan = Number.isNaN(expectedValue);
  if (expectedNan === Number.isNaN(actualValue)) return undefined;
  return expectedNan ? 'a number where NaN was expected' : 'NaN where a number was expected';
}
