import type { StackRule } from '../rule';
import { entropy, scanStack } from '../secrets';

const MIN_LENGTH = 32;
const MIN_ENTROPY = 4.5;
const TOKEN_SPLIT_RE = /[\s"'`,;:=&?<>()[\]{}|\\]+/;

/** True for a token that looks like random key material rather than a name, id, hash or path. */
export function looksRandom(token: string): boolean {
  if (token.length < MIN_LENGTH) return false;
  if (/^[0-9a-f-]+$/i.test(token)) return false; // GUIDs, hex digests
  if (token.startsWith('/') || token.includes('://') || token.includes('.')) return false; // ids, URLs, host names
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token) || !/[0-9]/.test(token)) return false;
  return entropy(token) >= MIN_ENTROPY;
}

/** Catches the secrets no pattern knows: long random strings. */
export const secretsHighEntropy: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-SEC-004',
    title: 'No high-entropy strings (likely keys or tokens) in the synthesised Terraform',
    severity: 'high',
    rationale: 'Keys and tokens from other systems (Box, webhooks, third-party APIs) have no fixed shape; a long random string in configuration is almost always one of them.',
    ncsc: ['2.3', '10'],
    mirrors: {},
    waivable: true,
  },
  check: (ctx) =>
    scanStack(ctx, (s) => {
      if (s.expression) return undefined;
      const token = s.text.split(TOKEN_SPLIT_RE).find(looksRandom);
      return token ? `a ${token.length}-character random string starting "${token.slice(0, 4)}…"` : undefined;
    }),
};
