import { ConfigError, formatIssue } from '../../config/errors';
import { loadEstate } from '../../config/estate';
import { FORCE_INDEX_FILE, forceIndexText } from '../../config/force-index';
import { diffAgainstBase } from '../../delivery/estate-diff';
import { reviewPullRequest } from '../../delivery/pull-request';
import { commitAll, editText, prTestRepo, writeText } from './git-repo';

// Each synthesising test builds stacks in this process: seconds on a busy 2-core machine.
const SYNTH_TIMEOUT_MS = 120_000;

/** What a review's validation refuses, one formatted line per problem. */
async function reviewProblems(repo: string, base: string): Promise<string[]> {
  try {
    await reviewPullRequest(repo, base);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map(formatIssue);
    throw err;
  }
  throw new Error('the review passed validation');
}

function fullLoadProblems(repo: string): string[] {
  try {
    loadEstate(repo, { cache: false });
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map(formatIssue);
    throw err;
  }
  return [];
}

/** The index as `bluelamp index` writes it for the estate in `repo` now. */
function writeIndex(repo: string): void {
  const estate = loadEstate(repo, { cache: false });
  writeText(repo, FORCE_INDEX_FILE, forceIndexText(estate));
}

describe('bluelamp pr with a force index on the base branch', () => {
  const state = prTestRepo(writeIndex);
  let repo: string;
  beforeEach(() => ({ repo } = state));
  const edit = (file: string, from: string, to: string) => editText(repo, file, from, to);

  it(
    'parses only the changed force and reviews exactly as without the index',
    async () => {
      edit('forces/bravo.yaml', 'costCentre: BRAVO-ICT', 'costCentre: BRAVO-ICT-2');
      commitAll(repo, 'bravo cost centre');
      const progress: string[] = [];
      const review = await reviewPullRequest(repo, 'HEAD~1', (line) => progress.push(line));
      expect(progress[0]).toBe(
        `pr: 2 forces valid (1 unchanged, from ${FORCE_INDEX_FILE} at HEAD~1; 1 parsed); 1 stack affected`,
      );
      expect(review.check?.stacks.map((s) => s.name)).toEqual(['bravo']);
      expect(review.synthesised).toBe(2);
      expect(review.diffs).toEqual((await diffAgainstBase(repo, 'HEAD~1')).diffs);
    },
    SYNTH_TIMEOUT_MS,
  );

  it('reads the index of the base branch, never the change’s own copy', async () => {
    // The change moves bravo over alpha's address space, and rewrites the index to say alpha is elsewhere.
    // (bravo has no VPN, so the national stack is not affected and the review does use an index.)
    edit('forces/bravo.yaml', 'addressSpace: 10.64.8.0/22', 'addressSpace: 10.64.0.0/22');
    edit(FORCE_INDEX_FILE, '"addressSpace":"10.64.0.0/21"', '"addressSpace":"10.66.0.0/21"');
    commitAll(repo, 'bravo moves, and the index is forged');
    const problems = await reviewProblems(repo, 'HEAD~1');
    expect(problems).toEqual(fullLoadProblems(repo));
    expect(problems).toEqual([
      'forces/bravo.yaml:10:17 network.addressSpace: 10.64.0.0/22 overlaps 10.64.0.0/21 of forces/alpha.yaml',
    ]);
  });

  it('parses every file when the base has no usable index, and says why', async () => {
    writeText(repo, FORCE_INDEX_FILE, '{"format":"bluelamp.force-index.v0"}\n');
    commitAll(repo, 'an index of another version');
    writeText(repo, 'docs/notes.md', '# notes\n');
    const progress: string[] = [];
    await reviewPullRequest(repo, 'HEAD', (line) => progress.push(line));
    expect(progress).toEqual([
      `pr: 2 forces valid (${FORCE_INDEX_FILE} at HEAD is unusable: format "bluelamp.force-index.v0", not bluelamp.force-index.v1 (run bluelamp index)); 0 stacks affected`,
    ]);
    // And a change checked against a base without one: every file parsed, exactly as a full load.
    edit('forces/bravo.yaml', 'name: Bravo Police', 'name: Alpha Constabulary');
    const problems = await reviewProblems(repo, 'HEAD~2');
    expect(problems).toEqual(fullLoadProblems(repo));
    expect(problems).toHaveLength(1);
  });

  it(
    'parses every force when the national stack is affected, which is made from all of them',
    async () => {
      // A new site behind alpha's VPN: the hub terminates it, so the national stack changes.
      edit(
        'forces/alpha.yaml',
        '        gatewayAddress: 203.0.113.10\n',
        '        gatewayAddress: 203.0.113.10\n      - name: depot\n        addressSpaces: [172.16.9.0/24]\n        gatewayAddress: 203.0.113.11\n',
      );
      commitAll(repo, 'alpha adds a site');
      const progress: string[] = [];
      const review = await reviewPullRequest(repo, 'HEAD~1', (line) => progress.push(line));
      expect(review.affected.stacks).toEqual(['national', 'alpha']);
      expect(progress[0]).toBe('pr: 2 forces valid (every file parsed); 2 stacks affected');
      expect(review.diffs).toEqual((await diffAgainstBase(repo, 'HEAD~1')).diffs);
    },
    SYNTH_TIMEOUT_MS,
  );
});
