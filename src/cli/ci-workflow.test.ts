import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'prettier';
import { expect, test } from 'vitest';
import { parseYamlSubset, type Yaml } from './fixtures/yaml-subset.ts';
import { ciWorkflow } from './ci-workflow.ts';
import { initProject } from './scaffold.ts';

type Map = { [key: string]: Yaml };
const at = (y: Yaml, ...path: string[]): Yaml => path.reduce<Yaml>((v, k) => (v as Map)[k] ?? '', y);
const commands = (steps: Yaml) => (steps as Map[]).map((s) => String(s.run ?? '')).join('\n');
const uses = (steps: Yaml) => (steps as Map[]).map((s) => String(s.uses ?? ''));

/** What a team's GitHub workflow must hold: lavapipe shards, merge, JUnit and the report kept, a GPU-runner job. */
function checkGithub(text: string, shards: number): void {
  const y = parseYamlSubset(text);
  const sweep = at(y, 'jobs', 'sweep');
  expect(at(sweep, 'runs-on')).toBe('ubuntu-latest');
  expect(at(sweep, 'strategy', 'matrix', 'shard')).toEqual(Array.from({ length: shards }, (_, i) => String(i + 1)));
  expect(commands(at(sweep, 'steps'))).toContain('bash node_modules/twinpath/scripts/setup.sh');
  expect(commands(at(sweep, 'steps'))).toContain(`npx twinpath run --shard \${{ matrix.shard }}/${shards}`);
  const merge = at(y, 'jobs', 'merge');
  expect(at(merge, 'needs')).toBe('sweep');
  expect(commands(at(merge, 'steps'))).toContain('npx twinpath merge twinpath-shard-* --report twinpath-report');
  expect(JSON.stringify(at(merge, 'steps'))).toContain('twinpath-report/junit.xml');
  expect(uses(at(merge, 'steps'))).toContain('actions/upload-artifact@v4');
  const gpu = at(y, 'jobs', 'gpu');
  expect(at(gpu, 'runs-on')).toEqual(['self-hosted', 'gpu']);
  expect(commands(at(gpu, 'steps'))).toContain('npx twinpath run --require-gpu hardware');
}

/** The same for GitLab: parallel shards, merge with the JUnit report, a job for a runner tagged gpu. */
function checkGitlab(text: string, shards: number): void {
  const y = parseYamlSubset(text);
  expect(at(y, 'sweep', 'parallel')).toBe(shards > 1 ? String(shards) : '');
  expect(at(y, 'sweep', 'script')).toContain('bash node_modules/twinpath/scripts/setup.sh');
  expect(JSON.stringify(at(y, 'sweep', 'script'))).toContain('--shard ${CI_NODE_INDEX:-1}/${CI_NODE_TOTAL:-1}');
  expect(at(y, 'merge', 'script')).toContain('npx twinpath merge twinpath-shard-* --report twinpath-report');
  expect(at(y, 'merge', 'artifacts', 'reports', 'junit')).toBe('twinpath-report/junit.xml');
  expect(at(y, 'gpu', 'tags')).toEqual(['gpu']);
  expect(at(y, 'gpu', 'script')).toContain('npx twinpath run --require-gpu hardware --report twinpath-report-gpu');
}

/**
 * A full YAML parser's verdict (prettier's, the one YAML parser installed): throws on invalid YAML. It lets a
 * duplicate key pass, which the subset reader refuses (GitHub does too).
 */
const parsesAsYaml = (text: string) => format(text, { parser: 'yaml' });

test('init --ci github and --ci gitlab write a valid workflow: lavapipe shards, merge, JUnit, a GPU runner', async () => {
  for (const shards of [1, 3]) {
    checkGithub(ciWorkflow('github', shards), shards);
    checkGitlab(ciWorkflow('gitlab', shards), shards);
    for (const system of ['github', 'gitlab'] as const) await parsesAsYaml(ciWorkflow(system, shards));
  }
  const dir = mkdtempSync(join(tmpdir(), 'twinpath-init-'));
  writeFileSync(join(dir, 'package.json'), '{"name": "p", "type": "module"}');
  expect(initProject(dir, 'github').lines).toContain(
    'created .github/workflows/twinpath.yml (lavapipe sweep in 1 shard, merge, GPU runner; docs/ci.md)',
  );
  checkGithub(readFileSync(join(dir, '.github/workflows/twinpath.yml'), 'utf8'), 1);
  expect(initProject(dir, 'gitlab').lines).toContain(
    'created .gitlab-ci.yml (lavapipe sweep in 1 shard, merge, GPU runner; docs/ci.md)',
  );
  expect(initProject(dir, 'github').lines).toContain(
    "kept .github/workflows/twinpath.yml (exists): add the jobs of twinpath's templates/ci/github.yml to it",
  );
});

test('planted: the checks catch invalid YAML and a workflow without shards or a GPU job (fixtures/ci)', async () => {
  const planted = (name: string) => readFileSync(new URL(`./fixtures/ci/${name}`, import.meta.url), 'utf8');
  expect(() => parseYamlSubset(planted('colon-in-run.yml'))).toThrow('line 6: ": " in a plain value (quote it)');
  expect(() => parseYamlSubset(planted('tab-indent.yml'))).toThrow('line 4: a tab in the indentation');
  expect(() => parseYamlSubset(planted('duplicate-key.yml'))).toThrow('line 5: duplicate key "sweep"');
  await expect(parsesAsYaml(planted('colon-in-run.yml'))).rejects.toThrow(/Nested mappings are not allowed/);
  await expect(parsesAsYaml(planted('tab-indent.yml'))).rejects.toThrow(/Tabs are not allowed as indentation/);
  expect(() => checkGithub(planted('no-gpu-job.yml'), 1)).toThrow(/expected '' to deeply equal \[ '1' \]/);
});
