/**
 * HTML and XML escaping: every string from a kernel, a case or an error goes
 * through here, for index.html and junit.xml alike.
 */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Code points XML 1.0 forbids anywhere, even escaped, and HTML reads as parse errors: C0 controls but tab,
 * newline and return; lone surrogates; U+FFFE, U+FFFF.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * `<b>` -> `&lt;b&gt;`; safe in text and in quoted attributes of HTML and XML. What markup cannot hold at
 * all is shown as a visible escape, so the file stays well-formed and the text readable:
 * `"a\u0000b\u001b[31m"` -> `a\x00b\x1b[31m`, a lone `\uD800` -> `\uD800`.
 */
export function escapeHtml(s: unknown): string {
  const visible = String(s).replace(FORBIDDEN, (c) => {
    const code = c.codePointAt(0)!;
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
  return visible.replace(/[&<>"']/g, (c) => MAP[c]!);
}

/** JSON for a `<script type="application/json">` block: `<` escaped so `</script>` cannot close it. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}
