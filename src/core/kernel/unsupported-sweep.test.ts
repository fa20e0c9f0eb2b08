/**
 * An unsupported sweep as the main job runs it: registered by parityTest,
 * counted apart (skipped with the reason, its record kept for the summary
 * and results.json), never a pass. The record is asserted by
 * model.test.ts; this file is the sweep a report shows.
 */
import { parityTest } from '../../index.ts';
import { rgba16ReadWrite } from '../../fixtures/kernels/model-kernels.ts';

parityTest(rgba16ReadWrite);
