import { parityTest } from 'twinpath';
import { pushScale } from './kernel.ts';

parityTest(pushScale);
