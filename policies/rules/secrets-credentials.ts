import { ALL_STACK_KINDS, type StackRule } from '../rule';
import { scanStack, type StringSite } from '../secrets';

/** Entra ID client secrets have a recognisable shape: three characters, a digit, "Q~", then 31-34 more. */
const ENTRA_SECRET_RE = /(?:^|[^A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?:$|[^A-Za-z0-9_~.-])/;
/** Attributes that hold a credential when they hold a literal. */
const CREDENTIAL_KEY_RE = /(?:^|_)(?:password|client_secret|secret|api_key|access_key|shared_key|token|sas_token)$/i;
/** A JSON Web Token (a bearer token or a signed assertion): three base64url parts, the first two JSON. */
const JWT_RE = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
/** An AWS access key id: AKIA (long-term) or ASIA (temporary) and 16 more upper-case letters or digits. */
const AWS_KEY_ID_RE = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
/** A Slack token: xoxb- (bot), xoxp- (user), xoxa-, xoxr- (refresh), xoxs-, then its parts. */
const SLACK_TOKEN_RE = /(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9]+-[A-Za-z0-9-]{6,}/;
/**
 * A password written inside a longer value (`Server=db;User Id=app;Password=Hunter2;`,
 * `https://host/?user=a&pwd=x`): the key directly followed by `=` and a literal. A value that is
 * itself an expression or template (`${...}`, `{{...}}`, `%{...}`, `<placeholder>`) is not one.
 */
const INLINE_PASSWORD_RE = /(?<![A-Za-z0-9_])(?:password|passwd|pwd)=(?!\$\{|\{\{|%\{|<)([^\s;&"'(),}]{3,})/i;
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

/** Every path SECRET_PATHS names, and value_wo: a site at no other path needs no resource type worked out. */
const SECRET_PATH_NAMES = new Set([...Object.values(SECRET_PATHS).flat(), 'value_wo']);

/** The attribute a literal belongs to: the key, or for a variable's `default` the variable's name. */
function credentialKey(site: StringSite): string {
  if (site.address !== 'variable') return site.key;
  const parts = site.path.split('.');
  if (parts[parts.length - 1] === 'default') return parts[parts.length - 2] ?? site.key;
  return site.key;
}

/** Why a literal is a secret by where it is written, or undefined. */
function literalSecret(site: StringSite): string | undefined {
  if (site.expression || site.text.length === 0) return undefined;
  const key = credentialKey(site);
  if (CREDENTIAL_KEY_RE.test(key)) return `a literal value for ${key}`;
  // Every string of every stack comes here: the type is worked out only where it can matter.
  if (!SECRET_PATH_NAMES.has(site.path)) return undefined;
  const type = site.address.replace(/^(?:module\.[^.]+\.)*/, '').split('.')[0];
  if (SECRET_PATHS[type]?.includes(site.path)) return `a literal secret ${site.path} (it is stored in plan and state)`;
  if (type === 'azurerm_key_vault_secret' && site.path === 'value_wo' && !PLACEHOLDER_RE.test(site.text))
    return 'a literal secret value_wo (write-only, but in the code)';
  return undefined;
}

/** No literal password, client secret or API key: they come from Key Vault or a managed identity. */
export const secretsCredentials: StackRule = {
  scope: 'stack',
  stackKinds: ALL_STACK_KINDS,
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
      // Named only by kind: not even a prefix of the value reaches a report.
      if (AWS_KEY_ID_RE.test(s.text)) return 'an AWS access key id';
      if (SLACK_TOKEN_RE.test(s.text)) return 'a Slack token';
      if (INLINE_PASSWORD_RE.test(s.text)) return 'a password written inside the value (password=...)';
      return literalSecret(s);
    }),
};
