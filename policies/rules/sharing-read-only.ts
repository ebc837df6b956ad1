import { ASSIGNMENT_TYPES, evidenceAccountOf, PARTNER_READ_ROLES, roleGuid } from '../evidence-sharing';
import { isUnknown } from '../terraform-json';
import { fail, notApplicable, pass, show, unknown, type ResourceRule } from '../rule';

/** A partner reads evidence; it never writes, deletes or holds a key to it. */
export const sharingReadOnly: ResourceRule = {
  scope: 'resource',
  types: ASSIGNMENT_TYPES,
  meta: {
    id: 'BL-SHR-001',
    title: 'Evidence is shared read-only: a partner never gets write, delete or key access',
    severity: 'critical',
    rationale:
      'Continuity of evidence depends on no one outside the force being able to alter, delete or re-key it; a prosecutor or court needs to read, nothing more. Storage Blob Data Reader is the only role a partner may hold on an evidence store.',
    ncsc: ['9', '10', '2.3'],
    mirrors: {},
    waivable: false,
  },
  configFields: ['services.evidenceStore.sharing'],
  check(r, ctx) {
    if (!evidenceAccountOf(r, ctx.index)) return notApplicable();
    const role = r.values.role_definition_id ?? r.values.role_definition_name;
    if (isUnknown(role)) return unknown(`role is ${show(role)}`);
    if (r.values.role_definition_name !== undefined && r.values.role_definition_id === undefined)
      return r.values.role_definition_name === 'Storage Blob Data Reader'
        ? pass()
        : fail(`grants ${show(r.values.role_definition_name)} on evidence; only Storage Blob Data Reader is allowed`);
    const guid = roleGuid(role);
    if (guid && PARTNER_READ_ROLES[guid]) return pass(`grants ${PARTNER_READ_ROLES[guid]}`);
    return fail(`grants role ${show(role)} on evidence; only Storage Blob Data Reader (read and list) is allowed`);
  },
};
