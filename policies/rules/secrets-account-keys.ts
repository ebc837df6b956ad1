import { ALL_STACK_KINDS, type StackRule } from '../rule';
import { scanStack } from '../secrets';

const CONNECTION_STRING_RE = /AccountKey=[A-Za-z0-9+/]{20,}|SharedAccessKey=[A-Za-z0-9+/]{20,}/;
const SAS_RE = /(?:^|[?&\s"'])sig=[A-Za-z0-9%+/]{20,}/;
/** A storage account key: 64 random bytes, base64 (88 characters ending in ==). */
const ACCOUNT_KEY_RE = /(?:^|[^A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?:$|[^A-Za-z0-9+/=])/;

/** No storage account key, connection string or SAS token in the JSON. */
export const secretsAccountKeys: StackRule = {
  scope: 'stack',
  stackKinds: ALL_STACK_KINDS,
  meta: {
    id: 'BL-SEC-002',
    title: 'No storage account keys, connection strings or SAS tokens in the synthesised Terraform',
    severity: 'critical',
    rationale:
      'An account key or SAS token gives direct access to the data, bypassing Entra ID, conditional access and most logging.',
    ncsc: ['2.3', '10'],
    mirrors: { checkov: ['CKV2_AZURE_40'] },
    waivable: true,
  },
  check: (ctx) =>
    scanStack(ctx, (s) => {
      if (CONNECTION_STRING_RE.test(s.text)) return 'a connection string with a key';
      if (SAS_RE.test(s.text)) return 'a SAS token signature';
      if (!s.expression && ACCOUNT_KEY_RE.test(s.text)) return 'a storage account key';
      return undefined;
    }),
};
