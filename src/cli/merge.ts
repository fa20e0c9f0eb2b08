/** `twinpath merge DIR... [--report OUT]`: one report from the report folders of sharded runs. */
import { mergeReports } from '../reports/run/merge.ts';
import { parseCommand, UsageError } from './usage.ts';

/** Prints `report: OUT/index.html`; a usage error without a folder. */
export async function mergeCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseCommand('merge', {
    args: [...argv],
    allowPositionals: true,
    options: { report: { type: 'string', default: 'twinpath-report' } },
  });
  if (!parsed.positionals.length) throw new UsageError('merge', 'twinpath merge: name at least one report folder');
  process.stdout.write(`report: ${mergeReports(parsed.positionals, parsed.values.report)}\n`);
  return 0;
}
