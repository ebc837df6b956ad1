import { isUnknown } from '../terraform-json';
import { fail, pass, show, unknown, type ResourceRule } from '../rule';

/** Public IPs exist only on the hub resources the NMC lists (for example the firewall). */
export const networkNoPublicIp: ResourceRule = {
  scope: 'resource',
  types: ['azurerm_public_ip', 'azurerm_public_ip_prefix'],
  meta: {
    id: 'BL-NET-005',
    title: "No public IP outside the hub's allow-list",
    severity: 'high',
    rationale:
      'Every public IP is an internet-facing attack surface; the estate is reachable from the internet only through the hub resources platform.yaml allows (hub.publicIpAllowList).',
    ncsc: ['11'],
    mirrors: {
      checkov: ['CKV_AZURE_119'],
      trivy: ['AVD-AZU-0076'],
      azurePolicy: ['83a86a26-fd1f-447c-b59d-e51f44264114'],
    },
    waivable: true,
  },
  configFields: ['hub.publicIpAllowList'],
  check(r, ctx) {
    const name = r.values.name;
    if (isUnknown(name)) return unknown(`name is ${show(name)}; cannot compare it with the allow-list`);
    if (!ctx.isNational)
      return fail(
        `public IP ${show(name)} in force stack ${ctx.stack.name}; forces reach the internet only through the hub firewall`,
      );
    return ctx.settings.publicIpAllowList.includes(String(name))
      ? pass()
      : fail(
          `public IP ${show(name)} is not in hub.publicIpAllowList (${ctx.settings.publicIpAllowList.join(', ') || 'empty'})`,
        );
  },
};
