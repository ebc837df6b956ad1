/**
 * cdktf records a full stack trace (Error.stackTraceLimit raised to the maximum, then formatted
 * to text) for every token it creates, to name the line that made a token that later fails to
 * resolve. Capturing and formatting those traces was about a third of the CPU of synthesising the
 * estate (measured with node --cpu-prof: cdktf/lib/tokens/private/stack-trace.js, V8's
 * defaultPrepareStackTrace and the native `stack` getter), and Blue Lamp never prints them: its
 * App sets `stackTraces: false`.
 *
 * Two documented hooks turn them off while `fn` runs, and both are put back afterwards, even when
 * synthesis throws:
 * - Error.stackTraceLimit becomes an accessor that ignores writes. V8 reads the limit only when it
 *   is a plain number (it reads the data property, never calling a getter), so no frames are
 *   captured at all; cdktf's own save, raise and restore of the limit go through the accessor and
 *   change nothing. Errors created meanwhile have no `stack`; their message is what Blue Lamp
 *   reports.
 * - Error.prepareStackTrace returns '', so that if a runtime did call the accessor, the traces
 *   would still not be formatted (the slower path, measured before the accessor).
 * In both cases cdktf's capture yields an empty list and the output is byte-identical (a test
 * compares it with a normal synthesis).
 */
export function withoutCreationStacks<T>(fn: () => T): T {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- a static hook, saved to be put back as it was
  const previousPrepare = Error.prepareStackTrace;
  const previousLimit = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = () => '';
  Object.defineProperty(Error, 'stackTraceLimit', {
    configurable: true,
    enumerable: previousLimit?.enumerable ?? true,
    get: () => limit,
    set: () => undefined,
  });
  try {
    return fn();
  } finally {
    if (previousLimit) Object.defineProperty(Error, 'stackTraceLimit', previousLimit);
    else delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
    Error.prepareStackTrace = previousPrepare;
  }
}
