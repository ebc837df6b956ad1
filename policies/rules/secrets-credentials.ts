import type { StackRule } from '../rule';
import { scanStack } from '../secrets';

/** Entra ID client secrets have a recognisable shape: three characters, a digit, "Q~", then 31-34 more. */
const ENTRA_SECRET_RE = /(?:^|[^A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?:$|[^A-Za-z0-9_~.-])/;
/** Attributes that hold a credential when they hold a literal. */
const CREDENTIAL_KEY_RE = /(?:^|_)(?:password|client_secret|secret|api_key|access_key|shared_key|token|sas_token)$/i;

/** No literal password, client secret or API key: they come from Key Vault or a managed identity. */
export const secretsCredentials: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-SEC-003',
    title: 'No client secrets, passwords or API keys written as literals',
    severity: 'critical',
    rationale: 'A credential in the code is in every clone, pull request, plan and state file; secrets belong in Key Vault, set out of band, or are replaced by managed identities.',
    ncsc: ['10', '2.3'],
    mirrors: { checkov: ['CKV_AZURE_239', 'CKV_AZURE_1'] },
    waivable: true,
  },
  check: (ctx) =>
    scanStack(ctx, (s) => {
      if (ENTRA_SECRET_RE.test(s.text)) return 'an Entra ID client secret';
      if (!s.expression && s.text.length > 0 && CREDENTIAL_KEY_RE.test(s.key)) return `a literal value for ${s.key}`;
      return undefined;
    }),
};
