/**
 * cdktf records a full stack trace (Error.stackTraceLimit raised to the maximum, then formatted
 * to text) for every token it creates, to name the line that made a token that later fails to
 * resolve. Formatting those traces is about a third of the CPU of synthesising the estate
 * (measured with node --cpu-prof: cdktf/lib/tokens/private/stack-trace.js and V8's
 * defaultPrepareStackTrace), and Blue Lamp never prints them: its App sets `stackTraces: false`.
 *
 * Node's documented hook Error.prepareStackTrace decides how a trace becomes text; while it
 * returns '', cdktf's capture yields an empty list. The output is byte-identical (a test compares
 * it with a normal synthesis). The hook is restored afterwards, even when synthesis throws; an
 * error thrown inside keeps its message, and its stack is formatted when first read, by then with
 * Node's own formatter.
 */
export function withoutCreationStacks<T>(fn: () => T): T {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- a static hook, saved to be put back as it was
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
