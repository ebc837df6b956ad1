import { ALL_STACK_KINDS, type StackRule } from '../rule';
import { entropy, scanStack } from '../secrets';

const MIN_LENGTH = 32;
/** Letters and digits: the alphabet of most keys and tokens. */
const ALPHABET = 62;
/**
 * How far below the entropy expected of a random letters-and-digits token of its length a token
 * may score and still look random. Short samples score below log2(62): a random 32-character
 * key about 4.55 bits, and 99.9% of them over 4.08.
 */
const ENTROPY_MARGIN = 0.5;

/** Entropy expected of a random token of this length (log2 of the alphabet less the small-sample bias). */
function expectedEntropy(length: number): number {
  return Math.log2(ALPHABET) - (ALPHABET - 1) / (2 * length * Math.LN2);
}
/** cdktf's logical ids (`Network_Hub_1A2B3C4D`): names with a hash suffix, not secrets. */
const LOGICAL_ID_RE = /^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*_[0-9A-F]{8}$/;
const TOKEN_SPLIT_RE = /[\s"'`,;:=&?<>()[\]{}|\\]+/;

/**
 * True for CamelCase names (`Office365AnalyticsRulesMailboxForwarding2024`): most of their
 * characters are in runs of four or more lower-case letters, which random tokens rarely have.
 */
function isWordLike(token: string): boolean {
  const inWords = (token.match(/[a-z]{4,}/g) ?? []).reduce((n, run) => n + run.length, 0);
  return inWords / token.length >= 0.4;
}

/** True for a token that looks like random key material rather than a name, id, hash or path. */
export function looksRandom(token: string): boolean {
  if (token.length < MIN_LENGTH) return false;
  if (/^[0-9a-f-]+$/i.test(token)) return false; // GUIDs, hex digests
  if (token.startsWith('/') || token.includes('://') || token.includes('.')) return false; // ids, URLs, host names
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token) || !/[0-9]/.test(token)) return false;
  if (LOGICAL_ID_RE.test(token) || isWordLike(token)) return false;
  return entropy(token) >= expectedEntropy(token.length) - ENTROPY_MARGIN;
}

/** Catches the secrets no pattern knows: long random strings. */
export const secretsHighEntropy: StackRule = {
  scope: 'stack',
  stackKinds: ALL_STACK_KINDS,
  meta: {
    id: 'BL-SEC-004',
    title: 'No high-entropy strings (likely keys or tokens) in the synthesised Terraform',
    severity: 'high',
    rationale:
      'Keys and tokens from other systems (Box, webhooks, third-party APIs) have no fixed shape; a long random string in configuration is almost always one of them.',
    ncsc: ['2.3', '10'],
    mirrors: {},
    waivable: true,
  },
  check: (ctx) =>
    scanStack(ctx, (s) => {
      if (s.expression) return undefined;
      const token = s.text.split(TOKEN_SPLIT_RE).find(looksRandom);
      // Never any of the token itself: even a prefix narrows a brute force and is copied into every report.
      return token ? `a ${token.length}-character random string` : undefined;
    }),
};
