/**
 * The import rules of a tree: dependency-cruiser over its import statements
 * and the URL scanner over what its files reach by URL, both against the
 * rules of .dependency-cruiser.cjs.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { urlReferences, urlViolations, type ImportRule } from './url-references.ts';

/** The repository root: where the rules live. */
export const REPOSITORY = join(import.meta.dirname, '..', '..');

/** The folders whose files the rules cover. */
export const CHECKED_FOLDERS = ['src', 'kernels', 'oracles', 'cases', 'examples', 'templates', 'scripts'];

/** One broken rule: the importing file, what it reaches, the rule's name and the fix. */
export interface RuleViolation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
  readonly fix: string;
}

interface Rules {
  readonly forbidden: readonly ImportRule[];
  readonly options: Record<string, unknown>;
}

const rules = createRequire(import.meta.url)(join(REPOSITORY, '.dependency-cruiser.cjs')) as Rules;

/** A violation as one line: `src/model/a.ts → src/backends/registry.ts: model-imports-only-model — fix: …`. */
export function describeViolation(violation: RuleViolation): string {
  return `${violation.from} → ${violation.to}: ${violation.rule} — fix: ${violation.fix}`;
}

/** What dependency-cruiser's violation says: a cycle or a reachability chain shows every step. */
function fromCruiser(violation: IViolation): RuleViolation {
  const chain = violation.cycle ?? violation.via;
  const to = chain?.length ? chain.map((step) => step.name).join(' → ') : violation.to;
  const rule = rules.forbidden.find((candidate) => candidate.name === violation.rule.name);
  return { rule: violation.rule.name, from: violation.from, to, fix: rule?.comment ?? '' };
}

/** The tree at `root` as dependency-cruiser sees it: its import-statement violations and its own modules. */
async function cruiseTree(root: string, folders: readonly string[]) {
  const result = await cruise([...folders], {
    ...rules.options,
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
  } as Parameters<typeof cruise>[1]);
  const output = result.output as ICruiseResult;
  const inFolders = (file: string) => folders.some((folder) => file.startsWith(`${folder}/`));
  return {
    violations: output.summary.violations.map(fromCruiser),
    modules: output.modules
      .map((module) => module.source)
      .filter((file) => inFolders(file) && existsSync(join(root, file))),
  };
}

/** The URL-reference violations of `files` (paths relative to `root`). */
function referenceViolations(root: string, files: readonly string[]): RuleViolation[] {
  return files.flatMap((file) =>
    urlReferences(root, file).flatMap((reference) =>
      urlViolations(reference, rules.forbidden).map((violation) => ({
        rule: violation.rule,
        from: `${violation.from}:${violation.line}`,
        to: violation.to,
        fix: violation.fix,
      })),
    ),
  );
}

/** A tree to check: its root and the folders under it the rules cover. */
export interface CheckedTree {
  readonly root?: string;
  readonly folders?: readonly string[];
}

/**
 * Every rule the tree breaks, by import statement or by URL, e.g.
 * `src/model/a.ts → src/backends/registry.ts: model-imports-only-model — fix: src/model/ is pure: …`.
 */
export async function checkImportRules(tree: CheckedTree = {}): Promise<RuleViolation[]> {
  const root = tree.root ?? REPOSITORY;
  const present = (tree.folders ?? CHECKED_FOLDERS).filter((folder) => existsSync(join(root, folder)));
  const cruised = await cruiseTree(root, present);
  return [...cruised.violations, ...referenceViolations(root, cruised.modules)];
}
