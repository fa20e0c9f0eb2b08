/** Registered in vitest.config.ts: every sweep failure of a test worker writes its pictures into the report folder. */
import { onSweepFailure } from '../../core/sweep/failure-listeners.ts';
import { runConfig } from '../../core/settings/settings.ts';
import { failureWriter } from '../failure/failure-writer.ts';

onSweepFailure(failureWriter(() => runConfig().reportDir));
