/**
 * Escaping for XML and HTML text and attribute values. Characters XML 1.0 cannot carry at all
 * (control characters other than tab, LF, CR; lone surrogates) and the C1 controls it discourages
 * are replaced with U+FFFD, so a stray byte in a finding message can never make the JUnit file or
 * the report unreadable.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NOT_XML =
  // eslint-disable-next-line no-control-regex -- the control characters are what this pattern finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(value: string | number): string {
  return String(value)
    .replace(NOT_XML, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
