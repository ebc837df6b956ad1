/** Removes the run's temporary folder (see global-setup.ts). */
import { rmSync } from 'node:fs';
import { RUN_TMPDIR_VARIABLE } from './global-setup';

export default function globalTeardown(): void {
  const runTmp = process.env[RUN_TMPDIR_VARIABLE];
  if (runTmp) rmSync(runTmp, { recursive: true, force: true });
}
