/** The `twinpath merge` command (bin/twinpath.js routes it here, so the harness's CLI never imports report code). */
import { parseArgs } from 'node:util';
import { INPUT_ERROR_EXIT, InputError, isInputError } from '../harness/index.ts';
import { mergeReports } from './merge.ts';

const { values, positionals } = parseArgs({ args: process.argv.slice(3), allowPositionals: true, options: { report: { type: 'string', default: 'twinpath-report' } } });
try {
  if (!positionals.length) throw new InputError('usage: twinpath merge DIR... [--report OUT]');
  process.stdout.write(`report: ${mergeReports(positionals, values.report)}\n`);
  process.exit(0);
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(isInputError(e) ? INPUT_ERROR_EXIT : 1);
}
