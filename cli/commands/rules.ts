import { ncscLabel } from '../../policies/ncsc';
import { RULE_METAS } from '../../policies/pack';
import type { RuleCategory, RuleMeta } from '../../policies/types';
import { WAIVER_RULES } from '../../policies/waivers';
import { choiceOption, type Command } from '../command';

const RULE_FORMATS = ['text', 'json', 'markdown'] as const;
type RuleFormat = (typeof RULE_FORMATS)[number];

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'List every assurance rule: id, severity, title, rationale, NCSC principles, equivalent checks.',
  usage: 'bluelamp rules [--format text|json|markdown]',
  options: { format: { type: 'string', short: 'f' } },
  run(ctx, values) {
    const format = choiceOption(values, 'format', RULE_FORMATS) ?? 'text';
    ctx.out(formatRules([...RULE_METAS, ...WAIVER_RULES], format));
    return Promise.resolve(0);
  },
};

const CATEGORY_NOTES: Readonly<Record<RuleCategory, string>> = {
  'apply-readiness': 'would fail the first apply; not a security control',
  adoption: 'what the first apply would do to resources a force adopts',
};

export function formatRules(rules: readonly RuleMeta[], format: RuleFormat): string {
  if (format === 'json') return `${JSON.stringify({ schemaVersion: 1, rules }, null, 2)}\n`;
  if (format === 'markdown') return rulesMarkdown(rules);
  return rules
    .map((r) =>
      [
        `${r.id}  ${r.severity.toUpperCase()}${r.waivable ? '' : '  (cannot be waived)'}  ${r.title}`,
        `  Why:     ${r.rationale}`,
        `  NCSC:    ${r.ncsc.map(ncscLabel).join('; ')}`,
        `  Mirrors: ${mirrors(r) || '-'}`,
        ...(r.category ? [`  Category: ${r.category} (${CATEGORY_NOTES[r.category]})`] : []),
      ].join('\n'),
    )
    .join('\n\n')
    .concat(`\n\n${rules.length} rules\n`);
}

function mirrors(r: RuleMeta): string {
  const { checkov, trivy, cis, azurePolicy } = r.mirrors;
  return [
    checkov?.length ? `Checkov ${checkov.join(', ')}` : '',
    trivy?.length ? `Trivy ${trivy.join(', ')}` : '',
    cis?.length ? `CIS Azure ${cis.join(', ')}` : '',
    azurePolicy?.length ? `Azure Policy ${azurePolicy.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The rule catalogue as a Markdown table (docs/assurance.md is generated from it). */
function rulesMarkdown(rules: readonly RuleMeta[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = rules.map(
    (r) =>
      `| ${r.id} | ${r.severity} | ${r.waivable ? 'yes' : '**no**'} | ${cell(r.title)}${r.category ? ` *(${r.category})*` : ''} | ${cell(r.rationale)} | ${r.ncsc.join(', ')} | ${cell(mirrors(r) || '-')} |`,
  );
  return [
    '| ID | Severity | Waivable | Rule | Why | NCSC | Mirrors |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
