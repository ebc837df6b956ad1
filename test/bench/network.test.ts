import { networkTimingVerdicts, type NetworkTiming } from '../../bench/network';

const timing = (over: Partial<NetworkTiming>): NetworkTiming => ({
  readMs: 500,
  estateMs: 100,
  modelMs: 50,
  proofsMs: 300,
  addedMs: 450,
  addedCpuMs: 400,
  reachMs: 0.2,
  reachCommandMs: 650,
  pairs: 1806,
  proved: 1806,
  flows: 208,
  failures: 0,
  reachVerdict: 'allowed',
  runs: 5,
  ...over,
});

describe('bench/network verdicts', () => {
  it('holds the bundled estate to 1 s and 1,000 forces to 30 s', () => {
    expect(networkTimingVerdicts(43, timing({ addedMs: 999 }))[0]).toMatch(
      /^PASS 43 forces: .* \(median of 5; target <= 1 s\)$/,
    );
    expect(networkTimingVerdicts(43, timing({ addedMs: 1001 }))[0]).toMatch(/^FAIL /);
    const large = timing({ addedMs: 29_000, pairs: 999_000, proved: 999_000 });
    expect(networkTimingVerdicts(1000, large)[0]).toMatch(
      /^PASS 1000 forces: .*999000 force pairs, 999000 proved.* add 29\.00 s .*target <= 30 s/,
    );
    expect(networkTimingVerdicts(1000, { ...large, addedMs: 31_000 })[0]).toMatch(/^FAIL /);
  });

  it('fails a fast run that did not prove every pair', () => {
    expect(networkTimingVerdicts(43, timing({ proved: 1805 }))[0]).toMatch(/^FAIL /);
  });

  it('judges one reach query against well under a second, and shows what the whole command spends reading', () => {
    const [, reach] = networkTimingVerdicts(43, timing({}));
    expect(reach).toBe(
      'PASS 43 forces: one reach query takes 0.20 ms after loading (target well under 1 s); the whole command in process 0.65 s, of which reading the stacks 0.50 s',
    );
    expect(networkTimingVerdicts(43, timing({ reachMs: 1000 }))[1]).toMatch(/^FAIL /);
  });
});
