/**
 * Writes a rendered report atomically: every file goes to a temporary sibling folder, which
 * replaces the target only when complete, so a reviewer never opens a half-written report. The
 * folder belongs to the report: a non-empty folder that is not a previous report is refused
 * rather than replaced, so `--out .` cannot delete someone's work.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeDirAtomic } from '../../util/atomic';
import { hasMarker, type OwnerMarker } from '../../util/owned-dir';
import type { ReportFile } from './render';

/** Marks a folder as written by `bluelamp report` (the signature older reports carry too). */
export const REPORT_OWNER: OwnerMarker = {
  file: '.bluelamp-report',
  signature: 'Written by bluelamp report; the whole folder is replaced on the next run.',
  note: 'Do not keep other files in this folder.',
};
export const REPORT_MARKER = REPORT_OWNER.file;

/** Why the report may not be written to `outDir` (it replaces the folder whole), or undefined. */
export function reportDirProblem(outDir: string): string | undefined {
  const target = resolve(outDir);
  if (existsSync(target) && !statSync(target).isDirectory())
    return `${outDir} is a file; --out needs a folder for the report`;
  if (existsSync(target) && readdirSync(target).length > 0 && !hasMarker(target, REPORT_OWNER)) {
    return `${outDir} is not empty and was not written by bluelamp report (no ${REPORT_OWNER.file} marker); choose another --out folder`;
  }
  return undefined;
}

export function writeReport(files: readonly ReportFile[], outDir: string): string {
  const target = resolve(outDir);
  const problem = reportDirProblem(outDir);
  if (problem) throw new Error(problem);
  writeDirAtomic(
    target,
    (tmp) => {
      for (const file of files) {
        if (file.path.split('/').some((part) => part === '..' || part === ''))
          throw new Error(`refusing to write outside the report: ${file.path}`);
        const path = join(tmp, ...file.path.split('/'));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.content);
      }
    },
    { marker: REPORT_OWNER, mayReplace: () => reportDirProblem(outDir) },
  );
  return join(target, 'index.html');
}
