import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImportRules, describeViolation, REPOSITORY, type RuleViolation } from '../scripts/import-rules/check.ts';

/** A tree holding one planted violation of every rule, checked as if it were the repository. */
const FIXTURE = join(REPOSITORY, 'src/fixtures/import-rules');
const planted = { root: FIXTURE, folders: ['src', 'kernels'] };

const byRule = (violations: readonly RuleViolation[]) =>
  violations.map(({ rule, from, to }) => `${rule}: ${from} → ${to}`).sort();

describe('import rules (.dependency-cruiser.cjs)', () => {
  it('the repository keeps them', async () => {
    const violations = await checkImportRules();
    expect(violations.map(describeViolation), 'imports breaking .dependency-cruiser.cjs').toEqual([]);
  });

  it('every rule catches its planted violation, by import statement or by URL', async () => {
    expect(byRule(await checkImportRules(planted))).toEqual([
      'backend-folders-stay-apart: src/backends/cuda/backend.ts → src/backends/wgsl/context.ts',
      'backends-below-core: src/backends/wgsl/session.ts → src/core/kernel/kernel.ts',
      'core-below-layout-check: src/core/settings/planted-up.ts → src/reports/run/report.ts',
      'core-uses-backends-through-registry: src/core/kernel/kernel.ts → src/backends/wgsl/context.ts',
      'layout-check-and-bench-below-reports: src/bench/planted-up.ts → src/reports/run/report.ts',
      'model-imports-only-model: src/model/planted-import.ts → src/backends/registry.ts',
      'model-touches-no-device: src/model/planted-device.ts → child_process',
      'no-cycles: src/model/cycle-a.ts → src/model/cycle-b.ts → src/model/cycle-a.ts',
      'no-entry-point-imports: src/cli/main.ts → src/index.ts',
      'oracle-reaches-no-device: src/oracle.ts → src/vitest/preset.ts',
      'oracle-reaches-no-device: src/oracle.ts → src/vitest/preset.ts → src/cli/main.ts',
      'outside-code-imports-the-package: kernels/planted.ts → src/backends/registry.ts',
      'relative-imports-resolve: src/model/unresolved.js → ./gone.js',
      'relative-imports-resolve: src/wgsl/planted-url.ts:5 → ./gone.wgsl',
      'reports-below-vitest: src/reports/run/report.ts → src/vitest/preset.ts',
      'vitest-below-cli: src/vitest/preset.ts → src/cli/main.ts',
      'wgsl-imports-only-model: src/wgsl/planted-url.ts:2 → src/backends/registry.ts',
    ]);
  });

  it('prints each violation with its file, rule and fix', async () => {
    const violations = await checkImportRules(planted);
    const modelImport = violations.find((violation) => violation.from === 'src/model/planted-import.ts')!;
    expect(describeViolation(modelImport)).toBe(
      'src/model/planted-import.ts → src/backends/registry.ts: model-imports-only-model — fix: src/model/ is pure: ' +
        'move what it needs into src/model/, or move the importing code up to the layer it belongs to',
    );
  });
});
