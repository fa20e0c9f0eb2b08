import { parityTest } from 'twinpath';
import { convConstant } from './kernel.ts';

parityTest(convConstant);
