import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImportRules, describeViolation, REPOSITORY } from '../scripts/import-rules/check.ts';

const FIXTURE = join(REPOSITORY, 'src/fixtures/import-rules');
const planted = { root: FIXTURE, folders: ['src'], known: join(FIXTURE, 'no-known-violations.json') };

describe('import rules (.dependency-cruiser.cjs)', () => {
  it('the repository keeps them, less its known violations', async () => {
    const violations = await checkImportRules();
    expect(violations.map(describeViolation), 'imports breaking .dependency-cruiser.cjs').toEqual([]);
  });

  it('catch a planted upward import and a planted upward URL reference, each with its rule and fix', async () => {
    const violations = await checkImportRules(planted);
    expect(violations.map(({ rule, from, to }) => ({ rule, from, to }))).toEqual([
      { rule: 'model-imports-only-model', from: 'src/model/planted-import.ts', to: 'src/backends/registry.ts' },
      { rule: 'wgsl-imports-only-model', from: 'src/wgsl/planted-url.ts:2', to: 'src/backends/registry.ts' },
    ]);
    expect(describeViolation(violations[0]!)).toBe(
      'src/model/planted-import.ts → src/backends/registry.ts: model-imports-only-model — fix: src/model/ is pure: ' +
        'move what it needs into src/model/, or move the importing code up to the layer it belongs to',
    );
  });

  it('a known violation passes; one that no longer occurs is reported', async () => {
    const violations = await checkImportRules({ ...planted, known: join(FIXTURE, 'known-violations.json') });
    expect(violations.map(describeViolation)).toEqual([
      expect.stringMatching(/^src\/wgsl\/planted-url\.ts:2 → src\/backends\/registry\.ts: wgsl-imports-only-model/),
      'src/model/fixed-long-ago.ts → src/backends/registry.ts: model-imports-only-model — fix: ' +
        'no longer occurs: remove it from .dependency-cruiser-known-violations.json',
    ]);
  });
});
