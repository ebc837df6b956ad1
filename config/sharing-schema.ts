/**
 * Evidence-sharing agreements (`services.evidenceStore.sharing` in a force file): who outside the
 * force may read which evidence, until when, and on whose approval. Schema and the checks that
 * need only the file; checks against today's date are in sharing-rules.ts.
 */
import { z } from 'zod';
import { addDays } from '../util/london-time';

/** The longest an agreement may run from its approval: a partner's access is re-approved, not rolled over. */
export const MAX_SHARING_DAYS = 90;

const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const guid = () => z.string().regex(GUID_RE, { message: 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' });

const isoDate = () => z.iso.date({ message: 'must be a real calendar date written YYYY-MM-DD' });

/** True for a real `YYYY-MM-DD` day (the schema has said so; refinements still see bad values). */
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && addDays(v, 0) === v;

/** Container names as Azure allows them (3-63 lower-case letters, digits, single hyphens). */
export const CONTAINER_NAME_RE = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;

/**
 * A case prefix: folders under the container, ending in `/`. Letters, digits, `.`, `_`, `-`, `/`
 * only: it is written into an Azure role-assignment condition between single quotes, so a quote
 * or a wildcard could widen what the partner reads.
 */
export const CASE_PREFIX_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*\/$/;

export const SharedScopeSchema = z.strictObject({
  container: z
    .string()
    .regex(CONTAINER_NAME_RE, { message: 'must be a container name (3-63 lower-case letters, digits, hyphens)' })
    .describe('An evidence container of this force (services.evidenceStore.containers).'),
  prefix: z
    .string()
    .max(512)
    .regex(CASE_PREFIX_RE, {
      message: 'must be a case folder ending in "/" (letters, digits, . _ - and /), for example "case-2026-0142/"',
    })
    .optional()
    .describe('Only blobs under this case folder; without it the whole container is shared.'),
});

export const SharingAgreementSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, {
      message: 'must be 3-40 lower-case letters, digits or hyphens, starting with a letter',
    })
    .describe('Short id of the agreement; names its resources, so keep it when renewing.'),
  partner: z.string().min(3).max(100).describe('The partner organisation, for example "Crown Prosecution Service".'),
  partnerTenantId: guid().describe("The partner's own Entra tenant (where its staff sign in)."),
  guestGroupId: guid().describe("Entra group in the force's tenant holding the partner's guest accounts."),
  shares: z.array(SharedScopeSchema).min(1).max(20).describe('What is shared: containers, or case folders in them.'),
  expires: isoDate().describe(`Last day of access (London time); at most ${MAX_SHARING_DAYS} days after approvedOn.`),
  approvedBy: z
    .string()
    .min(3)
    .max(200)
    .describe('Name and role of who approved the sharing (for example the force SIRO).'),
  approvedOn: isoDate().describe('Day the sharing was approved.'),
  reference: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]{1,63}$/, { message: 'must be 2-64 letters, digits, spaces or . / _ -' })
    .describe('Data-sharing agreement or case reference, recorded on the access.'),
});

export type SharingAgreement = z.infer<typeof SharingAgreementSchema>;

/** One problem in an evidence store's sharing list, with its path below `services.evidenceStore`. */
export interface SharingProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Checks that need the whole list and the containers, not today's date: unknown containers, the
 * same partner or scope twice, an expiry past the approval's limit.
 */
export function sharingProblems(
  agreements: readonly SharingAgreement[],
  containers: readonly string[],
  enabled: boolean,
): SharingProblem[] {
  const problems: SharingProblem[] = [];
  if (agreements.length > 0 && !enabled)
    problems.push({
      path: ['enabled'],
      message: 'must be true when sharing lists agreements (there is nothing to share)',
    });
  const ids = new Map<string, number>();
  const tenants = new Map<string, number>();
  const partners = new Map<string, number>();
  agreements.forEach((a, i) => {
    const at = (...rest: (string | number)[]) => ['sharing', i, ...rest];
    const firstId = ids.get(a.id);
    if (firstId !== undefined)
      problems.push({ path: at('id'), message: `"${a.id}" is already used by sharing[${firstId}]` });
    else ids.set(a.id, i);
    // One agreement per partner: a second would let one partner hold two expiries and two approvals.
    const tenant = a.partnerTenantId.toLowerCase();
    const firstTenant = tenants.get(tenant);
    if (firstTenant !== undefined)
      problems.push({
        path: at('partnerTenantId'),
        message: `the same partner tenant as sharing[${firstTenant}]; widen that agreement instead of adding a second`,
      });
    else tenants.set(tenant, i);
    const partner = a.partner.toLowerCase().replace(/\s+/g, ' ').trim();
    const firstPartner = partners.get(partner);
    if (firstPartner !== undefined && firstTenant === undefined)
      problems.push({ path: at('partner'), message: `"${a.partner}" already has sharing[${firstPartner}]` });
    else if (firstPartner === undefined) partners.set(partner, i);

    const dated = isDay(a.expires) && isDay(a.approvedOn);
    if (dated && a.expires > addDays(a.approvedOn, MAX_SHARING_DAYS))
      problems.push({
        path: at('expires'),
        message: `${a.expires} is more than ${MAX_SHARING_DAYS} days after approvedOn (${a.approvedOn}); the latest allowed is ${addDays(a.approvedOn, MAX_SHARING_DAYS)}`,
      });
    if (dated && a.expires < a.approvedOn)
      problems.push({ path: at('expires'), message: `${a.expires} is before approvedOn (${a.approvedOn})` });

    const seen = new Set<string>();
    a.shares.forEach((s, j) => {
      if (!containers.includes(s.container))
        problems.push({
          path: at('shares', j, 'container'),
          message: `"${s.container}" is not one of this force's evidence containers (${containers.join(', ')})`,
        });
      const key = `${s.container}/${s.prefix ?? ''}`;
      if (seen.has(key)) problems.push({ path: at('shares', j), message: `shares ${key} twice` });
      seen.add(key);
    });
    // A whole-container share makes a prefix share in the same container pointless and hides intent.
    a.shares.forEach((s, j) => {
      if (s.prefix && a.shares.some((o) => o.container === s.container && !o.prefix))
        problems.push({
          path: at('shares', j, 'prefix'),
          message: `the whole container ${s.container} is already shared by this agreement; share either the container or case folders`,
        });
    });
  });
  return problems;
}
