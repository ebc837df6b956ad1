import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitBlobReader } from '../../delivery/git-blobs';
import { removeDir } from '../helpers/estate';
import { commitAll, gitSync } from './git-repo';

describe('GitBlobReader: files at commits through one git process', () => {
  let repo: string;
  let reader: GitBlobReader | undefined;
  // Bytes a text reading would change: no final newline, a NUL, a lone CR, invalid UTF-8.
  const binary = Buffer.from([0x61, 0x00, 0x0d, 0xff, 0x62]);
  // Larger than a pipe's buffer, so its answer arrives in pieces.
  const large = Buffer.from('x'.repeat(300_000) + '\n');
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'bluelamp-blobs-'));
    gitSync(repo, 'init', '-q');
    mkdirSync(join(repo, 'forces'));
    writeFileSync(join(repo, 'forces', 'a.yaml'), 'id: a\n');
    writeFileSync(join(repo, 'forces', 'bin.dat'), binary);
    writeFileSync(join(repo, 'large.txt'), large);
    writeFileSync(join(repo, 'forces', 'odd\nname.yaml'), 'odd\n');
    commitAll(repo, 'first');
    writeFileSync(join(repo, 'forces', 'a.yaml'), 'id: a2\n');
    commitAll(repo, 'second');
  });
  afterEach(() => {
    reader?.close();
    reader = undefined;
    removeDir(repo);
  });

  it('answers many questions in order, with exact bytes, and undefined for what is not a file there', async () => {
    reader = new GitBlobReader(repo);
    const answers = await Promise.all([
      reader.read('HEAD', 'forces/a.yaml'),
      reader.read('HEAD~1', 'forces/a.yaml'),
      reader.read('HEAD', 'large.txt'),
      reader.read('HEAD', 'forces/bin.dat'),
      reader.read('HEAD', 'forces/none.yaml'),
      reader.read('HEAD', 'forces'), // a folder
      reader.read('no-such-ref', 'forces/a.yaml'),
      reader.read('HEAD^{commit}', 'forces/a.yaml'),
    ]);
    expect(answers).toEqual([
      Buffer.from('id: a2\n'),
      Buffer.from('id: a\n'),
      large,
      binary,
      undefined,
      undefined,
      undefined,
      Buffer.from('id: a2\n'),
    ]);
  });

  it('reads ./ paths from the folder it was opened in', async () => {
    reader = new GitBlobReader(join(repo, 'forces'));
    expect(await reader.read('HEAD', './a.yaml')).toEqual(Buffer.from('id: a2\n'));
    expect(await reader.read('HEAD', 'forces/a.yaml')).toEqual(Buffer.from('id: a2\n'));
  });

  it('asks git show for a path that cannot be put on one line, and after it is closed', async () => {
    reader = new GitBlobReader(repo);
    expect(await reader.read('HEAD', 'forces/odd\nname.yaml')).toEqual(Buffer.from('odd\n'));
    // Without the fallback this line would be read as two questions, the second about "name.yaml".
    expect(await reader.read('HEAD', 'forces/a.yaml')).toEqual(Buffer.from('id: a2\n'));
    reader.close();
    expect(await reader.read('HEAD~1', 'forces/a.yaml')).toEqual(Buffer.from('id: a\n'));
  });

  it('fails every question, with git’s words, outside a repository', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'bluelamp-blobs-'));
    try {
      reader = new GitBlobReader(outside);
      await expect(reader.read('HEAD', 'a')).rejects.toThrow(/git cat-file --batch ended .*not a git repository/);
    } finally {
      removeDir(outside);
    }
  });
});
