/** HTML and XML escaping: every string from a kernel, a case or an error goes through here. */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `<b>` -> `&lt;b&gt;`; safe in text and in quoted attributes. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => MAP[c]!);
}

/** JSON for a `<script type="application/json">` block: `<` escaped so `</script>` cannot close it. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}
