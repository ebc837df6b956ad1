/**
 * cdktf records where every token was created (Lazy, intrinsics, dynamic blocks) by capturing a
 * complete stack trace into a plain object, `Error.captureStackTrace({ stack: '' })`, and reading
 * it at once. Under jest every such trace is formatted by jest's source-map formatter, frame by
 * frame through the source maps, which made a third of the CPU of a whole-estate synthesis
 * (landing-zone.test.ts: 17 of 45 s).
 *
 * Traces captured into anything but an Error are formatted here with V8's own frame text instead,
 * so they hold the same frames, unmapped. Errors keep jest's formatting: a failing test still points
 * at the TypeScript line.
 */
type ConstructorOpt = Parameters<typeof Error.captureStackTrace>[1];

const capture = Error.captureStackTrace.bind(Error);

/** A V8 CallSite: its toString gives the frame as V8 writes it ("fn (file:line:col)"). */
interface PrintableFrame {
  toString(): string;
}

/** Node's default text: the header, then one "at <frame>" line per frame (CallSite's own toString). */
function plainStack(error: unknown, frames: readonly NodeJS.CallSite[]): string {
  const header = error instanceof Error ? `${error.name}: ${error.message}` : Object.prototype.toString.call(error);
  const lines = (frames as readonly PrintableFrame[]).map((frame) => `\n    at ${frame.toString()}`);
  return header + lines.join('');
}

function captureStackTrace(target: object, constructorOpt?: ConstructorOpt): void {
  if (target instanceof Error) {
    capture(target, constructorOpt ?? captureStackTrace);
    return;
  }
  const formatter = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
  Error.prepareStackTrace = plainStack;
  try {
    capture(target, constructorOpt ?? captureStackTrace);
    // Formatted on first read: read it while the plain formatter is in place.
    void (target as { stack?: unknown }).stack;
  } finally {
    if (formatter) Object.defineProperty(Error, 'prepareStackTrace', formatter);
    else Reflect.deleteProperty(Error, 'prepareStackTrace');
  }
}

Error.captureStackTrace = captureStackTrace;
