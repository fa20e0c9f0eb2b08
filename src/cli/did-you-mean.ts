/**
 * Suggestions for a mistyped name (a flag, a command, a kernel): the nearest
 * valid name by Damerau–Levenshtein distance (an insertion, a deletion, a
 * substitution or a swap of neighbours counts 1).
 */

/** The optimal-string-alignment distance between `a` and `b`: `runz`→`runs` is 1, `rusn`→`runs` is 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate nearest to `word`, when it is near enough to be the one meant (at most a third of the longer name
 * wrong, and at least one edit allowed); the first of equals in `candidates` order. Undefined when none is.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const distance = editDistance(word.toLowerCase(), c.toLowerCase());
    const allowed = Math.max(1, Math.floor(Math.max(word.length, c.length) / 3));
    if (distance <= allowed && distance < bestDistance) [best, bestDistance] = [c, distance];
  }
  return best;
}

/** ` (did you mean --runs?)` for `--runz` among the flags, with `shown` naming the suggestion; '' when none is near. */
export function didYouMean(word: string, candidates: readonly string[], shown = (c: string) => c): string {
  const n = nearest(word, candidates);
  return n === undefined ? '' : ` (did you mean ${shown(n)}?)`;
}
