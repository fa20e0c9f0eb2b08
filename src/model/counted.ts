/**
 * A count and what it counts, in the singular for one: the one place console and report text pluralize.
 */

/** `1 case`, `0 cases`, `32 cases`; `plural` where adding an s is wrong (`counted(2, 'entry', 'entries')`). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
