import { formatDiffMarkdown, formatDiffText } from '../../delivery/diff-format';
import { describeStrategy, diffAgainstBase } from '../../delivery/estate-diff';
import { defineCommand } from '../command';
import { baseAndFormat } from './affected';

export const diffCommand = defineCommand({
  name: 'diff',
  summary:
    'Show what a change does to each affected stack: resources added, removed and changed, security-relevant first.',
  usage:
    'bluelamp diff --base REF [--format text|markdown] [--dir PATH]\n' +
    '  the base is synthesised in a temporary git worktree; markdown is for a pull-request comment',
  options: {
    base: { type: 'string' },
    format: { type: 'string' },
  },
  async run(ctx, values) {
    const { base, format } = baseAndFormat(values, ['text', 'markdown'] as const);
    const diff = await diffAgainstBase(ctx.dir, base, (line) => ctx.progress(line));
    const header = { base, strategy: describeStrategy(diff), removed: diff.affected.removed };
    ctx.out(format === 'markdown' ? formatDiffMarkdown(diff.diffs, header) : formatDiffText(diff.diffs, header));
    return 0;
  },
});
