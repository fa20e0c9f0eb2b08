import { expect, test } from 'vitest';
import type { ViteUserConfig as UserConfig } from 'vitest/config';
import { twinpath } from './vitest-preset.ts';

type Hook = (config: UserConfig) => Promise<UserConfig | null>;
const apply = (options?: Parameters<typeof twinpath>[0]) => twinpath(options).config as unknown as Hook;

test('the preset adds forked workers, its setup file, its reporter beside the default, GPU timeouts', async () => {
  const added = await apply()({ root: process.cwd() });
  expect(added?.test).toMatchObject({ pool: 'forks', testTimeout: 120_000, hookTimeout: 60_000 });
  expect(added?.test?.setupFiles).toEqual([expect.stringMatching(/project[/\\]setup\.ts$/)]);
  expect(added?.test?.reporters).toEqual(['default', expect.objectContaining({ onTestRunEnd: expect.any(Function) })]);
});

test("beside a project's own reporters it adds only its own; applied twice it applies once", async () => {
  const own = await apply()({ root: process.cwd(), test: { reporters: ['dot'] } });
  expect(own?.test?.reporters).toHaveLength(1);
  expect(
    await apply({ reporters: 'only' })({ root: process.cwd(), test: { setupFiles: own!.test!.setupFiles! } }),
  ).toBeNull();
});
