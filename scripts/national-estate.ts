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
}

export const NATIONAL_ESTATE: readonly ForceProfile[] = [
  { id: 'avon-and-somerset', name: 'Avon and Somerset Police', size: 'l', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'bedfordshire', name: 'Bedfordshire Police', size: 's', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'cambridgeshire', name: 'Cambridgeshire Constabulary', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'cheshire', name: 'Cheshire Constabulary', size: 'm', region: 'ukwest', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'city-of-london', name: 'City of London Police', size: 's', box: true, office365: true, evidence: true, connectivity: 'expressroute', classification: 'OFFICIAL-SENSITIVE' },
  { id: 'cleveland', name: 'Cleveland Police', size: 's', office365: true, connectivity: 'vpn' },
  { id: 'cumbria', name: 'Cumbria Constabulary', size: 's', region: 'ukwest', office365: true },
  { id: 'derbyshire', name: 'Derbyshire Constabulary', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'devon-and-cornwall', name: 'Devon and Cornwall Police', size: 'l', region: 'ukwest', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'dorset', name: 'Dorset Police', size: 's', office365: true, evidence: true },
  { id: 'durham', name: 'Durham Constabulary', size: 's', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'essex', name: 'Essex Police', size: 'l', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'gloucestershire', name: 'Gloucestershire Constabulary', size: 's', region: 'ukwest', office365: true },
  { id: 'greater-manchester', name: 'Greater Manchester Police', size: 'xl', region: 'ukwest', box: true, office365: true, evidence: true, connectivity: 'expressroute', classification: 'OFFICIAL-SENSITIVE' },
  { id: 'hampshire', name: 'Hampshire and Isle of Wight Constabulary', size: 'l', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'hertfordshire', name: 'Hertfordshire Constabulary', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'humberside', name: 'Humberside Police', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'kent', name: 'Kent Police', size: 'l', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'lancashire', name: 'Lancashire Constabulary', size: 'l', region: 'ukwest', office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'leicestershire', name: 'Leicestershire Police', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'lincolnshire', name: 'Lincolnshire Police', size: 's', office365: true, connectivity: 'vpn' },
  { id: 'merseyside', name: 'Merseyside Police', size: 'l', region: 'ukwest', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'metropolitan', name: 'Metropolitan Police Service', size: 'xl', box: true, office365: true, evidence: true, connectivity: 'expressroute', classification: 'OFFICIAL-SENSITIVE' },
  { id: 'norfolk', name: 'Norfolk Constabulary', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'north-yorkshire', name: 'North Yorkshire Police', size: 'm', office365: true, connectivity: 'vpn' },
  { id: 'northamptonshire', name: 'Northamptonshire Police', size: 's', office365: true, evidence: true },
  { id: 'northumbria', name: 'Northumbria Police', size: 'l', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'nottinghamshire', name: 'Nottinghamshire Police', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'south-yorkshire', name: 'South Yorkshire Police', size: 'l', office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'staffordshire', name: 'Staffordshire Police', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'suffolk', name: 'Suffolk Constabulary', size: 's', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'surrey', name: 'Surrey Police', size: 'm', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'sussex', name: 'Sussex Police', size: 'l', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'thames-valley', name: 'Thames Valley Police', size: 'l', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'warwickshire', name: 'Warwickshire Police', size: 's', office365: true },
  { id: 'west-mercia', name: 'West Mercia Police', size: 'm', region: 'ukwest', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'west-midlands', name: 'West Midlands Police', size: 'xl', box: true, office365: true, evidence: true, connectivity: 'expressroute', classification: 'OFFICIAL-SENSITIVE' },
  { id: 'west-yorkshire', name: 'West Yorkshire Police', size: 'xl', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
  { id: 'wiltshire', name: 'Wiltshire Police', size: 's', office365: true, evidence: true },
  { id: 'dyfed-powys', name: 'Dyfed-Powys Police', size: 's', region: 'ukwest', office365: true, evidence: true },
  { id: 'gwent', name: 'Gwent Police', size: 's', region: 'ukwest', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'north-wales', name: 'North Wales Police', size: 's', region: 'ukwest', office365: true, evidence: true, connectivity: 'vpn' },
  { id: 'south-wales', name: 'South Wales Police', size: 'l', region: 'ukwest', box: true, office365: true, evidence: true, connectivity: 'expressroute' },
];
