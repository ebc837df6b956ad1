/**
 * Blocks in the order they were added, answering "the first block that overlaps this one" without
 * a scan: the estate rules compare every site range with every other and with every spoke, which
 * at 1,000 forces was a million comparisons per validation.
 *
 * Two CIDR blocks overlap only when one contains the other. The blocks containing a query are found
 * by key, one lookup per shorter prefix (at most 33); the blocks inside it are a range of a list
 * sorted by network address. Of those, the first added wins, as a scan in order would find.
 */
import type { Cidr } from './cidr';

interface Entry<T> {
  readonly block: Cidr;
  readonly value: T;
  /** Order of addition. */
  readonly order: number;
}

const keyOf = (network: number, prefix: number) => network * 64 + prefix;

/** The network address of `network` with only `prefix` leading bits kept (unsigned). */
const masked = (network: number, prefix: number) =>
  prefix === 0 ? 0 : (network & (0xffffffff << (32 - prefix))) >>> 0;

export class CidrIndex<T> {
  /** First entry added for each exact block. */
  private readonly exact = new Map<number, Entry<T>>();
  /** Every entry, sorted by network address (ties in order of addition). */
  private readonly byNetwork: Entry<T>[] = [];
  private added = 0;

  add(block: Cidr, value: T): void {
    const entry: Entry<T> = { block, value, order: this.added++ };
    const key = keyOf(block.network, block.prefix);
    if (!this.exact.has(key)) this.exact.set(key, entry);
    this.byNetwork.splice(this.firstAtOrAfter(block.network + 1), 0, entry);
  }

  /** The first value added for exactly this block. */
  firstEqual(block: Cidr): T | undefined {
    return this.exact.get(keyOf(block.network, block.prefix))?.value;
  }

  /** The first value added whose block overlaps `block` (contains it, equals it or lies inside it). */
  firstOverlapping(block: Cidr): T | undefined {
    let best: Entry<T> | undefined;
    const consider = (e: Entry<T> | undefined) => {
      if (e && (!best || e.order < best.order)) best = e;
    };
    for (let prefix = 0; prefix <= block.prefix; prefix++)
      consider(this.exact.get(keyOf(masked(block.network, prefix), prefix)));
    const end = block.network + block.size;
    for (let i = this.firstAtOrAfter(block.network); i < this.byNetwork.length; i++) {
      const e = this.byNetwork[i];
      if (e.block.network >= end) break;
      if (e.block.prefix >= block.prefix) consider(e);
    }
    return best?.value;
  }

  /** Index of the first entry whose network is at least `network`. */
  private firstAtOrAfter(network: number): number {
    let lo = 0;
    let hi = this.byNetwork.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.byNetwork[mid].block.network < network) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
