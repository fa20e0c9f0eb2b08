// A judge worker thread (see judge-pool.ts): TypeScript through tsx, then the job loop.
import { register } from 'tsx/esm/api';

register();
await import('./judge-worker.ts');
