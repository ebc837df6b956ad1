import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { SYNTH_OWNER, synthesizeEstate, synthOutdirProblem } from '../../stacks/synthesize';
import { sweepTempSiblings, writeDirAtomic } from '../../util/atomic';
import { InterruptedError, InterruptScope } from '../../util/interrupt';
import { hasMarker, writeMarker } from '../../util/owned-dir';
import { runCli } from '../helpers/cli';
import { listFiles, removeDir, tempEstate } from '../helpers/estate';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';

/** The id of a process that has ended (its folders are leftovers): a shell starts far faster than node. */
const deadPid = () => spawnSync('sh', ['-c', ':']).pid;

// Some tests start processes (synthesis workers, a shell): allow for a loaded 2-core machine.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

describe('synth replaces only folders it wrote', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  it('refuses a non-empty folder that merely holds a manifest.json (a browser extension), deleting nothing', async () => {
    const ext = join(dir, 'extension');
    mkdirSync(join(ext, 'src'), { recursive: true });
    writeFileSync(join(ext, 'manifest.json'), '{"manifest_version": 3}');
    writeFileSync(join(ext, 'bluelamp.json'), '{"not": "ours"}');
    writeFileSync(join(ext, 'src', 'background.js'), 'chrome.runtime;');
    const before = listFiles(ext);
    const r = await runCli(['synth', '--force', 'bravo', '--out', 'extension'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out extension is not empty and was not written by bluelamp synth');
    expect(r.stderr).toContain('.bluelamp-synth');
    expect(listFiles(ext)).toEqual(before);
  });

  it('writes its marker, and replaces its own output on the next run', async () => {
    expect((await runCli(['synth', '--force', 'bravo', '--quiet'], dir)).code).toBe(0);
    const out = join(dir, 'cdktf.out');
    expect(readFileSync(join(out, SYNTH_OWNER.file), 'utf8').split('\n')[0]).toBe(SYNTH_OWNER.signature);
    expect((await runCli(['synth', '--force', 'alpha', '--quiet'], dir)).code).toBe(0);
    expect(readdirSync(join(out, 'stacks'))).toEqual(['alpha']);
  });

  it('does not take a marker with other content, or a link to a marker elsewhere, for its own', () => {
    const forged = join(dir, 'forged');
    mkdirSync(forged);
    writeFileSync(join(forged, SYNTH_OWNER.file), 'bluelamp synth output, format 99\n');
    writeFileSync(join(forged, 'keep.txt'), 'x');
    expect(synthOutdirProblem(forged)).toMatch(/not written by bluelamp synth/);

    const real = join(dir, 'real');
    mkdirSync(real);
    writeMarker(real, SYNTH_OWNER);
    const linked = join(dir, 'linked');
    mkdirSync(linked);
    symlinkSync(join(real, SYNTH_OWNER.file), join(linked, SYNTH_OWNER.file));
    writeFileSync(join(linked, 'keep.txt'), 'x');
    expect(hasMarker(real, SYNTH_OWNER)).toBe(true);
    expect(hasMarker(linked, SYNTH_OWNER)).toBe(false);
    expect(synthOutdirProblem(linked)).toMatch(/not written by bluelamp synth/);
  });

  it('still replaces output an older synth wrote (no marker), but not once anything else is in it', () => {
    const legacy = join(dir, 'legacy');
    mkdirSync(join(legacy, 'stacks', 'alpha'), { recursive: true });
    writeFileSync(join(legacy, 'manifest.json'), '{}');
    writeFileSync(join(legacy, 'bluelamp.json'), JSON.stringify({ schemaVersion: 1, tool: { name: 'bluelamp' } }));
    expect(synthOutdirProblem(legacy)).toBeUndefined();
    writeFileSync(join(legacy, 'notes.md'), 'mine');
    expect(synthOutdirProblem(legacy)).toMatch(/not written by bluelamp synth/);
  });

  it('checks ownership again just before replacing: a folder that changed meanwhile is kept', () => {
    const target = join(dir, 'out');
    mkdirSync(target);
    writeFileSync(join(target, 'precious.txt'), 'keep');
    expect(() =>
      writeDirAtomic(target, () => undefined, { marker: SYNTH_OWNER, mayReplace: (t) => synthOutdirProblem(t) }),
    ).toThrow(/not written by bluelamp synth/);
    expect(readFileSync(join(target, 'precious.txt'), 'utf8')).toBe('keep');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('leftovers of interrupted runs', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  it('sweeps only marked (or empty) temporary folders of runs that are no longer alive', () => {
    const target = join(dir, 'cdktf.out');
    const dead = deadPid();
    const stale = join(dir, `.cdktf.out.tmp-${dead}-1`);
    const staleOld = join(dir, `.cdktf.out.tmp-${dead}-2.old`);
    const empty = join(dir, `.cdktf.out.tmp-${dead}-3`);
    const foreign = join(dir, `.cdktf.out.tmp-${dead}-4`);
    const live = join(dir, `.cdktf.out.tmp-${process.pid}-5`);
    const otherName = join(dir, `.reports.tmp-${dead}-6`);
    for (const d of [stale, staleOld, empty, foreign, live, otherName]) mkdirSync(d);
    for (const d of [stale, staleOld, live, otherName]) writeMarker(d, SYNTH_OWNER);
    writeFileSync(join(stale, 'half.json'), '{');
    writeFileSync(join(foreign, 'someone-elses.txt'), 'keep');
    expect(sweepTempSiblings(target, SYNTH_OWNER).sort()).toEqual(
      [stale, staleOld, empty].map((d) => d.slice(dir.length + 1)).sort(),
    );
    expect([foreign, live, otherName].every(existsSync)).toBe(true);
  });

  it('synth sweeps its stale leftovers before it starts', async () => {
    const stale = join(dir, `.cdktf.out.tmp-${deadPid()}-1`);
    mkdirSync(stale);
    writeMarker(stale, SYNTH_OWNER);
    expect((await runCli(['synth', '--force', 'bravo', '--quiet'], dir)).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
  });

  it.each([
    ['in this process', { workers: 1 }],
    [
      'in worker processes',
      { workers: 2, chunkSize: 1, workerScript: join(__dirname, '..', '..', 'dist', 'stacks', 'synth-worker.js') },
    ],
  ])(
    'an interrupted synth (%s) stops, removes its temporary folder and keeps the previous output',
    async (_how, extra) => {
      expect((await runCli(['synth', '--force', 'bravo', '--quiet'], dir)).code).toBe(0);
      const out = join(dir, 'cdktf.out');
      const before = listFiles(out);
      const signals = new EventEmitter();
      const interrupts = new InterruptScope({ source: signals, forceExit: () => undefined });
      try {
        const run = synthesizeEstate(loadEstate(dir), {
          outdir: out,
          batchSize: 1,
          interrupts,
          // The first stack is done: the user presses Ctrl-C.
          onProgress: (line) => {
            if (line.startsWith('synth ') && !interrupts.interrupted) signals.emit('SIGINT', 'SIGINT');
          },
          ...extra,
        });
        await expect(run).rejects.toBeInstanceOf(InterruptedError);
      } finally {
        interrupts.stop();
      }
      expect(listFiles(out)).toEqual(before);
      expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    },
  );
});
