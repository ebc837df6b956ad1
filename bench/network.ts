/**
 * Times the network intent proofs on a synthesised estate (called by bench.ts in its own process):
 * reading the stacks and config is check's cost already; what the intents add is the model, the
 * proofs (all-pairs isolation, ingress, egress, every declared flow) and one `reach` query.
 *
 *   node dist/bench/network.js DIR   -> one JSON line on stdout
 */
import { join } from 'node:path';
import { reach } from '../network/evaluate';
import { loadNetwork, readStacks } from '../network/load';
import { INTERNET_PROBE } from '../network/intents';
import { proveIntents, tryLoadEstate } from '../policies/network-intents';

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node dist/bench/network.js ESTATE_DIR');
  const { stacks } = readStacks(join(dir, 'cdktf.out'));
  const estate = tryLoadEstate(dir);
  const cpu = process.cpuUsage();
  let t = process.hrtime.bigint();
  const net = loadNetwork(stacks, estate);
  const modelMs = ms(t);
  t = process.hrtime.bigint();
  const run = proveIntents(net, estate, 'national');
  const proofsMs = ms(t);
  const used = process.cpuUsage(cpu);
  // CPU time as well as wall time: on a shared machine the wall clock also counts other processes.
  const addedCpuMs = (used.user + used.system) / 1000;
  const spoke = net.model.vnets.find((v) => v.stack !== 'national')!;
  t = process.hrtime.bigint();
  const answer = reach(net, {
    src: spoke.subnets[0].prefixes[0].network + 4,
    dst: INTERNET_PROBE,
    protocol: 'tcp',
    port: 443,
  });
  const reachMs = ms(t);
  process.stdout.write(
    `${JSON.stringify({
      modelMs,
      proofsMs,
      addedMs: modelMs + proofsMs,
      addedCpuMs,
      reachMs,
      pairs: run.isolation.pairs,
      proved: run.isolation.proved,
      flows: run.flows.length,
      failures: run.results.length,
      reachVerdict: answer.verdict,
    })}\n`,
  );
}

main();
