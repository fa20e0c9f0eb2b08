/**
 * The expectations file, checked without a GPU: where it is looked for, the default file alone allowed to be missing,
 * and each schema violation an InputError naming the file, the entry and the key (with `did you mean` for a key
 * one or two edits from a known one).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { expectationsPath, loadExpectations } from './expectations.ts';

/** Loads an expectations file of `text`, returning what it throws. */
function loadError(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'e.json');
  writeFileSync(f, text);
  try {
    loadExpectations(f);
  } catch (e) {
    expect((e as Error).name).toBe('InputError');
    return (e as Error).message.replace(f, 'e.json');
  }
  throw new Error('loadExpectations accepted a bad file');
}

test('the file: checked in empty; each schema violation names the file, the entry and the key', () => {
  expect(loadExpectations('twinpath.expectations.json')).toEqual([]);
  const file = (...entries: unknown[]) => JSON.stringify({ expectations: [{ kernel: 'ok', reason: 'r' }, ...entries] });
  expect(loadError(file({ kernel: 'im2col', adaptor: { vendor: 'nvidia' }, reason: 'r' }))).toBe(
    'e.json: expectation 1 (kernel "im2col"): unknown key "adaptor" — did you mean "adapter"? (known: kernel, case, adapter, reason)',
  );
  expect(loadError(file({ kernel: 'b' }))).toBe('e.json: expectation 1 (kernel "b"): "reason" is required');
  expect(loadError(file({ reason: 'r' }))).toBe('e.json: expectation 1: "kernel" is required');
  expect(loadError(file({ kernel: 'k', case: 3, reason: 'r' }))).toBe(
    'e.json: expectation 1 (kernel "k"): "case" must be a string (a regular expression), not number',
  );
  expect(loadError(file({ kernel: 'k', case: '(', reason: 'r' }))).toMatch(
    /^e\.json: expectation 1 \(kernel "k"\): "case" is not a valid regular expression: Invalid regular expression: \/\(\/: /,
  );
  expect(loadError(file({ kernel: 'k', adapter: { vendor: '[' }, reason: 'r' }))).toMatch(
    /^e\.json: expectation 1 \(kernel "k"\) "adapter": "vendor" is not a valid regular expression/,
  );
  expect(loadError(file({ kernel: 'k', adapter: { software: 'yes' }, reason: 'r' }))).toBe(
    'e.json: expectation 1 (kernel "k") "adapter": "software" must be true or false, not string',
  );
  expect(loadError(file({ kernel: 'k', adapter: { gpu: 'x' }, reason: 'r' }))).toBe(
    'e.json: expectation 1 (kernel "k") "adapter": unknown key "gpu" (known: vendor, architecture, device, description, software)',
  );
  expect(loadError(file({ kernel: 'k', reason: '  ' }))).toBe('e.json: expectation 1 (kernel "k"): "reason" is empty');
  expect(loadError(file('entry'))).toBe('e.json: expectation 1 must be an object, not string');
  expect(loadError('{"expectations": {}}')).toBe('e.json: "expectations" must be an array of entries, not object');
  expect(loadError('{"expectation": []}')).toBe(
    'e.json: unknown key "expectation" — did you mean "expectations"? (known: expectations)',
  );
  expect(loadError('{"expectations": [')).toMatch(/^e\.json: not valid JSON: /);
});

test('TWINPATH_EXPECTATIONS names the file; unset or empty, the default file is used', () => {
  expect(expectationsPath({ TWINPATH_EXPECTATIONS: 'ci/known.json' })).toBe('ci/known.json');
  expect(expectationsPath({ TWINPATH_EXPECTATIONS: '' })).toBe('twinpath.expectations.json');
  expect(expectationsPath({})).toBe('twinpath.expectations.json');
});

test('only the default file may be missing; a named one that is missing is refused with the fix', () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'known.json');
  expect(() => loadExpectations(missing)).toThrow(
    `${missing}: expectations file not found (named by TWINPATH_EXPECTATIONS or twinpath.config.ts "expectations"). ` +
      'Fix: create it with {"expectations": []}, correct the path, or unset it to use twinpath.expectations.json',
  );
});

test('a valid file is read entry by entry, every key kept', () => {
  const entry = {
    kernel: 'mip_*',
    case: 'Unorm8',
    adapter: { vendor: 'nvidia', architecture: 'hopper', device: 'h100', description: 'H100', software: false },
    reason: 'known',
  };
  const f = join(mkdtempSync(join(tmpdir(), 'twinpath-')), 'e.json');
  // A glob and free text are not regular expressions: an unbalanced `(` in them is no error.
  const plain = { kernel: 'b(', reason: 'rounds (up' };
  writeFileSync(f, JSON.stringify({ expectations: [entry, plain] }));
  expect(loadExpectations(f)).toEqual([entry, plain]);
});

test('what a value is, named in its error; the kernel named only when it is a string', () => {
  const file = (entry: unknown) => JSON.stringify({ expectations: [entry] });
  expect(loadError(file(null))).toBe('e.json: expectation 0 must be an object, not null');
  expect(loadError(file([]))).toBe('e.json: expectation 0 must be an object, not an array');
  expect(loadError(file({ kernel: 3, reason: 'r' }))).toBe(
    'e.json: expectation 0: "kernel" must be a string, not number',
  );
  expect(loadError(file({ kernel: 'k', reason: null }))).toBe(
    'e.json: expectation 0 (kernel "k"): "reason" must be a string, not null',
  );
  expect(loadError(file({ kernel: 'k', adapter: [], reason: 'r' }))).toBe(
    'e.json: expectation 0 (kernel "k") "adapter" must be an object, not an array',
  );
  expect(loadError('[]')).toBe('e.json must be an object, not an array');
  expect(loadError('{}')).toBe('e.json: "expectations" is required');
});

test('did you mean: a key one or two edits from a known one is named; three edits away, none is', () => {
  const known = '(known: kernel, case, adapter, reason)';
  const unknown = (key: string) =>
    loadError(JSON.stringify({ expectations: [{ kernel: 'k', reason: 'r', [key]: 1 }] }));
  const at = 'e.json: expectation 0 (kernel "k"): unknown key';
  expect(unknown('cases')).toBe(`${at} "cases" — did you mean "case"? ${known}`);
  expect(unknown('ase')).toBe(`${at} "ase" — did you mean "case"? ${known}`);
  expect(unknown('cxse')).toBe(`${at} "cxse" — did you mean "case"? ${known}`);
  expect(unknown('resaon')).toBe(`${at} "resaon" — did you mean "reason"? ${known}`);
  expect(unknown('adapterss')).toBe(`${at} "adapterss" — did you mean "adapter"? ${known}`);
  expect(unknown('xyz')).toBe(`${at} "xyz" ${known}`);
  expect(unknown('ca')).toBe(`${at} "ca" — did you mean "case"? ${known}`);
  expect(unknown('c')).toBe(`${at} "c" ${known}`);
  expect(unknown('kernelxyz')).toBe(`${at} "kernelxyz" ${known}`);
  expect(unknown('xxxcase')).toBe(`${at} "xxxcase" ${known}`);
});
