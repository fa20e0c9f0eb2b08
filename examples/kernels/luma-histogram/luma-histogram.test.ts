import { parityTest } from 'twinpath';
import { lumaHistogram } from './kernel.ts';

parityTest(lumaHistogram);
