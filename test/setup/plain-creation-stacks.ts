/**
 * cdktf records where every token was created (Lazy, intrinsics, dynamic blocks) by capturing a
 * complete stack trace into a plain object, `Error.captureStackTrace({ stack: '' })`, and reading
 * it at once, only to print it if that token later fails to resolve. Under jest every such trace
 * was formatted by jest's source-map formatter, frame by frame through the source maps: a third of
 * the CPU of a whole-estate synthesis (landing-zone.test.ts: 17 of 45 s), and capturing the frames
 * at all still cost a fifth of what was left.
 *
 * Production synthesis captures none (stacks/creation-stacks.ts, byte-identical output, tested), and
 * the tests do the same: a capture into a plain object whose `stack` is the empty string (cdktf's
 * and constructs' pattern) is left empty, so cdktf records an empty creation stack. Every other
 * capture is unchanged: errors keep jest's formatting (a failing test still points at the
 * TypeScript line), and other plain objects (depd-style call-site readers) get their frames.
 */
type ConstructorOpt = Parameters<typeof Error.captureStackTrace>[1];

const capture = Error.captureStackTrace.bind(Error);

function captureStackTrace(target: object, constructorOpt?: ConstructorOpt): void {
  if (!(target instanceof Error) && (target as { stack?: unknown }).stack === '') return;
  capture(target, constructorOpt ?? captureStackTrace);
}

Error.captureStackTrace = captureStackTrace;
