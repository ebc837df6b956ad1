import { synthInTemp } from '../helpers/synth';
import { PipelineIdentity } from '../../constructs/pipeline-identity';

const base = { name: 'id-bluelamp-deploy-uks', resourceGroupName: 'rg', location: 'uksouth' };

describe('PipelineIdentity', () => {
  it('has no federated credential unless a pipeline is named', () => {
    const r = JSON.parse(synthInTemp((s) => new PipelineIdentity(s, 'Deploy', base))).resource;
    expect(r.azurerm_federated_identity_credential).toBeUndefined();
    expect(Object.keys(r.azurerm_user_assigned_identity)).toHaveLength(1);
  });
  it('refuses a repository that is not owner/name and an Azure DevOps organisation id that is not a GUID', () => {
    expect(() =>
      synthInTemp(
        (s) =>
          new PipelineIdentity(s, 'Deploy', {
            ...base,
            githubRepository: 'bluelamp',
            azureDevOps: { organizationId: 'nmc', organization: 'nmc', project: 'p', serviceConnections: ['c'] },
          }),
      ),
    ).toThrow(
      /githubRepository "bluelamp" must be owner\/name; azureDevOps.organizationId "nmc" must be the organisation's GUID/,
    );
  });
});
