/**
 * The 43 territorial police forces of England and Wales, with the choices the sample estate
 * makes for each. Sizes follow the forces' relative scale; choices are illustrative, not any
 * force's real plan.
 */

export type ForceSize = 'xl' | 'l' | 'm' | 's';

export interface ForceProfile {
  readonly id: string;
  readonly name: string;
  readonly size: ForceSize;
  /** West and Wales lean to ukwest for resilience; most choose uksouth. */
  readonly region?: 'uksouth' | 'ukwest';
  readonly box?: boolean;
  readonly office365?: boolean;
  readonly evidence?: boolean;
  readonly connectivity?: 'none' | 'vpn' | 'expressroute';
  readonly classification?: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  /** Evidence-sharing agreements with criminal justice partners (services.evidenceStore.sharing). */
  readonly sharing?: readonly SharingProfile[];
}

/** A sample agreement; tenant and group ids are placeholders derived from the partner and force. */
export interface SharingProfile {
  readonly id: string;
  readonly partner: string;
  /** Key of the partner organisation: forces sharing with the same partner name the same tenant. */
  readonly partnerKey: string;
  readonly shares: readonly { container: string; prefix?: string }[];
  readonly expires: string;
  readonly approvedBy: string;
  readonly approvedOn: string;
  readonly reference: string;
}

export const NATIONAL_ESTATE: readonly ForceProfile[] = [
  {
    id: 'avon-and-somerset',
    name: 'Avon and Somerset Police',
    size: 'l',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  { id: 'bedfordshire', name: 'Bedfordshire Police', size: 's', office365: true, evidence: true, connectivity: 'vpn' },
  {
    id: 'cambridgeshire',
    name: 'Cambridgeshire Constabulary',
    size: 'm',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  {
    id: 'cheshire',
    name: 'Cheshire Constabulary',
    size: 'm',
    region: 'ukwest',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  {
    id: 'city-of-london',
    name: 'City of London Police',
    size: 's',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
    classification: 'OFFICIAL-SENSITIVE',
  },
  { id: 'cleveland', name: 'Cleveland Police', size: 's', office365: true, connectivity: 'vpn' },
  { id: 'cumbria', name: 'Cumbria Constabulary', size: 's', region: 'ukwest', office365: true },
  {
    id: 'derbyshire',
    name: 'Derbyshire Constabulary',
    size: 'm',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  {
    id: 'devon-and-cornwall',
    name: 'Devon and Cornwall Police',
    size: 'l',
    region: 'ukwest',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  { id: 'dorset', name: 'Dorset Police', size: 's', office365: true, evidence: true },
  { id: 'durham', name: 'Durham Constabulary', size: 's', office365: true, evidence: true, connectivity: 'vpn' },
  {
    id: 'essex',
    name: 'Essex Police',
    size: 'l',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  { id: 'gloucestershire', name: 'Gloucestershire Constabulary', size: 's', region: 'ukwest', office365: true },
  {
    id: 'greater-manchester',
    name: 'Greater Manchester Police',
    size: 'xl',
    region: 'ukwest',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
    classification: 'OFFICIAL-SENSITIVE',
  },
  {
    id: 'hampshire',
    name: 'Hampshire and Isle of Wight Constabulary',
    size: 'l',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  {
    id: 'hertfordshire',
    name: 'Hertfordshire Constabulary',
    size: 'm',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  { id: 'humberside', name: 'Humberside Police', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  {
    id: 'kent',
    name: 'Kent Police',
    size: 'l',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  {
    id: 'lancashire',
    name: 'Lancashire Constabulary',
    size: 'l',
    region: 'ukwest',
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  {
    id: 'leicestershire',
    name: 'Leicestershire Police',
    size: 'm',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  { id: 'lincolnshire', name: 'Lincolnshire Police', size: 's', office365: true, connectivity: 'vpn' },
  {
    id: 'merseyside',
    name: 'Merseyside Police',
    size: 'l',
    region: 'ukwest',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  {
    id: 'metropolitan',
    name: 'Metropolitan Police Service',
    size: 'xl',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
    classification: 'OFFICIAL-SENSITIVE',
    // Sample agreements: they expire like real ones (the latest on 2027-02-20); renew the dates
    // here and run `npm run generate-estate` to keep the bundled estate valid after that.
    sharing: [
      {
        id: 'cps-london-north',
        partner: 'Crown Prosecution Service (CPS London North)',
        partnerKey: 'cps',
        shares: [
          { container: 'evidence', prefix: 'urn-01mp1234526/' },
          { container: 'evidence', prefix: 'urn-01mp2209126/' },
        ],
        expires: '2027-02-19',
        approvedBy: 'Detective Superintendent A. Okafor, Senior Information Risk Owner',
        approvedOn: '2026-11-23',
        reference: 'DSA-MPS-CPS-2026-114',
      },
      {
        id: 'southwark-crown-court',
        partner: 'HM Courts and Tribunals Service (Southwark Crown Court)',
        partnerKey: 'hmcts',
        shares: [{ container: 'evidence', prefix: 'urn-01mp1234526/' }],
        expires: '2027-02-20',
        approvedBy: 'Detective Superintendent A. Okafor, Senior Information Risk Owner',
        approvedOn: '2026-11-26',
        reference: 'DSA-MPS-HMCTS-2026-031',
      },
    ],
  },
  { id: 'norfolk', name: 'Norfolk Constabulary', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'north-yorkshire', name: 'North Yorkshire Police', size: 'm', office365: true, connectivity: 'vpn' },
  { id: 'northamptonshire', name: 'Northamptonshire Police', size: 's', office365: true, evidence: true },
  {
    id: 'northumbria',
    name: 'Northumbria Police',
    size: 'l',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  {
    id: 'nottinghamshire',
    name: 'Nottinghamshire Police',
    size: 'm',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  {
    id: 'south-yorkshire',
    name: 'South Yorkshire Police',
    size: 'l',
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  {
    id: 'staffordshire',
    name: 'Staffordshire Police',
    size: 'm',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  { id: 'suffolk', name: 'Suffolk Constabulary', size: 's', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'surrey', name: 'Surrey Police', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  {
    id: 'sussex',
    name: 'Sussex Police',
    size: 'l',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  {
    id: 'thames-valley',
    name: 'Thames Valley Police',
    size: 'l',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  { id: 'warwickshire', name: 'Warwickshire Police', size: 's', office365: true },
  {
    id: 'west-mercia',
    name: 'West Mercia Police',
    size: 'm',
    region: 'ukwest',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  {
    id: 'west-midlands',
    name: 'West Midlands Police',
    size: 'xl',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
    classification: 'OFFICIAL-SENSITIVE',
    sharing: [
      {
        id: 'cps-west-midlands',
        partner: 'Crown Prosecution Service (CPS West Midlands)',
        partnerKey: 'cps',
        shares: [{ container: 'evidence', prefix: 'urn-20wm0481726/' }],
        expires: '2027-02-15',
        approvedBy: 'Chief Superintendent R. Bains, Senior Information Risk Owner',
        approvedOn: '2026-11-20',
        reference: 'DSA-WMP-CPS-2026-077',
      },
    ],
  },
  {
    id: 'west-yorkshire',
    name: 'West Yorkshire Police',
    size: 'xl',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
  { id: 'wiltshire', name: 'Wiltshire Police', size: 's', office365: true, evidence: true },
  { id: 'dyfed-powys', name: 'Dyfed-Powys Police', size: 's', region: 'ukwest', office365: true, evidence: true },
  {
    id: 'gwent',
    name: 'Gwent Police',
    size: 's',
    region: 'ukwest',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  {
    id: 'north-wales',
    name: 'North Wales Police',
    size: 's',
    region: 'ukwest',
    office365: true,
    evidence: true,
    connectivity: 'vpn',
  },
  {
    id: 'south-wales',
    name: 'South Wales Police',
    size: 'l',
    region: 'ukwest',
    box: true,
    office365: true,
    evidence: true,
    connectivity: 'expressroute',
  },
];
