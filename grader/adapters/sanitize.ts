/** Making learner text safe for an output format, at the output boundary. */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escapes is the point
const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** No terminal escape sequences or control characters (newlines and tabs stay). */
export function plain(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "");
}

/** At most `limit` characters, with a visible mark when cut. */
export function cap(
  text: string,
  limit: number,
  note = `[truncated at ${limit} characters]`,
): string {
  return text.length <= limit
    ? text
    : `${text.slice(0, Math.max(0, limit - note.length - 1))}\n${note}`;
}

/** Text for XML content and attributes. */
export function xml(text: string): string {
  return plain(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Text inside a Markdown table cell or line: no HTML, no table breaks. */
export function markdown(text: string): string {
  return plain(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");
}
