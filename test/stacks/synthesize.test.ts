import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadEstate } from '../../config/estate';
import { ESTATE_MANIFEST, SOURCES_FILE, stackInputsSha256, synthesizeEstate } from '../../stacks/synthesize';
import { InterruptScope } from '../../util/interrupt';
import { listFiles, removeDir, tempEstate } from '../helpers/estate';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';

// Synthesises in child processes too: allow for a loaded 2-core machine.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

describe('synthesizeEstate', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempEstate();
  });
  afterAll(() => removeDir(dir));

  it("writes cdktf's layout: one folder per stack, a manifest listing them, and the input fingerprints", async () => {
    const estate = loadEstate(dir);
    const progress: string[] = [];
    const result = await synthesizeEstate(estate, {
      outdir: join(dir, 'cdktf.out'),
      onProgress: (l) => progress.push(l),
    });
    expect(result.stacks.map((s) => s.name)).toEqual(['national', 'alpha', 'bravo']);
    const manifest = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['alpha', 'bravo', 'national']);
    expect(manifest.stacks.alpha.synthesizedStackPath).toBe('stacks/alpha/cdk.tf.json');
    for (const name of ['national', 'alpha', 'bravo']) {
      expect(existsSync(join(dir, 'cdktf.out', 'stacks', name, 'cdk.tf.json'))).toBe(true);
    }
    const fingerprints = JSON.parse(readFileSync(join(dir, 'cdktf.out', ESTATE_MANIFEST), 'utf8'));
    expect(fingerprints.stacks.alpha.inputsSha256).toBe(stackInputsSha256(estate, 'alpha'));
    expect(fingerprints.stacks.alpha.inputsSha256).not.toBe(fingerprints.stacks.bravo.inputsSha256);
    expect(progress).toHaveLength(3);
    expect(progress[1]).toMatch(/^synth alpha \(2\/3\): \d+ resources$/);
  });

  it('reports for each stack exactly the number of resources its cdk.tf.json holds', () => {
    const recorded = JSON.parse(readFileSync(join(dir, 'cdktf.out', ESTATE_MANIFEST), 'utf8')).stacks as Record<
      string,
      { resources: number }
    >;
    for (const [name, { resources }] of Object.entries(recorded)) {
      const json = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8')) as {
        resource: Record<string, object>;
      };
      const inJson = Object.values(json.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
      expect(`${name}: ${resources}`).toBe(`${name}: ${inJson}`);
      expect(resources).toBeGreaterThan(10);
    }
  });

  it('records where each config value is written, for findings that point at the YAML line', () => {
    const sources = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'alpha', SOURCES_FILE), 'utf8'));
    expect(sources.file).toBe('forces/alpha.yaml');
    expect(sources.fields['network.addressSpace']).toEqual({ line: 12, col: 17 });
    expect(sources.fields['identity.readers[0]']).toEqual({ line: 21, col: 13 });
  });

  it('synthesises one force alone, replacing the whole output so no stale stack remains', async () => {
    const estate = loadEstate(dir);
    await synthesizeEstate(estate, { outdir: join(dir, 'cdktf.out'), forceIds: ['bravo'] });
    expect(readdirSync(join(dir, 'cdktf.out', 'stacks'))).toEqual(['bravo']);
    const manifest = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(['bravo']);
  });

  it('leaves the previous output untouched and no temporary folder behind when synthesis fails', async () => {
    const estate = loadEstate(dir);
    const before = listFiles(join(dir, 'cdktf.out')).map((f) => [f, readFileSync(join(dir, 'cdktf.out', f), 'utf8')]);
    // The fourth stack cannot be built; with one stack per batch, three are already written when it fails.
    const broken = {
      ...estate,
      forces: [...estate.forces, { ...estate.forces[0], config: { ...estate.forces[0].config, id: 'has spaces!' } }],
    };
    await expect(synthesizeEstate(broken, { outdir: join(dir, 'cdktf.out'), batchSize: 1 })).rejects.toThrow();
    expect(listFiles(join(dir, 'cdktf.out')).map((f) => [f, readFileSync(join(dir, 'cdktf.out', f), 'utf8')])).toEqual(
      before,
    );
    expect(readdirSync(dirname(join(dir, 'cdktf.out'))).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('synthesizeEstate in child processes (the path large estates take)', () => {
  // Each child loads cdktf and the provider bindings: on a busy 2-core machine that takes seconds.
  // Two stacks per child keep it to two children per run (each a second of CPU), one of them
  // holding more than one stack.
  const CHILD_TIMEOUT_MS = 120_000;
  // The worker is compiled JavaScript: the jest global setup builds dist/ first (test/setup/global-setup.ts).
  const workerScript = join(__dirname, '..', '..', 'dist', 'stacks', 'synth-worker.js');
  let dir: string;
  beforeAll(() => {
    dir = tempEstate();
  });
  afterAll(() => removeDir(dir));

  /** An interrupt scope deaf to this process's signals that keeps every worker synthesis starts. */
  function recordingWorkers(): { interrupts: InterruptScope; workers: ChildProcess[] } {
    const interrupts = new InterruptScope({ source: new EventEmitter() });
    const workers: ChildProcess[] = [];
    const track = interrupts.track.bind(interrupts);
    interrupts.track = (child) => {
      workers.push(child as ChildProcess);
      return track(child);
    };
    return { interrupts, workers };
  }
  /** Each worker's pid and how it ended; `running` if it had not exited (been reaped) yet. */
  const endings = (workers: readonly ChildProcess[]) =>
    workers.map((w) => `${w.pid}: ${w.exitCode ?? w.signalCode ?? 'running'}`);

  it(
    'writes exactly what in-process synthesis writes',
    async () => {
      const estate = loadEstate(dir);
      await synthesizeEstate(estate, { outdir: join(dir, 'in-process', 'cdktf.out'), workers: 1 });
      const progress: string[] = [];
      const { interrupts, workers } = recordingWorkers();
      const result = await synthesizeEstate(estate, {
        outdir: join(dir, 'children', 'cdktf.out'),
        workers: 2,
        chunkSize: 2,
        workerScript,
        onProgress: (l) => progress.push(l),
        interrupts,
      });
      // No worker outlives the synthesis: each has exited by the time it returns.
      expect(endings(workers)).toEqual(workers.map((w) => `${w.pid}: 0`));
      expect(workers).toHaveLength(2);
      expect(result.stacks.map((s) => s.name)).toEqual(['national', 'alpha', 'bravo']);
      expect(progress.map((l) => l.replace(/ \(\d\/3\).*/, '')).sort()).toEqual([
        'synth alpha',
        'synth bravo',
        'synth national',
      ]);
      const files = listFiles(join(dir, 'in-process'));
      expect(listFiles(join(dir, 'children'))).toEqual(files);
      for (const file of files) {
        const inProcess = readFileSync(join(dir, 'in-process', file), 'utf8');
        const children = readFileSync(join(dir, 'children', file), 'utf8');
        expect(`${file}: ${children === inProcess ? 'same' : 'differs'}`).toBe(`${file}: same`);
      }
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'fails as a whole when one child fails, leaving no output and no temporary folder',
    async () => {
      const estate = loadEstate(dir);
      const broken = {
        ...estate,
        forces: [...estate.forces, { ...estate.forces[0], config: { ...estate.forces[0].config, id: 'has spaces!' } }],
      };
      const { interrupts, workers } = recordingWorkers();
      await expect(
        synthesizeEstate(broken, { outdir: join(dir, 'broken'), workers: 2, chunkSize: 2, workerScript, interrupts }),
      ).rejects.toThrow(/has spaces!/);
      expect(workers).toHaveLength(2);
      // Stopped or finished, but none still running once synthesis has failed.
      expect(endings(workers).filter((e) => e.endsWith('running'))).toEqual([]);
      expect(existsSync(join(dir, 'broken'))).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    },
    CHILD_TIMEOUT_MS,
  );
});
