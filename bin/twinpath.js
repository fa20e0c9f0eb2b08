#!/usr/bin/env node
// twinpath's command line: loads the TypeScript CLI through tsx. `merge` is
// the reports' own command; everything else is the harness's.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2] === 'merge' ? '../reports/merge-cli.ts' : '../harness/cli/main.ts');
