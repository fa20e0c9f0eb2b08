import { parityTest } from 'twinpath';
import { separableBlur } from './kernel.ts';

parityTest(separableBlur);
