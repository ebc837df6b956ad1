import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { synthesizeEstate } from '../../stacks/synthesize';
import { FIXTURES, removeDir, SMALL_ESTATE } from '../helpers/estate';

/**
 * The Terraform address of a resource is its identity in state: if a refactor moves one (a renamed
 * construct id, a reordered scope, an id built differently from data), Terraform destroys the
 * resource and creates a new one in production. Alpha (every service on, VPN sites) is pinned
 * address by address; the list was reviewed by reading it, not copied from the code's output.
 * A new resource adds a line here on purpose; a removed or changed line needs a `moved` block
 * or a very good reason.
 */
const PINNED = join(FIXTURES, 'terraform-addresses', 'alpha.txt');

function addressesOf(tfJson: {
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
}): string[] {
  const resources = Object.entries(tfJson.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
  const data = Object.entries(tfJson.data ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `data.${type}.${name}`),
  );
  return [...resources, ...data].sort();
}

describe('Terraform addresses of a force stack', () => {
  let dir: string;
  let actual: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bluelamp-addresses-'));
    await synthesizeEstate(loadEstate(SMALL_ESTATE), {
      outdir: join(dir, 'cdktf.out'),
      forceIds: ['alpha'],
      workers: 1,
    });
    actual = addressesOf(JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'alpha', 'cdk.tf.json'), 'utf8')));
  }, 60_000);
  afterAll(() => removeDir(dir));

  it('are exactly the pinned ones for alpha (none moved, none lost, none added unreviewed)', () => {
    const pinned = readFileSync(PINNED, 'utf8').split('\n').filter(Boolean);
    const moved = pinned.filter((a) => !actual.includes(a));
    const added = actual.filter((a) => !pinned.includes(a));
    // Listed separately so a failure says which way it went: a missing address is a resource replaced.
    expect({ missing: moved, unpinned: added }).toEqual({ missing: [], unpinned: [] });
    expect(actual).toEqual(pinned);
  });
});
