/**
 * The NCSC cloud security principles (https://www.ncsc.gov.uk/collection/cloud/the-cloud-security-principles),
 * with the sub-principles Azure's "UK OFFICIAL and UK NHS" initiative groups its policies under,
 * and the NCSC's page for each, so outputs can name and link a principle rather than print a bare "5.3".
 */
import type { NcscPrinciple } from './types';

export const NCSC_PRINCIPLES: Readonly<Record<string, string>> = {
  '1': 'Data in transit protection',
  '2': 'Asset protection and resilience',
  '2.1': 'Physical location and legal jurisdiction',
  '2.2': 'Data centre security',
  '2.3': 'Data at rest protection',
  '2.4': 'Data sanitisation',
  '2.5': 'Equipment disposal',
  '2.6': 'Physical resilience and availability',
  '3': 'Separation between customers',
  '4': 'Governance framework',
  '5': 'Operational security',
  '5.1': 'Configuration and change management',
  '5.2': 'Vulnerability management',
  '5.3': 'Protective monitoring',
  '5.4': 'Incident management',
  '6': 'Personnel security',
  '7': 'Secure development',
  '8': 'Supply chain security',
  '9': 'Secure user management',
  '9.1': 'Authentication of consumers to management interfaces and within support channels',
  '9.2': 'Separation and access control within management interfaces',
  '10': 'Identity and authentication',
  '11': 'External interface protection',
  '12': 'Secure service administration',
  '13': 'Audit information and alerting for consumers',
  '14': 'Secure use of the service',
};

/** "2.3 Data at rest protection". */
export function ncscLabel(id: string): string {
  const title = NCSC_PRINCIPLES[id];
  return title ? `${id} ${title}` : id;
}

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
  const top = principle.split('.')[0];
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
