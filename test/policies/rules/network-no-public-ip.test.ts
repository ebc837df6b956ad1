import { networkNoPublicIp } from '../../../policies/rules/network-no-public-ip';
import { outcomes } from '../harness';

describe('BL-NET-005 public IPs', () => {
  it("passes a hub public IP on the platform's allow-list", () => {
    expect(
      outcomes(networkNoPublicIp, { azurerm_public_ip: { fw: { name: 'pip-afw-hub-uks' } } }, { stack: 'national' }),
    ).toEqual({ 'azurerm_public_ip.fw': 'pass' });
  });
  it('fails a hub public IP not on the allow-list', () => {
    expect(
      outcomes(networkNoPublicIp, { azurerm_public_ip: { jump: { name: 'pip-jumpbox' } } }, { stack: 'national' }),
    ).toEqual({ 'azurerm_public_ip.jump': 'fail' });
  });
  it('fails any public IP in a force stack, even one named like the hub firewall', () => {
    expect(
      outcomes(networkNoPublicIp, { azurerm_public_ip: { fw: { name: 'pip-afw-hub-uks' } } }, { stack: 'essex' }),
    ).toEqual({ 'azurerm_public_ip.fw': 'fail' });
  });
});
