import { type Cidr, cidrBlock, formatCidr, overlaps } from '../../util/cidr';
import { CidrIndex } from '../../util/cidr-index';

/** A small deterministic generator (mulberry32), so a failure names the same blocks every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Blocks crowded into a few /16s, so that equal, nested and disjoint blocks all occur often. */
function blocks(seed: number, count: number): Cidr[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const prefix = [0, 8, 12, 16, 20, 22, 24, 24, 26, 28, 32][Math.floor(next() * 11)];
    const base = [10 << 24, (172 << 24) | (16 << 16), (192 << 24) | (168 << 16)][Math.floor(next() * 3)];
    const ip = (base + Math.floor(next() * 65536)) >>> 0;
    return cidrBlock(`${[ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.')}/${prefix}`)!;
  });
}

describe('CidrIndex', () => {
  it.each([1, 2, 3])(
    'finds the first overlapping and the first equal block as a scan in order does (seed %i)',
    (seed) => {
      const index = new CidrIndex<number>();
      const added: Cidr[] = [];
      const mismatches: string[] = [];
      for (const block of blocks(seed, 3000)) {
        const scanOverlap = added.findIndex((a) => overlaps(a, block));
        const scanEqual = added.findIndex((a) => a.network === block.network && a.prefix === block.prefix);
        const found = [index.firstOverlapping(block) ?? -1, index.firstEqual(block) ?? -1];
        if (found[0] !== scanOverlap || found[1] !== scanEqual)
          mismatches.push(`${formatCidr(block)}: [${found.join(', ')}] against [${scanOverlap}, ${scanEqual}]`);
        index.add(block, added.length);
        added.push(block);
      }
      expect(mismatches).toEqual([]);
      // The generator is worth its name: both kinds of answer occur.
      expect(added.filter((b, i) => added.findIndex((a) => overlaps(a, b)) < i).length).toBeGreaterThan(100);
    },
  );

  it('takes 0.0.0.0/0 and /32 blocks at the ends of the address space', () => {
    const index = new CidrIndex<string>();
    index.add(cidrBlock('255.255.255.255/32')!, 'last');
    expect(index.firstOverlapping(cidrBlock('0.0.0.0/0')!)).toBe('last');
    index.add(cidrBlock('0.0.0.0/0')!, 'all');
    expect(index.firstOverlapping(cidrBlock('10.1.2.3/32')!)).toBe('all');
    expect(index.firstOverlapping(cidrBlock('255.255.255.255/32')!)).toBe('last');
    expect(index.firstEqual(cidrBlock('0.0.0.0/0')!)).toBe('all');
    expect(index.firstEqual(cidrBlock('10.0.0.0/8')!)).toBeUndefined();
  });
});
