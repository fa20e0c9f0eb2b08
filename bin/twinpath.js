#!/usr/bin/env node
// twinpath's command line: loads the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/main.ts');
