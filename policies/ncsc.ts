/**
 * The NCSC cloud security principles (https://www.ncsc.gov.uk/collection/cloud/the-cloud-security-principles),
 * with the sub-principles Azure's "UK OFFICIAL and UK NHS" initiative groups its policies under.
 */
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

/** The top-level principle of a sub-principle ("2.3" -> "2"). */
export function ncscTopLevel(id: string): string {
  return id.split('.')[0];
}
