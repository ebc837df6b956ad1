import { carve, cidrProblem, formatCidr, nextFree, overlaps, parseCidr, contains } from '../../util/cidr';

describe('cidr', () => {
  it('accepts an aligned block and rejects malformed or misaligned ones', () => {
    expect(cidrProblem('10.64.0.0/20')).toBeUndefined();
    expect(cidrProblem('10.64.0.0/33')).toBe('10.64.0.0/33 is not a valid CIDR');
    expect(cidrProblem('10.256.0.0/16')).toBe('10.256.0.0/16 is not a valid CIDR');
    expect(cidrProblem('10.64.0.0')).toMatch(/expected a\.b\.c\.d\/n/);
    expect(cidrProblem('10.64.1.0/20')).toBe('10.64.1.0/20 has host bits set; did you mean 10.64.0.0/20?');
  });

  it('detects overlap and containment at the block edges', () => {
    const a = parseCidr('10.64.0.0/20');
    expect(overlaps(a, parseCidr('10.64.15.0/24'))).toBe(true);
    expect(overlaps(a, parseCidr('10.64.16.0/24'))).toBe(false);
    expect(contains(parseCidr('10.64.0.0/10'), a)).toBe(true);
    expect(contains(a, parseCidr('10.64.0.0/10'))).toBe(false);
  });

  it('carves aligned subnets in order and refuses when they do not fit', () => {
    const subnets = carve(parseCidr('10.64.0.0/22'), [24, 26, 24]).map(formatCidr);
    // the /24 after a /26 is aligned up to the next /24 boundary
    expect(subnets).toEqual(['10.64.0.0/24', '10.64.1.0/26', '10.64.2.0/24']);
    expect(() => carve(parseCidr('10.64.0.0/24'), [25, 25, 26])).toThrow(/do not fit/);
  });

  it('finds the next free aligned block around taken ones', () => {
    const pool = parseCidr('10.64.0.0/16');
    const taken = [parseCidr('10.64.0.0/21'), parseCidr('10.64.12.0/22')];
    expect(formatCidr(nextFree(pool, 22, taken)!)).toBe('10.64.8.0/22');
    expect(formatCidr(nextFree(pool, 20, taken)!)).toBe('10.64.16.0/20');
    expect(nextFree(parseCidr('10.64.0.0/21'), 22, [parseCidr('10.64.0.0/21')])).toBeUndefined();
  });
});
