import type { StackRule } from '../rule';
import { scanStack } from '../secrets';

const PRIVATE_KEY_RE = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/;

/** No private key is written into code, config or the synthesised JSON. */
export const secretsPrivateKeys: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-SEC-001',
    title: 'No private keys in the synthesised Terraform',
    severity: 'critical',
    rationale: 'Synthesised JSON is committed, shared in pull requests and stored in plans and state: a private key in it is disclosed to everyone who can read the repository.',
    ncsc: ['2.3', '10'],
    mirrors: { checkov: ['CKV_AZURE_41'] },
    waivable: true,
  },
  check: (ctx) => scanStack(ctx, (s) => (PRIVATE_KEY_RE.test(s.text) ? 'a PEM private key' : undefined)),
};
