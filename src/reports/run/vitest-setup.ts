/**
 * Registered in vitest.config.ts: every sweep failure of a test worker writes its pictures into the report folder,
 * and every sweep keeps the worker's heartbeat for the reporter (progress, and the watchdog of device work).
 */
import { onSweepFailure } from '../../core/sweep/failure-listeners.ts';
import { onSweepProgress } from '../../core/sweep/progress-listeners.ts';
import { runConfig } from '../../core/settings/settings.ts';
import { failureWriter } from '../failure/failure-writer.ts';
import { HEARTBEAT_DIR_ENV, heartbeatWriter } from './heartbeat.ts';

onSweepFailure(failureWriter(() => runConfig().reportDir));
const heartbeats = process.env[HEARTBEAT_DIR_ENV];
if (heartbeats) onSweepProgress(heartbeatWriter(heartbeats));
