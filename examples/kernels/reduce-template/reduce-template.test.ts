import { parityTest } from 'twinpath';
import { reduceTemplate } from './kernel.ts';

parityTest(reduceTemplate);
