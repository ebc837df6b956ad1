/**
 * The configuration model: `platform.yaml` (national, owned by the NMC) and `forces/<id>.yaml`
 * (one per force, owned by that force's team). Every object is strict: an unknown key is an error.
 *
 * The JSON Schemas in config/json-schema/ are generated from these definitions
 * (`npm run schema`); a test fails when they drift.
 */
import { z } from 'zod';
import { CIDR_PATTERN, cidrProblem, IPV4_PATTERN, ipProblem, parseCidr } from '../util/cidr';
import { CONTAINER_NAME_RE, SharingAgreementSchema, sharingProblems } from './sharing-schema';
import { defenderExtensionProblems } from '../util/defender-extensions';
import {
  CENTRAL_LOG_RETENTION_DAYS,
  EVIDENCE_RETENTION_DAYS,
  FLOW_LOG_RETENTION_DAYS,
  FORCE_LOG_RETENTION_DAYS,
  UK_REGIONS,
} from '../util/platform-facts';
import { ForceFlowSchema, forceFlowIssues, PlatformNetworkSchema } from './network-flows';

export const REGIONS = UK_REGIONS;
export const CLASSIFICATIONS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const;

/** Defender for Cloud plans (the `resource_type` values azurerm accepts). */
export const DEFENDER_PLANS = [
  'CloudPosture',
  'Arm',
  'KeyVaults',
  'StorageAccounts',
  'VirtualMachines',
  'AppServices',
  'SqlServers',
  'SqlServerVirtualMachines',
  'OpenSourceRelationalDatabases',
  'CosmosDbs',
  'Containers',
  'Api',
  'AI',
] as const;

/** Built-in roles the NMC may be delegated through Lighthouse. Owner and User Access Administrator are not among them. */
export const SOC_ROLES = [
  'Reader',
  'Security Reader',
  'Log Analytics Reader',
  'Monitoring Reader',
  'Microsoft Sentinel Reader',
  'Microsoft Sentinel Responder',
  'Microsoft Sentinel Contributor',
  'Microsoft Sentinel Automation Contributor',
  'Security Admin',
] as const;

export const OFFICE365_WORKLOADS = ['exchange', 'sharepoint', 'teams'] as const;

/** zod's GUID format is util/platform-facts.ts GUID_PATTERN (a test checks that they agree). */
const guid = () => z.guid({ message: 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' });

/**
 * An IPv4 CIDR block, optionally limited to a range of prefix lengths. The `pattern` is for the
 * generated JSON Schema (editors); the refinement is the check, with the CLI's wording.
 */
const cidr = (prefixRange?: { min: number; max: number }) =>
  z
    .string()
    .meta({ pattern: CIDR_PATTERN })
    .superRefine((value, ctx) => {
      const problem = cidrProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (prefixRange) {
        const { prefix } = parseCidr(value);
        if (prefix < prefixRange.min || prefix > prefixRange.max) {
          ctx.addIssue({
            code: 'custom',
            message: `${value} must be between /${prefixRange.min} and /${prefixRange.max}`,
          });
        }
      }
    });

const ipv4 = () =>
  z
    .string()
    .meta({ pattern: IPV4_PATTERN })
    .superRefine((value, ctx) => {
      const problem = ipProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const email = () => z.email({ message: 'must be an email address' });

const phone = () => z.string().regex(/^\+?[0-9 ]{6,20}$/, { message: 'must be a phone number' });

/** Lower-case identifiers that are safe in every Azure resource name the platform derives from them. */
export const FORCE_ID_RE = /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/;

const tagValue = () => z.string().min(1).max(256);

// ---------------------------------------------------------------- platform.yaml

export const SocGroupSchema = z.strictObject({
  principalId: guid().describe('Object id of the NMC Entra group (in the NMC tenant).'),
  displayName: z.string().min(1).max(100).describe('Shown to the force on the Lighthouse offer.'),
  role: z.enum(SOC_ROLES).describe('Built-in role delegated to the group on each force subscription.'),
});

export const PlatformSchema = z
  .strictObject({
    nmc: z
      .strictObject({
        tenantId: guid().describe('Entra tenant of the National Management Centre.'),
        socGroups: z
          .array(SocGroupSchema)
          .min(1)
          .describe('NMC groups that every force delegates to through Azure Lighthouse.'),
        securityEmail: email().describe(
          'Security contact for Defender alerts on the national hub subscription (the NMC SOC).',
        ),
        securityPhone: phone().optional().describe('Phone for Defender alerts on the national hub subscription.'),
      })
      .describe('The National Management Centre that runs the SOC.'),
    regions: z
      .strictObject({
        allowed: z.array(z.enum(REGIONS)).min(1).describe('Regions any resource may be placed in.'),
        default: z.enum(REGIONS).default('uksouth').describe('Region used when a force does not choose one.'),
      })
      .describe('UK data residency.'),
    stateBackend: z
      .strictObject({
        subscriptionId: guid().describe('Subscription that holds the state storage account.'),
        resourceGroupName: z.string().min(1).max(90).describe('Resource group of the state storage account.'),
        storageAccountName: z
          .string()
          .regex(/^[a-z0-9]{3,24}$/, { message: 'must be 3-24 lower-case letters or digits' })
          .describe('State storage account (Entra auth, no keys).'),
        containerName: z
          .string()
          .regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, {
            message: 'must be 3-63 lower-case letters, digits or hyphens',
          })
          .describe('Blob container holding every stack state file.'),
      })
      .describe('Azure Storage backend; each stack has its own state key.'),
    hub: z
      .strictObject({
        subscriptionId: guid().describe('Subscription of the national hub (in the NMC tenant).'),
        region: z.enum(REGIONS).default('uksouth').describe('Region of the hub.'),
        addressSpace: cidr().describe('Address space of the hub VNet.'),
        firewallPrivateIp: ipv4().describe('Private IP of the hub Azure Firewall; every spoke routes 0.0.0.0/0 here.'),
        publicIpAllowList: z
          .array(z.string().min(1))
          .default([])
          .describe('Names of hub resources allowed a public IP (for example the firewall).'),
      })
      .describe('The national hub network.'),
    addressPool: cidr().describe('Block that every force spoke address space is carved from.'),
    network: PlatformNetworkSchema.describe('National network intents: NMC management access, default flows, DNS.'),
    logging: z
      .strictObject({
        retentionDays: z
          .number()
          .int()
          .min(CENTRAL_LOG_RETENTION_DAYS.min)
          .max(CENTRAL_LOG_RETENTION_DAYS.max)
          .default(730)
          .describe('Central SOC workspace retention (>= 2 years).'),
      })
      .prefault({})
      .describe('The NMC central Log Analytics workspace.'),
    defender: z
      .strictObject({
        minimumPlans: z
          .array(z.enum(DEFENDER_PLANS))
          .default(['CloudPosture', 'Arm', 'KeyVaults', 'StorageAccounts'])
          .describe(
            'Defender for Cloud plans every force and the national hub subscription have; a force can add plans, never remove these.',
          ),
        extensions: z
          .partialRecord(z.enum(DEFENDER_PLANS), z.array(z.string().regex(/^[A-Za-z]{1,64}$/)))
          .default({})
          .superRefine((choice, ctx) => {
            for (const p of defenderExtensionProblems(choice))
              ctx.addIssue({ code: 'custom', path: [p.plan, p.index], message: p.message });
          })
          .describe(
            'Plan extensions switched on, by plan, on every subscription (azurerm switches off each one not listed). A plan not named takes the secure default list (docs/landing-zone.md); [] turns its extensions off.',
          ),
      })
      .prefault({})
      .describe('National Defender for Cloud minimum.'),
    pipeline: z
      .strictObject({
        github: z
          .strictObject({
            repository: z
              .string()
              .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { message: 'must be owner/name' })
              .describe('GitHub repository whose workflows deploy the estate.'),
            environments: z
              .array(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, { message: 'must be a GitHub environment name' }))
              .default(['production'])
              .describe('Environments whose jobs may sign in as the deploy identity (one federated credential each).'),
          })
          .optional()
          .describe('GitHub Actions OIDC federation for the bootstrap pipeline identities.'),
        azureDevOps: z
          .strictObject({
            organizationId: guid().describe('Azure DevOps organisation id (the OIDC issuer is per organisation).'),
            organization: z
              .string()
              .regex(/^[A-Za-z0-9-]{1,50}$/)
              .describe('Organisation name.'),
            project: z
              .string()
              .regex(/^[A-Za-z0-9_.-]{1,64}$/)
              .describe('Project name.'),
            serviceConnections: z
              .array(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/))
              .min(1)
              .describe('Service connections (one per environment) that may sign in as the deploy identity.'),
          })
          .optional()
          .describe('Azure DevOps workload identity federation for the bootstrap pipeline identities.'),
        nmcPrincipalId: guid()
          .optional()
          .describe(
            "Object id, in the NMC tenant, of the multi-tenant deployment application's service principal: the hub-side grants of the force stacks go to it.",
          ),
        forcePrincipalIds: z
          .record(z.string(), guid())
          .default({})
          .describe(
            "Object id of the deployment application's service principal in each force tenant (after the force's admin consent), by force id: bootstrap assigns the force stack's roles to it.",
          ),
      })
      .prefault({})
      .describe('Pipeline identities the bootstrap stack creates and grants (docs/bootstrap.md).'),
    tags: z
      .strictObject({
        required: z
          .array(z.string().min(1).max(512))
          .default(['force', 'classification', 'cost-centre', 'managed-by'])
          .describe('Tag keys every resource must carry.'),
        common: z.record(z.string().min(1).max(512), tagValue()).default({}).describe('Tags added to every resource.'),
      })
      .prefault({})
      .describe('Mandatory tagging.'),
  })
  .describe('Blue Lamp national platform configuration (platform.yaml).');

// ---------------------------------------------------------------- forces/<id>.yaml

export const SiteSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,30}$/, { message: 'must be lower-case letters, digits or hyphens (max 31)' })
    .describe('Site name, used in resource names.'),
  addressSpaces: z.array(cidr()).min(1).describe('On-premises ranges reached through this site.'),
  gatewayAddress: ipv4().optional().describe('Public address of the on-premises VPN device (vpn only).'),
});

export const ConnectivitySchema = z
  .strictObject({
    type: z.enum(['none', 'vpn', 'expressroute']).default('none').describe('How force sites reach the spoke.'),
    sites: z.array(SiteSchema).default([]).describe('Force sites (custody suites, HQ, data centres).'),
    expressRouteCircuitId: z
      .string()
      .regex(/^\/subscriptions\/.+\/expressRouteCircuits\/.+$/i, {
        message: 'must be an ExpressRoute circuit resource id',
      })
      .optional()
      .describe('Existing circuit to connect (expressroute only).'),
  })
  .prefault({});

export const ForceSchema = z
  .strictObject({
    id: z
      .string()
      .regex(FORCE_ID_RE, { message: 'must be 3-24 lower-case letters, digits or hyphens, starting with a letter' })
      .refine((v) => v !== 'national', { message: '"national" is reserved for the national stack' })
      // A force named bootstrap would share the bootstrap stack's name: synth collides, and check would judge it
      // with bootstrap's rules instead of a force's.
      .refine((v) => v !== 'bootstrap', { message: '"bootstrap" is reserved for the bootstrap stack' })
      .describe('Short force id; equals the file name.'),
    name: z.string().min(3).max(80).describe('Full force name, for example "Essex Police".'),
    tenantId: guid().describe("The force's own Entra tenant."),
    subscriptionId: guid().describe("The force's landing-zone subscription (one force per subscription)."),
    region: z.enum(REGIONS).default('uksouth').describe('Primary region of the landing zone.'),
    classification: z
      .enum(CLASSIFICATIONS)
      .default('OFFICIAL')
      .describe('Highest Government Security Classification handled.'),
    costCentre: z.string().min(1).max(64).describe('Cost centre written to the cost-centre tag.'),
    tags: z.record(z.string().min(1).max(512), tagValue()).default({}).describe('Extra tags for every resource.'),
    network: z
      .strictObject({
        addressSpace: cidr({ min: 16, max: 22 }).describe(
          'Spoke VNet address space, /16 to /22, inside the national pool.',
        ),
        connectivity: ConnectivitySchema.describe('Optional site connectivity.'),
        flows: z
          .array(ForceFlowSchema)
          .default([])
          .describe('Traffic the force allows between its own sites, subnets and the internet (see docs/network.md).'),
      })
      .describe('Spoke networking.'),
    identity: z
      .strictObject({
        readers: z.array(guid()).default([]).describe('Entra group object ids given Reader.'),
        operators: z
          .array(guid())
          .default([])
          .describe('Entra group object ids given operator roles (Contributor on workload groups).'),
        admins: z
          .array(guid())
          .default([])
          .describe('Entra group object ids eligible (PIM) for Owner; never standing.'),
      })
      .describe('Least-privilege access for the force.'),
    services: z
      .strictObject({
        office365: z
          .strictObject({
            enabled: z
              .boolean()
              .default(false)
              .describe('Collect Office 365, Entra ID and Defender XDR into the force Sentinel.'),
            workloads: z
              .array(z.enum(OFFICE365_WORKLOADS))
              .default(['exchange', 'sharepoint', 'teams'])
              .describe('Office 365 logs to collect.'),
          })
          .prefault({})
          .describe('Office 365, Entra ID and Defender XDR into Sentinel.'),
        box: z
          .strictObject({
            enabled: z.boolean().default(false).describe('Collect Box admin events into the force Sentinel.'),
            enterpriseId: z
              .string()
              .regex(/^\d{4,20}$/, { message: 'must be the numeric Box enterprise id' })
              .optional()
              .describe('Box enterprise id (required when enabled).'),
            pollerEnabled: z
              .boolean()
              .default(false)
              .describe(
                "Deploy the Box poller. Set true only once the Box app's client id and secret are in the force Key Vault (docs/connectors.md); until then the table, rules and secret entries are built and the poller waits.",
              ),
            credentialRevision: z
              .number()
              .int()
              .min(1)
              .max(10000)
              .default(1)
              .describe(
                'Raise by one after rotating the Box credentials in Key Vault, so the poller is redeployed and reads them.',
              ),
          })
          .prefault({})
          .describe('Box admin events into Sentinel.'),
        evidenceStore: z
          .strictObject({
            enabled: z.boolean().default(false).describe('Create the immutable evidence storage account.'),
            retentionDays: z
              .number()
              .int()
              .min(EVIDENCE_RETENTION_DAYS.min)
              .max(EVIDENCE_RETENTION_DAYS.max)
              .default(2555)
              .describe('WORM immutability period for evidence (default 7 years).'),
            coolAfterDays: z
              .number()
              .int()
              .min(1)
              .default(90)
              .describe('Move blobs to the cool tier after this many days.'),
            archiveAfterDays: z
              .number()
              .int()
              .min(1)
              .default(365)
              .describe(
                'Move blobs to the coldest tier after this many days (cold on zone-redundant storage, which has no archive tier).',
              ),
            containers: z
              .array(
                z.string().regex(CONTAINER_NAME_RE, {
                  message: 'must be a container name (3-63 lower-case letters, digits, single hyphens)',
                }),
              )
              .min(1)
              .max(20)
              .default(['evidence'])
              .describe('Evidence containers, each immutable for retentionDays.'),
            sharing: z
              .array(SharingAgreementSchema)
              .max(50)
              .default([])
              .describe(
                'Agreements to share evidence with criminal justice partners: read-only, time-bound, audited (docs/evidence-sharing.md).',
              ),
          })
          .prefault({})
          .describe('Immutable digital-evidence storage.'),
      })
      .prefault({})
      .describe('Services the force chooses.'),
    logging: z
      .strictObject({
        retentionDays: z
          .number()
          .int()
          .min(FORCE_LOG_RETENTION_DAYS.min)
          .max(FORCE_LOG_RETENTION_DAYS.max)
          .default(365)
          .describe('Force Log Analytics workspace retention (at least a year, for investigations that start late).'),
        flowLogRetentionDays: z
          .number()
          .int()
          .min(FLOW_LOG_RETENTION_DAYS.min)
          .max(FLOW_LOG_RETENTION_DAYS.max)
          .default(90)
          .describe('VNet flow log retention.'),
      })
      .prefault({})
      .describe('Force logging.'),
    defender: z
      .strictObject({
        additionalPlans: z.array(z.enum(DEFENDER_PLANS)).default([]).describe('Plans on top of the national minimum.'),
      })
      .prefault({})
      .describe('Defender for Cloud.'),
    budget: z
      .strictObject({
        monthlyGbp: z.number().positive().max(10_000_000).describe('Monthly consumption budget in GBP.'),
        alertThresholds: z
          .array(z.number().int().min(1).max(1000))
          .min(1)
          .default([50, 80, 100])
          .describe('Percent of budget that sends an alert.'),
      })
      .describe('Consumption budget.'),
    contacts: z
      .strictObject({
        securityEmail: email().describe('Security contact for Defender alerts.'),
        securityPhone: phone().optional().describe('Phone for Defender alerts.'),
        platformEmail: email().describe("The force platform team's address."),
        budgetEmails: z.array(email()).min(1).describe('Who receives budget alerts.'),
      })
      .describe('Who the platform contacts.'),
  })
  .superRefine((force, ctx) => {
    if (force.services.box.enabled && !force.services.box.enterpriseId) {
      ctx.addIssue({
        code: 'custom',
        path: ['services', 'box', 'enterpriseId'],
        message: 'is required when services.box.enabled is true',
      });
    }
    const { coolAfterDays, archiveAfterDays } = force.services.evidenceStore;
    if (archiveAfterDays <= coolAfterDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['services', 'evidenceStore', 'archiveAfterDays'],
        message: `must be greater than coolAfterDays (${coolAfterDays})`,
      });
    }
    const store = force.services.evidenceStore;
    const containerSeen = new Set<string>();
    store.containers.forEach((name, i) => {
      if (containerSeen.has(name))
        ctx.addIssue({
          code: 'custom',
          path: ['services', 'evidenceStore', 'containers', i],
          message: `"${name}" is listed twice`,
        });
      containerSeen.add(name);
    });
    for (const problem of sharingProblems(store.sharing, store.containers, store.enabled))
      ctx.addIssue({ code: 'custom', path: ['services', 'evidenceStore', ...problem.path], message: problem.message });
    // A partner's guests in a group the force itself uses would gain the force's own roles too.
    const ownGroups = new Set(
      [...force.identity.readers, ...force.identity.operators, ...force.identity.admins].map((g) => g.toLowerCase()),
    );
    store.sharing.forEach((a, i) => {
      if (ownGroups.has(a.guestGroupId.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: ['services', 'evidenceStore', 'sharing', i, 'guestGroupId'],
          message: "is one of the force's own identity groups; partner guests need a group of their own",
        });
      if (a.partnerTenantId.toLowerCase() === force.tenantId.toLowerCase())
        ctx.addIssue({
          code: 'custom',
          path: ['services', 'evidenceStore', 'sharing', i, 'partnerTenantId'],
          message: "is the force's own tenant; a partner is another organisation",
        });
    });
    const { type, sites, expressRouteCircuitId } = force.network.connectivity;
    if (type !== 'none' && sites.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['network', 'connectivity', 'sites'],
        message: `needs at least one site when type is ${type}`,
      });
    }
    if (type === 'none' && sites.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['network', 'connectivity', 'type'],
        message: 'is none but sites are listed; choose vpn or expressroute',
      });
    }
    sites.forEach((site, i) => {
      if (type === 'vpn' && !site.gatewayAddress) {
        ctx.addIssue({
          code: 'custom',
          path: ['network', 'connectivity', 'sites', i, 'gatewayAddress'],
          message: 'is required for a vpn site',
        });
      }
    });
    for (const issue of forceFlowIssues(force.network)) ctx.addIssue({ code: 'custom', ...issue });
    if (type === 'expressroute' && !expressRouteCircuitId) {
      ctx.addIssue({
        code: 'custom',
        path: ['network', 'connectivity', 'expressRouteCircuitId'],
        message: 'is required when type is expressroute',
      });
    }
  })
  .describe('Blue Lamp force configuration (forces/<id>.yaml).');

export type PlatformConfig = z.infer<typeof PlatformSchema>;
export type ForceConfig = z.infer<typeof ForceSchema>;
export type SocGroup = z.infer<typeof SocGroupSchema>;
export type Region = (typeof REGIONS)[number];
export type DefenderPlan = (typeof DEFENDER_PLANS)[number];
export type Office365Workload = (typeof OFFICE365_WORKLOADS)[number];
