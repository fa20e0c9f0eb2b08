/** HTML and XML escaping: every string from a kernel, a case or an error goes through here. */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `<b>` -> `&lt;b&gt;`; safe in text and in quoted attributes. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => MAP[c]!);
}

/**
 * Code points XML 1.0 forbids anywhere, even escaped: C0 controls but tab, newline and return;
 * lone surrogates; U+FFFE, U+FFFF.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Escaped for XML text and quoted attributes; what XML cannot hold at all is
 * shown instead as a visible escape, so the file stays well-formed and the
 * text readable: `"a\u0000b\u001b[31m"` -> `a\x00b\x1b[31m`, a lone `\uD800` -> `\uD800`.
 */
export function escapeXml(s: unknown): string {
  const visible = String(s).replace(NOT_XML, (c) => {
    const code = c.codePointAt(0)!;
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
  return escapeHtml(visible);
}

/** JSON for a `<script type="application/json">` block: `<` escaped so `</script>` cannot close it. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}
