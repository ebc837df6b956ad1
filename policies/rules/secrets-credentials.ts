import type { StackRule } from '../rule';
import { scanStack, type StringSite } from '../secrets';

/** Entra ID client secrets have a recognisable shape: three characters, a digit, "Q~", then 31-34 more. */
const ENTRA_SECRET_RE = /(?:^|[^A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?:$|[^A-Za-z0-9_~.-])/;
/** Attributes that hold a credential when they hold a literal. */
const CREDENTIAL_KEY_RE = /(?:^|_)(?:password|client_secret|secret|api_key|access_key|shared_key|token|sas_token)$/i;
/** A JSON Web Token (a bearer token or a signed assertion): three base64url parts, the first two JSON. */
const JWT_RE = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
/** Attribute paths that are the secret itself, by resource type. */
const SECRET_PATHS: Readonly<Record<string, readonly string[]>> = {
  azurerm_key_vault_secret: ['value'],
  azurerm_key_vault_certificate: ['certificate.contents', 'certificate[0].contents'],
};
/**
 * A placeholder for a value set out of band (`set-out-of-band-see-docs`): lower-case words and
 * hyphens only. Only write-only attributes may carry one; they never reach state.
 */
const PLACEHOLDER_RE = /^[a-z]+(?:-[a-z]+)+$/;

/** The attribute a literal belongs to: the key, or for a variable's `default` the variable's name. */
function credentialKey(site: StringSite): string {
  const parts = site.path.split('.');
  if (site.address === 'variable' && parts[parts.length - 1] === 'default') return parts[parts.length - 2] ?? site.key;
  return site.key;
}

/** Why a literal is a secret by where it is written, or undefined. */
function literalSecret(site: StringSite): string | undefined {
  if (site.expression || site.text.length === 0) return undefined;
  const key = credentialKey(site);
  if (CREDENTIAL_KEY_RE.test(key)) return `a literal value for ${key}`;
  const type = site.address.replace(/^(?:module\.[^.]+\.)*/, '').split('.')[0];
  if (SECRET_PATHS[type]?.includes(site.path)) return `a literal secret ${site.path} (it is stored in plan and state)`;
  if (type === 'azurerm_key_vault_secret' && site.path === 'value_wo' && !PLACEHOLDER_RE.test(site.text))
    return 'a literal secret value_wo (write-only, but in the code)';
  return undefined;
}

/** No literal password, client secret or API key: they come from Key Vault or a managed identity. */
export const secretsCredentials: StackRule = {
  scope: 'stack',
  meta: {
    id: 'BL-SEC-003',
    title: 'No client secrets, passwords or API keys written as literals',
    severity: 'critical',
    rationale:
      'A credential in the code is in every clone, pull request, plan and state file; secrets belong in Key Vault, set out of band, or are replaced by managed identities.',
    ncsc: ['10', '2.3'],
    mirrors: { checkov: ['CKV_AZURE_239', 'CKV_AZURE_1'] },
    waivable: true,
  },
  check: (ctx) =>
    scanStack(ctx, (s) => {
      if (ENTRA_SECRET_RE.test(s.text)) return 'an Entra ID client secret';
      if (JWT_RE.test(s.text)) return 'a JSON Web Token';
      return literalSecret(s);
    }),
};
