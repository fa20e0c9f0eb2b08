import { parityTest } from 'twinpath';
import { exposureF16 } from './kernel.ts';

parityTest(exposureF16);
