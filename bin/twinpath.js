#!/usr/bin/env node
// twinpath's command line: loads the TypeScript CLI through tsx. `merge` is
// the reports' command and `bench` needs the kernels; everything else is the
// harness's (which imports neither).
import { register } from 'tsx/esm/api';

register();
const routes = { merge: '../reports/merge-cli.ts', bench: '../scripts/bench.ts' };
await import(routes[process.argv[2]] ?? '../harness/cli/main.ts');
