/**
 * IPv4 CIDR arithmetic for address planning. Kept to plain numbers (no dependency):
 * the estate only uses IPv4 private ranges and the operations are few. It lives in util/ because
 * config/ (validation, onboarding) and constructs/ (subnet carving) both need it, and constructs
 * must not import config/.
 */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0..32. */
  readonly prefix: number;
  /** Number of addresses in the block. */
  readonly size: number;
}

/** One to three digits worth 0-255: what parseIp accepts for an octet. */
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
/**
 * What parseIp accepts, as a JSON Schema `pattern` for editors (config/schema.ts attaches it), so
 * an editor refuses exactly the addresses the CLI refuses.
 */
export const IPV4_PATTERN = `^${OCTET}(?:\\.${OCTET}){3}$`;
/**
 * The shape cidrProblem accepts (`a.b.c.d/0` to `/32`), as a JSON Schema `pattern` for editors.
 * Host bits set (`10.0.0.1/24`) cannot be said in a pattern: only the CLI refuses those.
 */
export const CIDR_PATTERN = `^${OCTET}(?:\\.${OCTET}){3}/(?:3[0-2]|[12]?[0-9])$`;

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IP_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** A number written with a leading zero (`010`): octal to some tools, decimal to others. */
const LEADING_ZERO = /(^|[./])0\d/;

/** `010.065.064.000/19` -> `10.65.64.0/19`. */
function withoutLeadingZeros(text: string): string {
  return text.replace(/\d+/g, (n) => String(Number(n)));
}

/**
 * Parses a dotted-quad IPv4 address; undefined when it is not one. Octets with a leading zero are
 * refused: `010` is 8 to inet_aton and to some firewalls, 10 to others.
 */
export function parseIp(text: string): number | undefined {
  const m = IP_RE.exec(text);
  if (!m || LEADING_ZERO.test(text)) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
}

export function formatIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/** Why `text` is not a usable IPv4 address, or undefined when it is. */
export function ipProblem(text: string): string | undefined {
  if (!IP_RE.test(text)) return 'must be an IPv4 address (a.b.c.d)';
  if (LEADING_ZERO.test(text))
    return `${text} has numbers with a leading zero, which some tools read as octal; write ${withoutLeadingZeros(text)}`;
  return parseIp(text) === undefined ? 'must be an IPv4 address (a.b.c.d)' : undefined;
}

/** The address and prefix of `a.b.c.d/n`, host bits kept; undefined when it is not one. */
function splitCidr(text: string): { ip: number; prefix: number } | undefined {
  const m = CIDR_RE.exec(text);
  if (!m) return undefined;
  const prefix = Number(m[5]);
  const ip = parseIp(m.slice(1, 5).join('.'));
  return ip === undefined || prefix > 32 ? undefined : { ip, prefix };
}

/** Why `text` is not a usable CIDR block, or undefined when it is. */
export function cidrProblem(text: string): string | undefined {
  if (!CIDR_RE.test(text)) return `${text} is not a valid CIDR (expected a.b.c.d/n)`;
  if (LEADING_ZERO.test(text))
    return `${text} has numbers with a leading zero, which some tools read as octal; write ${withoutLeadingZeros(text)}`;
  const parts = splitCidr(text);
  if (!parts) return `${text} is not a valid CIDR`;
  const network = maskOf(parts.ip, parts.prefix);
  if (network !== parts.ip) return `${text} has host bits set; did you mean ${formatIp(network)}/${parts.prefix}?`;
  return undefined;
}

/** Parses a CIDR block; throws on bad input (validate with cidrProblem first). */
export function parseCidr(text: string): Cidr {
  const problem = cidrProblem(text);
  if (problem) throw new Error(problem);
  return cidrBlock(text)!;
}

/**
 * The block `a.b.c.d/n` lies in, host bits cleared (`10.0.0.5/24` is 10.0.0.0/24); undefined when
 * malformed. For code that carves validated address spaces and need not reject host bits again.
 */
export function cidrBlock(text: string): Cidr | undefined {
  const parts = splitCidr(text);
  if (!parts) return undefined;
  return { network: maskOf(parts.ip, parts.prefix), prefix: parts.prefix, size: 2 ** (32 - parts.prefix) };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.network)}/${cidr.prefix}`;
}

function maskOf(ip: number, prefix: number): number {
  if (prefix === 0) return 0;
  return (ip & ((0xffffffff << (32 - prefix)) >>> 0)) >>> 0;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.network >= outer.network && inner.network + inner.size <= outer.network + outer.size;
}

export function containsIp(block: Cidr, ip: number): boolean {
  return ip >= block.network && ip < block.network + block.size;
}

/**
 * Carves consecutive, aligned sub-blocks of the given prefix lengths out of `parent`, in order,
 * each aligned to its own size. Throws when they do not fit.
 */
export function carve(parent: Cidr, prefixes: readonly number[]): Cidr[] {
  let cursor = parent.network;
  return prefixes.map((prefix) => {
    if (prefix < parent.prefix) throw new Error(`a /${prefix} does not fit in ${formatCidr(parent)}`);
    const size = 2 ** (32 - prefix);
    cursor = Math.ceil(cursor / size) * size;
    if (cursor + size > parent.network + parent.size) {
      throw new Error(`subnets /${prefixes.join(', /')} do not fit in ${formatCidr(parent)}`);
    }
    const block = { network: cursor, prefix, size };
    cursor += size;
    return block;
  });
}

/** The first block of the given prefix inside `pool` that overlaps none of `taken`. */
export function nextFree(pool: Cidr, prefix: number, taken: readonly Cidr[]): Cidr | undefined {
  const size = 2 ** (32 - prefix);
  const sorted = [...taken].sort((a, b) => a.network - b.network);
  let candidate = pool.network;
  while (candidate + size <= pool.network + pool.size) {
    const block = { network: candidate, prefix, size };
    const clash = sorted.find((t) => overlaps(t, block));
    if (!clash) return block;
    candidate = Math.ceil((clash.network + clash.size) / size) * size;
  }
  return undefined;
}
