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

/** Characters that reorder how a line is displayed (bidirectional overrides and isolates). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text from outside Blue Lamp (file names from git, terraform's output) for a terminal, a CI log
 * or a job summary: `printable`, and also a lone carriage return (which returns to the start of
 * the line, so what follows overwrites what the reader saw) and bidirectional overrides (which
 * make a line read differently from what it holds). CRLF line ends stay line ends.
 */
export function terminalSafe(text: string): string {
  return printable(text.replace(/\r\n/g, '\n')).replace(/\r/g, '\uFFFD').replace(BIDI, '\uFFFD');
}
