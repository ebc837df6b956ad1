/**
 * Control characters from a finding (a tag value in a force YAML can hold an ESC sequence) must
 * not reach a terminal, a CI log or a pull-request comment as control characters: they could
 * clear the screen, hide lines or forge a PASS. They are shown as U+FFFD instead.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** The text with every C0/C1 control character except tab, LF and CR replaced by U+FFFD. */
export function printable(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}
