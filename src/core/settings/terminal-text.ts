/**
 * Text from a kernel, a case or an error, made safe for a terminal: control
 * characters (escape sequences, carriage returns, bells, C1 controls) shown as
 * `\x1b`-style escapes, so a case description cannot move the cursor, recolour
 * the log or hide a line. Newlines and tabs stay.
 */
// oxlint-disable-next-line no-control-regex -- matching control characters is this module's job
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `"a\u001b[2Jb"` -> `a\x1b[2Jb` (literally backslash, x, 1, b). */
export function terminalSafe(s: string): string {
  return s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
