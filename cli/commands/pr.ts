import { formatDiffMarkdown, formatDiffText } from '../../delivery/diff-format';
import { reviewPullRequest, type PullRequestReview } from '../../delivery/pull-request';
import { formatRun } from '../../policies/formats';
import { toJsonReport } from '../../policies/formats/json';
import { DEFAULT_THRESHOLD, summarise, verdictLine } from '../../policies/formats/summary';
import { SEVERITIES, type Severity } from '../../policies/types';
import { choiceOption, type Command } from '../command';
import { baseAndFormat } from './affected';

const FORMATS = ['text', 'markdown', 'json'] as const;

export const prCommand: Command = {
  name: 'pr',
  summary:
    'Review a change in one process: validate, synthesise and check only the affected stacks, then the verdict and the diff.',
  usage:
    'bluelamp pr --base REF [--format text|markdown|json] [--severity critical|high|medium|low] [--dir PATH]\n' +
    '  exit 1 when the check fails at the threshold; markdown is for a pull-request comment',
  options: {
    base: { type: 'string' },
    format: { type: 'string' },
    severity: { type: 'string' },
  },
  readOnly: true,
  async run(ctx, values) {
    const { base, format } = baseAndFormat(values, FORMATS);
    const threshold = choiceOption(values, 'severity', SEVERITIES) ?? DEFAULT_THRESHOLD;
    const started = process.hrtime.bigint();
    const review = await reviewPullRequest(ctx.dir, base, (line) => ctx.progress(line));
    const pass = !review.check || summarise(review.check, threshold).verdict === 'pass';
    ctx.out(render(review, format, threshold));
    ctx.progress(
      `pr: ${review.affected.stacks.length} stack${review.affected.stacks.length === 1 ? '' : 's'} affected, ${review.synthesised} synthesised, ${review.reused} reused, ` +
        `in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)}s`,
    );
    return pass ? 0 : 1;
  },
};

function verdict(review: PullRequestReview, threshold: Severity): string {
  return review.check ? verdictLine(summarise(review.check, threshold)) : 'no stack affected: nothing to check';
}

function render(review: PullRequestReview, format: (typeof FORMATS)[number], threshold: Severity): string {
  const header = { base: review.base, strategy: review.strategyText, removed: review.affected.removed };
  if (format === 'json')
    return JSON.stringify(
      {
        base: review.base,
        affected: review.affected,
        verdict: review.check ? summarise(review.check, threshold).verdict : 'pass',
        check: review.check ? toJsonReport(review.check, threshold) : undefined,
        diffs: review.diffs,
      },
      null,
      2,
    );
  if (format === 'markdown')
    return [
      `**Blue Lamp check**: ${verdict(review, threshold)}`,
      '',
      review.check ? formatRun(review.check, 'markdown', threshold) : '',
      formatDiffMarkdown(review.diffs, header),
    ].join('\n');
  return [
    `bluelamp pr against ${review.base}: ${verdict(review, threshold)}`,
    // The findings table, when there are findings (its closing verdict line is the one above).
    review.check && review.check.findings.length > 0 ? formatRun(review.check, 'text', threshold).trimEnd() : '',
    formatDiffText(review.diffs, header),
  ]
    .filter(Boolean)
    .join('\n\n');
}
