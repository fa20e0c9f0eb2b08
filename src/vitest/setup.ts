/**
 * The setup file the twinpath/vitest preset gives every test worker: sweep
 * failures write their pictures into the report folder, and
 * `expect(kernel).toMatchOracle(input)` is registered.
 */
import '../reports/run/vitest-setup.ts';
import { registerMatchers } from './matcher.ts';

registerMatchers();
