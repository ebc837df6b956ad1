import { computeAffected, formatAffected, toMatrix } from '../../delivery/affected';
import { choiceOption, defineCommand, UsageError, type OptionValues } from '../command';

/** `--base REF` (required) and `--format` (one of `formats`, the first by default): shared with diff and pr. */
export function baseAndFormat<F extends string>(
  values: OptionValues,
  formats: readonly F[],
): { base: string; format: F } {
  // parseArgs gives a string for a string option: the check also narrows the type.
  const base = typeof values.base === 'string' ? values.base : undefined;
  if (!base) throw new UsageError('--base REF is required (for example --base origin/main)');
  return { base, format: choiceOption(values, 'format', formats) ?? formats[0] };
}

const FORMATS = ['json', 'matrix', 'text'] as const;

export const affectedCommand = defineCommand({
  name: 'affected',
  summary: 'List the stacks a change touches since a git ref, as JSON usable as a CI matrix.',
  usage:
    'bluelamp affected --base REF [--format json|matrix|text] [--dir PATH]\n' +
    '  json (default): {"base","all","stacks","removed","byHand","files","include"}; matrix: only {"include":[{"stack":"essex"},...]}\n' +
    "  byHand names bootstrap when the deployer's grants may change: applied by an NMC engineer, never in the matrix",
  options: {
    base: { type: 'string' },
    format: { type: 'string' },
  },
  async run(ctx, values) {
    const { base, format } = baseAndFormat(values, FORMATS);
    const result = await computeAffected(ctx.dir, base);
    // The text format already leads with this line on stdout; say it on stderr only for the JSON formats.
    if (format !== 'text') ctx.progress(formatAffected(result).split('\n')[0]);
    if (format === 'text') ctx.out(formatAffected(result));
    else if (format === 'matrix') ctx.out(JSON.stringify(toMatrix(result)));
    else ctx.out(JSON.stringify({ ...result, ...toMatrix(result) }, null, 2));
    return 0;
  },
});
