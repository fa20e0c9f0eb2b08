// An oracle worker thread (see oracle-pool.ts): TypeScript through tsx, then the job loop.
import { register } from 'tsx/esm/api';

register();
await import('./oracle-worker.ts');
