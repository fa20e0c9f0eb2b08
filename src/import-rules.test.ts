import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImportRules, describeViolation, REPOSITORY } from '../scripts/import-rules/check.ts';

describe('import rules (.dependency-cruiser.cjs)', () => {
  it('the repository keeps them', async () => {
    const violations = await checkImportRules();
    expect(violations.map(describeViolation), 'imports breaking .dependency-cruiser.cjs').toEqual([]);
  });

  it('catch a planted upward import and a planted upward URL reference', async () => {
    const violations = await checkImportRules(join(REPOSITORY, 'src/fixtures/import-rules'), ['src']);
    expect(violations.map(({ rule, from, to }) => ({ rule, from, to }))).toEqual([
      { rule: 'model-imports-only-model', from: 'src/model/planted-import.ts', to: 'src/backends/registry.ts' },
      { rule: 'wgsl-imports-only-model', from: 'src/wgsl/planted-url.ts:2', to: 'src/backends/registry.ts' },
    ]);
    expect(describeViolation(violations[0]!)).toBe(
      'src/model/planted-import.ts → src/backends/registry.ts: model-imports-only-model — fix: src/model/ is pure: ' +
        'move what it needs into src/model/, or move the importing code up to the layer it belongs to',
    );
  });
});
