import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { runCheckInParallel } from '../../policies/parallel-check';
import { DEFAULT_THRESHOLD, severityBreakdown, summarise } from '../../policies/formats/summary';
import type { Command } from '../command';
import { writeAssuranceReport } from './report';
import { DEFAULT_OUTDIR, loadSynthesis } from './synth';

/**
 * The main job (`npm start`): validate, synthesise, check and report the whole estate, then one
 * summary line and the report's path. Exit 1 when the check fails at the default threshold; the
 * report is still written, because a failing estate is exactly when a reviewer needs it.
 */
export const startCommand: Command = {
  name: 'start',
  summary:
    'The main job: validate, synthesise, check and report the whole estate; one summary line and the report path.',
  usage: 'bluelamp start [--dir PATH] [--quiet]',
  options: {},
  async run(ctx) {
    const started = Date.now();
    const estate = loadEstate(ctx.dir);
    ctx.progress(`valid: platform.yaml and ${estate.forces.length} forces`);
    const synth = await (
      await loadSynthesis()
    ).synthesizeEstate(estate, { outdir: join(ctx.dir, DEFAULT_OUTDIR), onProgress: (line) => ctx.progress(line) });
    const checked = Date.now();
    const run = await runCheckInParallel(
      { dir: ctx.dir, outdir: DEFAULT_OUTDIR, estate },
      { onNotice: (line) => ctx.progress(line) },
    );
    const checkMs = Date.now() - checked;
    const summary = summarise(run, DEFAULT_THRESHOLD);
    ctx.progress(`check: ${summary.rules} rules over ${summary.stacks} stacks in ${checkMs} ms`);
    const report = writeAssuranceReport(ctx, run, DEFAULT_THRESHOLD, undefined);
    const resources = synth.stacks.reduce((n, s) => n + s.resources, 0);
    const verdict =
      summary.verdict === 'pass'
        ? `check PASS (${summary.open} unwaived, ${summary.waived} waived)`
        : `check FAIL at ${DEFAULT_THRESHOLD}: ${summary.blocking} unwaived (${severityBreakdown(summary)}), ${summary.waived} waived`;
    ctx.out(
      `bluelamp: ${estate.forces.length} forces valid; ${synth.stacks.length} stacks, ${resources} resources synthesised to ${DEFAULT_OUTDIR}/; ` +
        `${verdict}; report ${report} (${((Date.now() - started) / 1000).toFixed(1)}s)`,
    );
    return summary.verdict === 'pass' ? 0 : 1;
  },
};
