/**
 * What one NSG prefix or firewall address covers. addressMatches works each text's meaning out once
 * and reuses it, so each case is asked twice, with an address inside and one outside, in both orders:
 * a meaning remembered from the first question must not answer the second wrongly.
 */
import { addressMatches } from '../../network/match';
import { cidrBlock, parseIp } from '../../util/cidr';

const ip = (text: string) => parseIp(text)!;
const SPOKE = [cidrBlock('10.1.0.0/16')!];

describe('addressMatches', () => {
  it.each([
    // [address, inside, outside, virtualNetwork]
    ['10.1.2.0/24', '10.1.2.255', '10.1.3.0'],
    [' 10.1.2.0/24 ', '10.1.2.0', '10.1.1.255'],
    ['10.1.2.3', '10.1.2.3', '10.1.2.4'],
    ['10.1.2.3-10.1.2.5', '10.1.2.5', '10.1.2.6'],
    ['VirtualNetwork', '10.1.9.9', '10.2.0.1', SPOKE],
    ['Internet', '8.8.8.8', '10.1.0.1'],
    // A public Microsoft service tag: public addresses only, never a private one.
    ['Storage.UKSouth', '20.38.1.1', '192.168.0.1'],
    ['AzureLoadBalancer', '168.63.129.16', '168.63.129.17'],
  ] as const)('%s covers %s and not %s', (address, inside, outside, vnet = []) => {
    expect(addressMatches(address, ip(inside), vnet)).toBe(true);
    expect(addressMatches(address, ip(outside), vnet)).toBe(false);
    expect(addressMatches(address, ip(inside), vnet)).toBe(true);
  });

  it('treats *, Any and 0.0.0.0/0 as every address', () => {
    for (const any of ['*', 'Any', '0.0.0.0/0']) {
      expect(addressMatches(any, ip('10.9.9.9'))).toBe(true);
      expect(addressMatches(any, ip('8.8.8.8'))).toBe(true);
    }
  });

  it('reads the VirtualNetwork tag against the VNet it is asked for, not the first one it saw', () => {
    expect(addressMatches('VirtualNetwork', ip('10.1.0.5'), SPOKE)).toBe(true);
    expect(addressMatches('VirtualNetwork', ip('10.1.0.5'), [cidrBlock('10.2.0.0/16')!])).toBe(false);
    expect(addressMatches('VirtualNetwork', ip('10.1.0.5'))).toBe(false);
  });

  it('matches nothing for text that is neither an address nor a tag', () => {
    expect(addressMatches('10.1.2.0/33', ip('10.1.2.1'))).toBe(false);
    expect(addressMatches('10.1.2.9-10.1.2.1', ip('10.1.2.5'))).toBe(false);
    expect(addressMatches('${var.range}', ip('8.8.8.8'))).toBe(false);
  });
});
