/**
 * The failure listener: for a sweep's shrunk failure, writes the level
 * pictures and `failure.json` (stats, canary, pixel values for the page's
 * readout) under `<report>/failures/<kernel>/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GUARD_BYTES, channelCount, decodeCode, readCode, type FailureArtifacts, type FailureCapture } from '../harness/index.ts';
import { levelStats } from './failure-stats.ts';
import { canaryPicture, displayMapping, levelPictures, png } from './images.ts';
import { inside, safeName } from './safe-name.ts';

/** Levels up to this many texels carry per-texel values for the pointer readout. */
const READOUT_TEXELS = 16384;

const ROLES = ['expected', 'actual', 'mask', 'heatmap', 'diff', 'pixelmatch'] as const;

function write(dir: string, relative: string, data: string | Buffer): string {
  const full = inside(dir, relative);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
  return relative;
}

/** A listener writing into the folder `reportDir()` names when a failure comes. */
export function failureWriter(reportDir: () => string): (f: FailureCapture) => FailureArtifacts {
  return (f) => {
    const dir = reportDir();
    const base = `failures/${safeName(f.kernel)}`;
    const artifacts: Record<string, string> = {};
    const storage = f.expected.desc.format.storage;
    const levels = f.maps.map((m) => {
      const pics = levelPictures(f.expected, f.actual, m);
      const files = Object.fromEntries(ROLES.map((role) => [role, write(dir, `${base}/level${m.level}-${role}.png`, png(pics[role], m.width, m.height))]));
      for (const role of ROLES) artifacts[`level${m.level}.${role}`] = files[role]!;
      const values =
        m.width * m.height <= READOUT_TEXELS
          ? (['expected', 'actual'] as const).map((which) => {
              const s = which === 'expected' ? f.expected : f.actual;
              const n = channelCount(storage);
              return Array.from({ length: m.width * m.height }, (_, i) =>
                Array.from({ length: n }, (_, c) => decodeCode(storage, readCode(s, i % m.width, Math.floor(i / m.width), m.level, c))),
              );
            })
          : undefined;
      return { ...levelStats(m), files, pixelmatchCount: pics.pixelmatchCount, amplification: pics.amplification, ...(values ? { readout: { expected: values[0], actual: values[1] } } : {}) };
    });
    const canaryLevels = f.canary.pass ? [] : [...new Set(f.canary.violations.map((v) => v.level ?? f.expected.desc.levels.length - 1))];
    const canary = canaryLevels.map((level) => {
      const c = canaryPicture(f.expected.desc, level, f.canary.violations, GUARD_BYTES);
      const file = write(dir, `${base}/level${level}-canary.png`, png(c.rgba, c.width, c.height));
      artifacts[`level${level}.canary`] = file;
      return { level, file, width: c.width, height: c.height };
    });
    artifacts.json = write(
      dir,
      `${base}/failure.json`,
      JSON.stringify({ kernel: f.kernel, case: f.case, seed: f.seed, path: f.path, format: f.comparison.format, mapping: displayMapping(storage), comparison: f.comparison, canary: f.canary, canaryPictures: canary, levels }),
    );
    return artifacts;
  };
}
