import { median, report, summariseRuns, type Figure } from '../../bench/report';

describe('bench arithmetic', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('summarises runs as the median time and the largest peak memory, failed when any run failed', () => {
    expect(
      summariseRuns([
        { seconds: 1.2, peakMb: 100, ok: true },
        { seconds: 0.9, peakMb: 140, ok: true },
        { seconds: 5, peakMb: 90, ok: true },
      ]),
    ).toEqual({ seconds: 1.2, runs: 3, peakMb: 140, ok: true, note: undefined });
    expect(
      summariseRuns([
        { seconds: 1, ok: true },
        { seconds: 1, ok: false, note: 'boom' },
      ]),
    ).toMatchObject({ ok: false, note: 'boom', peakMb: undefined });
  });

  it('judges each estate against its targets, and lists the paired whole-job runs in a table of their own', () => {
    const f = (seconds: number): Figure => ({ seconds, runs: 5, ok: true });
    const { verdicts, table } = report([
      {
        estate: 'bundled',
        forces: 43,
        validate: f(0.3),
        validateWarm: f(0.2),
        synthCold: f(1.5),
        check: f(0.4),
        toolchainSynth: f(7),
        whole: { start: f(3.3), npxSynth: f(8.5), ratio: 0.39 },
        synthIncremental: f(0.6),
        prCold: f(1.1),
        prCached: f(0.7),
        prWarm: f(0.9),
      },
      {
        estate: 'synthetic',
        forces: 1000,
        validate: f(1.4),
        validateWarm: f(0.7),
        synthCold: f(20),
        check: f(3),
        toolchainSynth: f(50),
        // Under the target, but the toolchain's run failed: never a pass.
        whole: { start: f(10), npxSynth: { seconds: 40, runs: 5, ok: false, note: 'exit 1' }, ratio: 0.25 },
        synthIncremental: f(2),
        prCold: f(2.5),
        prCached: f(1.4),
        prWarm: { seconds: 1.2, runs: 5, ok: false, note: 'exit 2' },
      },
    ]);
    expect(verdicts).toEqual([
      expect.stringMatching(
        /^PASS 43 forces: cold start \(validate \+ synth \+ check \+ report, one process\) is 0\.39 x npx \S+ synth, median of 5 pairs \(target <= 0\.4\)$/,
      ),
      expect.stringMatching(
        /^INFO 43 forces: cold validate \+ synth \+ check as three processes is 0\.31 x \S+ synth run directly, without npx \(for comparison; the target is against npx\)$/,
      ),
      expect.stringMatching(
        /^FAIL 43 forces: pr for a one-force change, from nothing \(no cdktf\.out, no cache: .*\): median 1\.10s \(target <= 1\.0s\)$/,
      ),
      expect.stringMatching(
        /^PASS 43 forces: pr for a one-force change, with a previous review's cache \(no cdktf\.out: .*\): median 0\.70s/,
      ),
      expect.stringMatching(
        /^PASS 43 forces: pr for a one-force change, after synth of the base \(its cdktf\.out and cache: .*\): median 0\.90s/,
      ),
      expect.stringMatching(/^FAIL 1000 forces: cold start .* is 0\.25 x npx /),
      // 23.4 / 50: the 1,000-force estate has its own, looser pr target (1.5 s).
      expect.stringMatching(/^INFO 1000 forces: cold validate \+ synth \+ check as three processes is 0\.49 x /),
      expect.stringMatching(
        /^FAIL 1000 forces: pr for a one-force change, from nothing .*: median 2\.50s \(target <= 1\.5s\)$/,
      ),
      expect.stringMatching(
        /^PASS 1000 forces: pr for a one-force change, with a previous review's cache .*: median 1\.40s \(target <= 1\.5s\)$/,
      ),
      // Under the target but a run failed: never a pass.
      expect.stringMatching(
        /^FAIL 1000 forces: pr for a one-force change, after synth of the base \(its cdktf\.out and cache: .*\): median 1\.20s/,
      ),
    ]);
    expect(table).toMatch(/^\| bundled \| 43 \| 3\.30s \| 8\.50s \| 0\.39 \|$/m);
    expect(table).toMatch(/^\| synthetic \| 1000 \| 10\.00s \| 40\.00s FAILED \| 0\.25 \|$/m);
  });
});
