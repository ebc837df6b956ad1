import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { affectedStacks, assertStackIds, computeAffected, fileEffect, toMatrix } from '../../delivery/affected';
import { removeDir } from '../helpers/estate';
import { appendText, captureIo, commitAll, estateRepo, gitSync, writeText } from './git-repo';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';

// Builds git repositories and runs git in them: allow for a loaded 2-core machine.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

describe('fileEffect', () => {
  it.each([
    ['forces/essex.yaml', 'stacks', ['essex']],
    ['policies/waivers/kent.yaml', 'stacks', ['kent']],
    ['platform.yaml', 'all', []],
    ['constructs/force-network.ts', 'all', []],
    ['stacks/force-stack.ts', 'all', []],
    ['config/schema.ts', 'all', []],
    ['util/cidr.ts', 'all', []],
    ['package-lock.json', 'all', []],
    ['docs/onboarding.md', 'none', []],
    ['README.md', 'none', []],
    ['policies/rules/storage-https.ts', 'none', []],
    ['.github/workflows/pull-request.yml', 'none', []],
    ['somewhere/unknown.txt', 'all', []],
  ])('maps %s to %s', (file, effect, stacks) => {
    const result = fileEffect(file);
    expect(result.effect).toBe(effect);
    if (file.startsWith('util/')) expect(result.reason).toBe('code that every stack is synthesised from');
    expect(result.stacks).toEqual(stacks);
  });
});

describe('affectedStacks', () => {
  it('lists the national stack and every force when platform.yaml changes', () => {
    const result = affectedStacks('main', ['platform.yaml', 'forces/alpha.yaml'], ['alpha', 'bravo']);
    expect(result.all).toBe(true);
    expect(toMatrix(result)).toEqual({ include: [{ stack: 'national' }, { stack: 'alpha' }, { stack: 'bravo' }] });
  });

  it('names bootstrap apart, by hand, when platform.yaml changes, and keeps it out of the CI matrix', () => {
    const result = affectedStacks('main', ['platform.yaml'], ['alpha']);
    expect(result.byHand).toEqual(['bootstrap']);
    expect(result.stacks).toEqual(['national', 'alpha']);
    expect(toMatrix(result).include.map((i) => i.stack)).not.toContain('bootstrap');
  });

  it('names bootstrap for a force whose grants may change, and not for one whose may not', () => {
    expect(affectedStacks('main', ['forces/alpha.yaml'], ['alpha'], new Set(), new Set(['alpha'])).byHand).toEqual([
      'bootstrap',
    ]);
    expect(affectedStacks('main', ['forces/alpha.yaml'], ['alpha']).byHand).toEqual([]);
    expect(affectedStacks('main', ['docs/bootstrap.md'], ['alpha']).byHand).toEqual([]);
  });

  it('refuses a force file named for the bootstrap or national stack instead of putting that stack in the CI matrix', () => {
    const boot = affectedStacks(
      'main',
      ['forces/bootstrap.yaml'],
      ['alpha', 'bootstrap'],
      new Set(),
      new Set(['bootstrap']),
    );
    expect(() => assertStackIds(boot)).toThrow(/forces\/bootstrap\.yaml.*reserved/);
    const nat = affectedStacks('main', ['forces/national.adopt.yaml'], ['alpha']);
    expect(() => assertStackIds(nat)).toThrow(/forces\/national\.adopt\.yaml.*reserved/);
    // Waivers of bootstrap and national are theirs to have.
    expect(() => assertStackIds(affectedStacks('main', ['policies/waivers/bootstrap.yaml'], ['alpha']))).not.toThrow();
  });

  it("plans the force of a changed adoption file, and does not take it for a removed force named '<id>.adopt'", () => {
    const result = assertStackIds(affectedStacks('main', ['forces/alpha.adopt.yaml'], ['alpha']));
    expect(result.stacks).toEqual(['alpha']);
    expect(result.removed).toEqual([]);
  });

  it('reports a deleted force file as removed, not as a stack to plan', () => {
    const result = affectedStacks('main', ['forces/bravo.yaml'], ['alpha']);
    expect(result.stacks).toEqual([]);
    expect(result.removed).toEqual(['bravo']);
  });
});

describe('computeAffected on a git repository', () => {
  let repo: string;
  beforeEach(() => {
    repo = estateRepo();
  });
  afterEach(() => removeDir(repo));

  it('treats a renamed force file as one force removed and another added', async () => {
    gitSync(repo, 'mv', 'forces/bravo.yaml', 'forces/charlie.yaml');
    commitAll(repo, 'rename bravo');
    const result = await computeAffected(repo, 'HEAD~1');
    expect(result.stacks).toEqual(['charlie']);
    expect(result.removed).toEqual(['bravo']);
  });

  it('reads an estate in a subfolder: its own files by estate path, code at the root for every stack, other estates not at all', async () => {
    const sub = join(repo, 'estates', 'prod');
    mkdirSync(sub, { recursive: true });
    gitSync(repo, 'mv', 'forces', 'platform.yaml', 'estates/prod');
    commitAll(repo, 'move the estate into a subfolder');
    writeText(repo, 'forces/other.yaml', 'id: other\n');
    appendText(repo, 'estates/prod/forces/alpha.yaml', '# reviewed\n');
    commitAll(repo, 'change alpha, and a file of another estate at the root');
    const result = await computeAffected(sub, 'HEAD~1');
    expect(result.stacks).toEqual(['alpha']);
    expect(result.removed).toEqual([]);
    expect(result.files.map((f) => [f.file, f.effect])).toEqual([
      ['forces/alpha.yaml', 'stacks'],
      ['/forces/other.yaml', 'none'],
    ]);
    writeText(repo, 'constructs/new-thing.ts', 'export {};\n');
    expect((await computeAffected(sub, 'HEAD')).all).toBe(true);
  });

  it('finds only the force whose file changed in a commit', async () => {
    appendText(repo, 'forces/alpha.yaml', '# reviewed\n');
    commitAll(repo, 'change alpha');
    const result = await computeAffected(repo, 'HEAD~1');
    expect(result.stacks).toEqual(['alpha']);
    expect(result.files.map((f) => f.file)).toEqual(['forces/alpha.yaml']);
    // A comment changes no resource type: the deployer's grants stay as they are.
    expect(result.byHand).toEqual([]);
  });

  it("names bootstrap when a force's services change (its grants follow the resource types), and says why", async () => {
    const file = join(repo, 'forces', 'alpha.yaml');
    writeText(repo, 'forces/alpha.yaml', readFileSync(file, 'utf8').replace(/enabled: true/, 'enabled: false'));
    writeText(
      repo,
      'forces/bravo.yaml',
      readFileSync(join(repo, 'forces', 'bravo.yaml'), 'utf8').replace(/costCentre: .*/, 'costCentre: cc-renamed'),
    );
    const result = await computeAffected(repo, 'HEAD');
    expect(result.stacks).toEqual(['alpha', 'bravo']);
    expect(result.byHand).toEqual(['bootstrap']);
    expect(result.files.find((f) => f.file === 'forces/alpha.yaml')?.reason).toContain("the deployer's grants follow");
    expect(result.files.find((f) => f.file === 'forces/bravo.yaml')?.reason).toBe('force file');
    const { io, sink } = captureIo(repo);
    expect(await main(['affected', '--base', 'HEAD', '--format', 'text'], sink)).toBe(0);
    expect(io.stdout).toContain(
      'by hand, not in the matrix (an NMC engineer applies it first: docs/bootstrap.md): bootstrap',
    );
  });

  it('adds the national stack when a change alters VPN sites it terminates, and names why', async () => {
    const file = join(repo, 'forces', 'alpha.yaml');
    writeText(
      repo,
      'forces/alpha.yaml',
      readFileSync(file, 'utf8').replace('gatewayAddress: 203.0.113.10', 'gatewayAddress: 203.0.113.11'),
    );
    commitAll(repo, 'alpha moves its VPN endpoint');
    const result = await computeAffected(repo, 'HEAD~1');
    expect(result.stacks).toEqual(['national', 'alpha']);
    expect(result.files[0].reason).toMatch(/VPN sites terminate on the hub/);
  });

  it('takes a force file that cannot be compared (a recursive alias) as changing the national stack and the grants', async () => {
    writeText(repo, 'forces/bravo.yaml', 'id: bravo\nnetwork: &loop\n  flows: [*loop]\n');
    const result = await computeAffected(repo, 'HEAD');
    expect(result.stacks).toEqual(['national', 'bravo']);
    expect(result.byHand).toEqual(['bootstrap']);
  });

  it('adds the national stack when a deleted force had VPN sites', async () => {
    rmSync(join(repo, 'forces', 'alpha.yaml'));
    const result = await computeAffected(repo, 'HEAD');
    expect(result.stacks).toEqual(['national']);
    expect(result.removed).toEqual(['alpha']);
  });

  it('counts uncommitted and untracked changes, so a change can be checked before committing', async () => {
    writeText(repo, 'forces/charlie.yaml', '# new force\n');
    appendText(repo, 'forces/bravo.yaml', '# edited\n');
    const result = await computeAffected(repo, 'main');
    expect(result.stacks).toEqual(['bravo', 'charlie']);
  });

  it('finds no stack for a documentation-only change', async () => {
    writeText(repo, 'docs/notes.md', '# notes\n');
    commitAll(repo, 'docs');
    const result = await computeAffected(repo, 'HEAD~1');
    expect(result.stacks).toEqual([]);
    expect(toMatrix(result)).toEqual({ include: [] });
  });

  it('compares with one of two merge bases in a criss-cross history, as git merge-base picks, rather than failing', async () => {
    // main and feature each merge the other, so they have two merge bases; git diff --merge-base refuses that.
    gitSync(repo, 'checkout', '-q', '-b', 'feature');
    appendText(repo, 'forces/alpha.yaml', '# feature\n');
    commitAll(repo, 'feature change');
    gitSync(repo, 'checkout', '-q', 'main');
    writeText(repo, 'docs/main.md', '# main\n');
    commitAll(repo, 'main change');
    gitSync(repo, 'checkout', '-q', '-b', 'crossed');
    gitSync(repo, 'merge', '-q', '--no-edit', 'feature');
    gitSync(repo, 'checkout', '-q', 'feature');
    gitSync(repo, 'merge', '-q', '--no-edit', 'main');
    gitSync(repo, 'checkout', '-q', 'crossed');
    appendText(repo, 'forces/bravo.yaml', '# crossed\n');
    commitAll(repo, 'crossed change');
    expect(gitSync(repo, 'merge-base', '--all', 'feature', 'HEAD').trim().split('\n')).toHaveLength(2);
    const result = await computeAffected(repo, 'feature');
    // The files changed since the one git merge-base names (bravo's change is after both bases).
    const picked = gitSync(repo, 'merge-base', 'feature', 'HEAD').trim();
    const changed = gitSync(repo, 'diff', '--name-only', picked).trim().split('\n').sort();
    expect(result.files.map((f) => f.file)).toEqual(changed);
    expect(result.stacks).toContain('bravo');
  });

  it('compares with the merge base, so changes made on the base branch since do not count', async () => {
    gitSync(repo, 'checkout', '-q', '-b', 'feature');
    appendText(repo, 'forces/alpha.yaml', '# feature\n');
    commitAll(repo, 'feature change');
    gitSync(repo, 'checkout', '-q', 'main');
    appendText(repo, 'platform.yaml', '# main moved on\n');
    commitAll(repo, 'main change');
    gitSync(repo, 'checkout', '-q', 'feature');
    const result = await computeAffected(repo, 'main');
    expect(result.stacks).toEqual(['alpha']);
  });

  it('prints the text summary once, on stdout, with nothing repeated on stderr', async () => {
    appendText(repo, 'forces/alpha.yaml', '# x\n');
    const { io, sink } = captureIo(repo);
    expect(await main(['affected', '--base', 'HEAD', '--format', 'text'], sink)).toBe(0);
    expect(io.stdout.split('\n')[0]).toBe('1 stack affected since HEAD: alpha');
    expect(io.stderr).toBe('');
  });

  it('prints the CI matrix through the CLI', async () => {
    rmSync(join(repo, 'forces', 'bravo.yaml'));
    appendText(repo, 'forces/alpha.yaml', '# x\n');
    const { io, sink } = captureIo(repo);
    const code = await main(['affected', '--base', 'HEAD', '--format', 'matrix', '--quiet'], sink);
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual({ include: [{ stack: 'alpha' }] });
  });

  it('fails with a clear message for an unknown base ref', async () => {
    const { io, sink } = captureIo(repo);
    const code = await main(['affected', '--base', 'no-such-branch'], sink);
    expect(code).toBe(1);
    expect(io.stderr).toContain('--base no-such-branch: no such commit');
  });

  it('outside a git repository, says so rather than blaming the base ref', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'bluelamp-no-git-'));
    try {
      const { io, sink } = captureIo(outside);
      expect(await main(['affected', '--base', 'main'], sink)).toBe(1);
      expect(io.stderr).toContain('is not inside a git repository');
      expect(io.stderr).not.toContain('no such commit');
    } finally {
      removeDir(outside);
    }
  });

  it('needs --base', async () => {
    const { io, sink } = captureIo(repo);
    expect(await main(['affected'], sink)).toBe(2);
    expect(io.stderr).toContain('--base REF is required');
  });
});
