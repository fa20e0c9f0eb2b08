/**
 * Which part of twinpath may import which: the one place the layering is
 * decided (docs/architecture.md explains it). `npm test` checks it
 * (src/import-rules.test.ts): dependency-cruiser over the import statements,
 * and scripts/import-rules/url-references.ts over what a file reaches by URL
 * (`new URL('./x', import.meta.url)`, `import.meta.resolve`, `tsImport`,
 * `wgsl(import.meta.url, './x.wgsl')`), against the same rules.
 *
 * Layers, bottom-up: model < wgsl < backends < core < layout-check, bench <
 * reports < vitest < cli < the entry points (src/index.ts, oracle.ts,
 * config.ts). Each rule's comment is the fix the check prints.
 */

/** Tests and their fixtures may reach across layers (a model test may run a GPU). */
const TESTS = '[.]test[.]ts$|/fixtures/';

/** What each layer may import inside src/ besides itself (src/lib/ is the shipped WGSL/C library: data, no code). */
const BELOW = {
  model: '^src/(model|lib)/',
  wgsl: '^src/(wgsl|model|lib)/',
  backends: '^src/(backends|wgsl|model|lib|core/settings)/',
  core: '^src/(core|backends|wgsl|model|lib)/',
  layoutCheckAndBench: '^src/(layout-check|bench|core|backends|wgsl|model|lib)/',
  reports: '^src/(reports|layout-check|bench|core|backends|wgsl|model|lib)/',
};

/** The package's entry points: `no-entry-point-imports` keeps everything in src/ off them. */
const ENTRY_POINTS = '^src/(index|oracle|config|vitest)[.]ts$';

/** A rule that `from` may import nothing in src/ outside `allowed` (entry points have their own rule). */
function layer(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from, pathNot: TESTS },
    to: { path: '^src/', pathNot: `${allowed}|${ENTRY_POINTS}` },
  };
}

module.exports = {
  forbidden: [
    layer(
      'model-imports-only-model',
      '^src/model/',
      BELOW.model,
      'src/model/ is pure: move what it needs into src/model/, or move the importing code up to the layer it belongs to',
    ),
    {
      name: 'model-touches-no-device',
      comment:
        'src/model/ runs on oracle worker threads: no webgpu, koffi, vitest or child processes; move the code to src/backends/ or src/core/',
      severity: 'error',
      from: { path: '^src/model/', pathNot: TESTS },
      to: { path: 'node_modules/(webgpu|koffi|vitest)/|^(node:)?(child_process|worker_threads)$' },
    },
    layer(
      'wgsl-imports-only-model',
      '^src/wgsl/',
      BELOW.wgsl,
      'src/wgsl/ composes WGSL text over src/model/ only: move the GPU or harness part to src/backends/ or src/core/',
    ),
    layer(
      'backends-below-core',
      '^src/backends/',
      BELOW.backends,
      'a backend may import src/backends/, src/wgsl/, src/model/ and src/core/settings/ only: move the shared type or function down into src/model/ or src/backends/backend.ts',
    ),
    {
      name: 'backend-folders-stay-apart',
      comment:
        "one backend never imports another backend's folder: move what both use to src/backends/backend.ts, src/backends/native/ (native backends) or src/model/",
      severity: 'error',
      from: { path: '^src/backends/(wgsl|cuda|cpp|native)/', pathNot: TESTS },
      to: { path: '^src/backends/(wgsl|cuda|cpp)/', pathNot: '^src/backends/$1/' },
    },
    layer(
      'core-below-layout-check',
      '^src/core/',
      BELOW.core,
      'src/core/ is below layout-check, bench, reports, vitest and cli: move the code up, or pass what core needs in as a parameter',
    ),
    {
      name: 'core-uses-backends-through-registry',
      comment:
        'src/core/ reaches a backend through src/backends/registry.ts or src/backends/backend.ts: export what core needs there',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { path: '^src/backends/(wgsl|cuda|cpp|native)/' },
    },
    layer(
      'layout-check-and-bench-below-reports',
      '^src/(layout-check|bench)/',
      BELOW.layoutCheckAndBench,
      'src/layout-check/ and src/bench/ sit on src/core/: move the code up to src/cli/ or down to src/core/',
    ),
    layer(
      'reports-below-vitest',
      '^src/reports/',
      BELOW.reports,
      'src/reports/ is below src/vitest/ and src/cli/: import from the layer that owns the thing, never from an entry point',
    ),
    {
      name: 'vitest-below-cli',
      comment: 'src/vitest/ is below src/cli/: move the shared code down into src/vitest/ or below',
      severity: 'error',
      from: { path: '^src/vitest/', pathNot: TESTS },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-entry-point-imports',
      comment:
        'nothing inside src/ imports an entry point (src/index.ts, oracle.ts, config.ts, vitest.ts): import the module that defines the thing',
      severity: 'error',
      from: { path: '^src/', pathNot: `${TESTS}|${ENTRY_POINTS}` },
      to: { path: ENTRY_POINTS },
    },
    {
      name: 'oracle-reaches-no-device',
      comment:
        'twinpath/oracle runs on judge worker threads that never load dawn.node: the chain shown reaches a GPU, native or vitest module; cut it',
      severity: 'error',
      from: { path: '^src/oracle[.]ts$' },
      to: {
        reachable: true,
        path: '^src/(backends|core|vitest|cli|reports|layout-check|bench)/|node_modules/(webgpu|koffi|vitest)/|^(node:)?child_process$',
      },
    },
    {
      name: 'outside-code-imports-the-package',
      comment:
        "kernels, oracles, sweeps, examples and templates import the package by name ('twinpath', 'twinpath/oracle'), as an outside project does",
      severity: 'error',
      from: { path: '^(kernels|oracles|cases|examples|templates)/', pathNot: TESTS },
      to: { path: '^src/' },
    },
    {
      name: 'no-cycles',
      comment: 'an import cycle: move what the modules share into a module both import',
      severity: 'error',
      from: { pathNot: 'node_modules/' },
      to: { circular: true },
    },
    {
      name: 'relative-imports-resolve',
      comment: 'a relative import or URL names no file: fix the path (an import names its .ts file)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: '^[.]' },
    },
  ],
  options: {
    // TypeScript 7 has no JS compiler API, so dependency-cruiser's `tsc`
    // parser cannot run: @swc/core parses TypeScript natively, and sees
    // `import type` as well as value imports.
    parser: 'swc',
    tsPreCompilationDeps: false,
    moduleSystems: ['es6', 'cjs'],
    // node_modules may be a link elsewhere: match it anywhere in the path. The planted violations of
    // src/import-rules.test.ts are a tree of their own, checked from their folder.
    doNotFollow: { path: 'node_modules/' },
    exclude: { path: 'node_modules/|^(dist|twinpath-report)/|^src/fixtures/import-rules/' },
  },
};
