import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { privateCacheFolder, userCacheDir } from '../../util/user-cache';
import { removeDir } from '../helpers/estate';

describe('the private cache folder', () => {
  let parent: string;
  const saved = process.env.BLUELAMP_CACHE_DIR;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'bluelamp-user-cache-'));
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.BLUELAMP_CACHE_DIR;
    else process.env.BLUELAMP_CACHE_DIR = saved;
    removeDir(parent);
  });

  it('creates the sub-folder private (0700) in a private cache folder', () => {
    process.env.BLUELAMP_CACHE_DIR = join(parent, 'cache');
    const dir = privateCacheFolder('kept', true);
    expect(dir).toBe(join(parent, 'cache', 'kept'));
    expect(existsSync(join(parent, 'cache', 'kept'))).toBe(true);
  });

  it('creates nothing in a cache folder that other users can write to', () => {
    const shared = join(parent, 'shared');
    process.env.BLUELAMP_CACHE_DIR = shared;
    expect(privateCacheFolder('', true)).toBe(shared); // made private by us
    chmodSync(shared, 0o777);
    expect(privateCacheFolder('kept', true)).toBeUndefined();
    expect(readdirSync(shared)).toEqual([]);
  });

  it('creates nothing behind a cache folder that is a symbolic link', () => {
    const target = join(parent, 'target');
    process.env.BLUELAMP_CACHE_DIR = target;
    privateCacheFolder('', true);
    const link = join(parent, 'link');
    symlinkSync(target, link);
    process.env.BLUELAMP_CACHE_DIR = link;
    expect(privateCacheFolder('kept', true)).toBeUndefined();
    expect(readdirSync(target)).toEqual([]);
  });

  it('is off for an estate whose checkout holds the cache folder, relative or not', () => {
    const checkout = join(parent, 'repo');
    mkdirSync(join(checkout, '.git'), { recursive: true });
    mkdirSync(join(checkout, 'estate'));
    const estate = join(checkout, 'estate');
    expect(userCacheDir({ BLUELAMP_CACHE_DIR: join(checkout, '.cache') }, estate)).toBeUndefined();
    expect(userCacheDir({ BLUELAMP_CACHE_DIR: join(estate, 'cache') }, estate)).toBeUndefined();
    expect(userCacheDir({ BLUELAMP_CACHE_DIR: relative(process.cwd(), join(checkout, 'c')) }, estate)).toBeUndefined();
    expect(userCacheDir({ XDG_CACHE_HOME: checkout }, estate)).toBeUndefined();
    const outside = join(parent, 'cache');
    expect(userCacheDir({ BLUELAMP_CACHE_DIR: outside }, estate)).toBe(outside);
  });
});
