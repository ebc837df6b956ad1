import { ALL_STACK_KINDS, type StackRule } from '../rule';
import { scanStack } from '../secrets';

const PRIVATE_KEY_RE = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/;
/** A base64 run long enough to hold a key header. */
const BASE64_RUN_RE = /[A-Za-z0-9+/]{24,}={0,2}/g;
/** "BEGIN" in base64 at each of the three byte alignments: a cheap filter before decoding. */
const BASE64_BEGIN_RE = /CRUdJTi|QkVHSU4|UJFR0lO/;
const DECODED_KEY_RE = /BEGIN (?:[A-Z]+ )?PRIVATE KEY/;

/** PuTTY's private key format. */
const PUTTY_RE = /PuTTY-User-Key-File-\d+:/;

/** True when a base64 run in the text (`filebase64()` output, a pasted blob) decodes to a private key header. */
function hasBase64PrivateKey(text: string): boolean {
  if (!BASE64_BEGIN_RE.test(text)) return false;
  for (const run of text.match(BASE64_RUN_RE) ?? []) {
    if (!BASE64_BEGIN_RE.test(run)) continue;
    for (let skip = 0; skip < 4; skip++) {
      if (DECODED_KEY_RE.test(Buffer.from(run.slice(skip), 'base64').toString('latin1'))) return true;
    }
  }
  return false;
}

/** No private key is written into code, config or the synthesised JSON. */
export const secretsPrivateKeys: StackRule = {
  scope: 'stack',
  stackKinds: ALL_STACK_KINDS,
  meta: {
    id: 'BL-SEC-001',
    title: 'No private keys in the synthesised Terraform',
    severity: 'critical',
    rationale:
      'Synthesised JSON is committed, shared in pull requests and stored in plans and state: a private key in it is disclosed to everyone who can read the repository.',
    ncsc: ['2.3', '10'],
    mirrors: { checkov: ['CKV_AZURE_41'] },
    waivable: true,
  },
  check: (ctx) =>
    scanStack(ctx, (s) => {
      if (PRIVATE_KEY_RE.test(s.text)) return 'a PEM private key';
      if (PUTTY_RE.test(s.text)) return 'a PuTTY private key';
      return hasBase64PrivateKey(s.text) ? 'a base64-encoded PEM private key' : undefined;
    }),
};
