import { parityTest } from 'twinpath';
import { reduceSum } from './kernel.ts';

parityTest(reduceSum);
