import { parityTest } from 'twinpath';
import { histogramTwoPass } from './kernel.ts';

parityTest(histogramTwoPass);
