/**
 * The sharing checks that depend on the day: an agreement approved in the future, or one whose
 * access has already ended. Kept apart from the schema so that a run can leave them out when it
 * judges an old commit (the base of a diff), where "expired since" is not the change's fault.
 */
import type { LoadedFile } from './estate';
import type { ConfigIssue } from './errors';
import type { ForceConfig } from './schema';

export function sharingDateIssues(forces: readonly LoadedFile<ForceConfig>[], today: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const force of forces) {
    force.config.services.evidenceStore.sharing.forEach((a, i) => {
      const at = (field: string, message: string) => {
        const pos = force.locator.locate(['services', 'evidenceStore', 'sharing', i, field]);
        issues.push({
          file: force.file,
          line: pos?.line,
          col: pos?.col,
          path: `services.evidenceStore.sharing[${i}].${field}`,
          message,
        });
      };
      if (a.approvedOn > today) at('approvedOn', `${a.approvedOn} is in the future (today is ${today} in London)`);
      if (a.expires < today)
        at(
          'expires',
          `agreement "${a.id}" with ${a.partner} expired on ${a.expires}: its access has ended; remove it, or renew it with a new approval`,
        );
    });
  }
  return issues;
}
