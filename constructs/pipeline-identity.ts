import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';

/** One federated credential: the token issuer and subject a pipeline job presents. */
export interface FederatedCredentialSpec {
  readonly name: string;
  readonly issuer: string;
  readonly subject: string;
  readonly audiences: readonly string[];
}

/** The audience Entra workload identity federation expects. */
const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** GitHub Actions' OIDC issuer. */
export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

export interface PipelineIdentityProps {
  /** Identity name (`id-bluelamp-deploy-uks`). */
  readonly name: string;
  /** Resource group of the identity (the bootstrap group). */
  readonly resourceGroupName: string;
  /** Region of the identity (uksouth or ukwest). */
  readonly location: string;
  /**
   * GitHub repository (`owner/name`) and the environments whose jobs may sign in as this identity.
   * Subject: `repo:<owner>/<name>:environment:<environment>`.
   * @default - no GitHub Actions credential
   */
  readonly githubRepository?: string;
  /**
   * GitHub environments (`production`, `pr-plan`) that get a federated credential each.
   * @default []
   */
  readonly githubEnvironments?: readonly string[];
  /**
   * Azure DevOps organisation id (GUID) and name, project, and the service connections (one per
   * environment) that may sign in as this identity. Issuer
   * `https://vstoken.dev.azure.com/<organisation id>`, subject `sc://<organisation>/<project>/<connection>`.
   * @default - no Azure DevOps credential
   */
  readonly azureDevOps?: {
    readonly organizationId: string;
    readonly organization: string;
    readonly project: string;
    readonly serviceConnections: readonly string[];
  };
}

/**
 * A pipeline identity without a secret: a user-assigned managed identity that GitHub Actions and
 * Azure DevOps jobs sign in as through OIDC federation, one federated credential per environment,
 * so only a job in that environment (with its reviewers) gets a token.
 * Subjects: https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
 * and https://learn.microsoft.com/en-us/azure/devops/pipelines/release/configure-workload-identity.
 */
export class PipelineIdentity extends Construct {
  readonly principalId: string;
  readonly clientId: string;
  /** Federated credential subjects, for docs and tests. */
  readonly subjects: readonly string[];
  /**
   * Every federated credential as Entra takes it (`az ad app federated-credential create
   * --parameters`): the deployment application needs the same ones (docs/bootstrap.md).
   */
  readonly credentials: readonly FederatedCredentialSpec[];

  constructor(scope: Construct, id: string, props: PipelineIdentityProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.githubRepository !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.githubRepository))
      problems.push(`githubRepository "${props.githubRepository}" must be owner/name`);
    for (const e of props.githubEnvironments ?? [])
      if (!/^[A-Za-z0-9_.-]{1,100}$/.test(e)) problems.push(`githubEnvironments: "${e}" is not an environment name`);
    const ado = props.azureDevOps;
    if (ado && !/^[0-9a-f-]{36}$/i.test(ado.organizationId))
      problems.push(`azureDevOps.organizationId "${ado.organizationId}" must be the organisation's GUID`);
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join('; ')}`);

    const identity = new UserAssignedIdentity(this, 'Identity', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
    this.principalId = identity.principalId;
    this.clientId = identity.clientId;
    const subjects: string[] = [];
    const credentials: FederatedCredentialSpec[] = [];
    const credential = (constructId: string, issuer: string, subject: string) => {
      subjects.push(subject);
      credentials.push({ name: constructId.toLowerCase(), issuer, subject, audiences: [TOKEN_EXCHANGE_AUDIENCE] });
      new FederatedIdentityCredential(this, constructId, {
        name: constructId.toLowerCase(),
        resourceGroupName: props.resourceGroupName,
        parentId: identity.id,
        audience: [TOKEN_EXCHANGE_AUDIENCE],
        issuer,
        subject,
      });
    };
    if (props.githubRepository)
      for (const env of props.githubEnvironments ?? [])
        credential(`GitHub-${env}`, GITHUB_OIDC_ISSUER, `repo:${props.githubRepository}:environment:${env}`);
    if (ado)
      for (const connection of ado.serviceConnections)
        credential(
          `AzureDevOps-${connection}`,
          `https://vstoken.dev.azure.com/${ado.organizationId}`,
          `sc://${ado.organization}/${ado.project}/${connection}`,
        );
    this.subjects = subjects;
    this.credentials = credentials;
  }
}
