/**
 * Links and headings for the NCSC cloud security principles a rule serves, so outputs can name
 * and link the principle rather than print a bare "5.3". Names come from policies/ncsc.ts.
 */
import { NCSC_PRINCIPLES, ncscTopLevel } from '../ncsc';
import type { NcscPrinciple } from '../types';

const BASE = 'https://www.ncsc.gov.uk/collection/cloud/the-cloud-security-principles';

/** The NCSC's page slugs for the 14 principles (their published URLs, not derived from our names). */
const SLUGS: readonly string[] = [
  'data-in-transit-protection',
  'asset-protection-and-resilience',
  'separation-between-customers',
  'governance-framework',
  'operational-security',
  'personnel-security',
  'secure-development',
  'supply-chain-security',
  'secure-user-management',
  'identity-and-authentication',
  'external-interface-protection',
  'secure-service-administration',
  'audit-information-and-alerting-for-customers',
  'secure-use-of-the-service',
];

/** The top-level principles, 1 to 14, as strings. */
export const TOP_LEVEL_PRINCIPLES: readonly string[] = SLUGS.map((_, i) => String(i + 1));

/** The top-level principle of "2.3" ("2"), or undefined for anything that is not a principle. */
export function principleNumber(principle: NcscPrinciple): string | undefined {
  const top = ncscTopLevel(principle);
  return TOP_LEVEL_PRINCIPLES.includes(top) ? top : undefined;
}

/** "Principle 2: Asset protection and resilience". */
export function principleTitle(principle: NcscPrinciple): string {
  const top = principleNumber(principle);
  return top ? `Principle ${top}: ${NCSC_PRINCIPLES[top]}` : `Principle ${principle}`;
}

/** The NCSC's page for a principle; the collection page when the number is unknown. */
export function principleUrl(principle: NcscPrinciple): string {
  const top = principleNumber(principle);
  return top ? `${BASE}/principle-${top}-${SLUGS[Number(top) - 1]}` : BASE;
}
