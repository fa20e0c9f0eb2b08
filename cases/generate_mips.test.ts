import { parityTest } from 'twinpath';
import kernel from '../kernels/generate_mips/kernel.ts';

parityTest(kernel);
