import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing, type App } from 'cdktf';
import type { Construct } from 'constructs';
import { removeDir } from './estate';

/**
 * Like `Testing.synthScope`, but in an app whose outdir is removed afterwards (synthScope leaves a
 * cdktf.outdir.* folder in the temp directory on every call).
 */
export function synthInTemp(fn: (scope: Construct) => void): string {
  return withTempApp((app) => {
    const stack = new TerraformStack(app, 'test');
    fn(stack);
    return Testing.synth(stack);
  });
}

/** Runs `fn` with a Testing app in a temporary outdir, removed afterwards. */
export function withTempApp<T>(fn: (app: App) => T, context?: Record<string, unknown>): T {
  const outdir = mkdtempSync(join(tmpdir(), 'bluelamp-synth-'));
  try {
    return fn(Testing.app({ outdir, context }));
  } finally {
    removeDir(outdir);
  }
}
