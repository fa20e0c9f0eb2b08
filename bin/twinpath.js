#!/usr/bin/env node
// twinpath's command line. It runs the CLI in a child process so that Dawn's
// native "artificially reduced" limit warnings, written straight to file
// descriptor 2, can be dropped from stderr. From a checkout (the TypeScript
// sources are there) the child loads them through tsx and resolves
// `twinpath` to the sources; from an installed package it runs dist/.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const fromSource = existsSync(source);
const tsx = import.meta.resolve('tsx');
const args = fromSource ? ['--conditions=twinpath-source', '--import', tsx, source] : ['--import', tsx, built];
// The filter the vitest preset applies to its workers' stderr, from the same build.
const { withoutDawnNoise } = fromSource
  ? await (await import('tsx/esm/api')).tsImport('../src/vitest/dawn-noise.ts', import.meta.url)
  : await import('../dist/vitest/dawn-noise.js');

const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'pipe'],
  env: { ...process.env, ...(process.stderr.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}) },
});
child.stderr.pipe(withoutDawnNoise(process.stderr));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
// A child ended by a signal exits as a shell reports it: 128 + the signal's number.
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1);
});
