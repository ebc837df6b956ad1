/**
 * Runs the network intent proofs (network/intents.ts) over a whole synthesised estate, once per
 * check run, for the estate rules BL-NET-101..104 (policies/rules/network-intent-*.ts): each rule
 * reports the failures of its own proof, located at the resource that breaks the intent and the
 * YAML line of the flow (or generated rule) involved. The declared flows' verdicts go to the report.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadEstate, PLATFORM_FILE, type Estate } from '../config/estate';
import {
  flowVerdict,
  proveEgressViaFirewall,
  proveIsolation,
  proveNoInternetIngress,
  type IntentResult,
} from '../network/intents';
import { managementFlow, resolveFlows, type ResolvedFlow } from '../network/flows';
import { loadNetwork, locateConfig } from '../network/load';
import type { Network } from '../network/evaluate';
import type { IntentKind } from '../network/intents';
import { STACK_ADDRESS, type EstateInputs, type EstateResult, type RuleContext } from './rule';
import type { NetworkFlowVerdict } from './types';

/** The estate's config when it loads (flows are declared there); undefined when it does not. */
export function tryLoadEstate(dir: string): Estate | undefined {
  if (!existsSync(join(dir, PLATFORM_FILE))) return undefined;
  try {
    return loadEstate(dir);
  } catch {
    return undefined; // invalid config is validate's job; the structural proofs still run
  }
}

/** Every declared flow of every force (its own, the national defaults, NMC management). */
export function declaredFlows(estate: Estate): ResolvedFlow[] {
  const platform = estate.platform.config;
  return estate.forces.flatMap((f) => {
    const management = managementFlow(f.config, platform);
    return [...resolveFlows(f.config, platform), ...(management ? [management] : [])];
  });
}

export interface IntentRun {
  readonly results: IntentResult[];
  readonly isolation: { pairs: number; proved: number };
  readonly flows: IntentResult[];
}

/** Every proof over one network; `estate` supplies the declared flows (none without it). */
export function proveIntents(net: Network, estate: Estate | undefined, nationalStack: string): IntentRun {
  const flows = estate ? declaredFlows(estate).map((f) => flowVerdict(net, f)) : [];
  const isolation = proveIsolation(net, nationalStack);
  return {
    flows,
    isolation: { pairs: isolation.pairs, proved: isolation.proved },
    results: [
      ...flows.filter((f) => !f.ok),
      ...isolation.failures,
      ...proveNoInternetIngress(net, nationalStack),
      ...proveEgressViaFirewall(net, nationalStack),
    ],
  };
}

/** One run of every proof over the checked stacks, shared by the four rules (the key in EstateInputs.shared). */
interface SharedRun {
  readonly results: readonly EstateResult[];
  readonly kinds: readonly IntentKind[];
  readonly flows?: NetworkFlowVerdict[];
}

const SHARED_RUN = Symbol('network intents');

/**
 * The proofs over the checked stacks, run once per check and shared by BL-NET-101..104; undefined
 * when the national (hub) stack is not among them or a plan is checked (a path spans every stack).
 */
function sharedRun(stacks: readonly RuleContext[], inputs: EstateInputs): SharedRun | undefined {
  if (inputs.shared.has(SHARED_RUN)) return inputs.shared.get(SHARED_RUN) as SharedRun | undefined;
  const national = stacks.find((s) => s.isNational)?.stack.name;
  let run: SharedRun | undefined;
  if (national && !inputs.plan) {
    const estate = inputs.estate ?? (inputs.dir ? tryLoadEstate(inputs.dir) : undefined);
    const sources = inputs.sources;
    const net = loadNetwork(
      stacks.map((s) => s.stack),
      estate,
    );
    const proved = proveIntents(net, estate, national);
    const flows = estate
      ? declaredFlows(estate).map((flow, i): NetworkFlowVerdict => {
          const verdict = proved.flows[i];
          return {
            force: flow.forceId,
            name: flow.name,
            summary: `${flow.from} -> ${flow.to}, ${flow.protocol}${flow.ports.length ? `/${flow.ports.join(',')}` : ''}`,
            allowed: verdict.ok,
            detail: verdict.ok ? `allowed by ${verdict.decidedBy?.rule ?? 'the path'}` : verdict.message,
            source: locateConfig(sources, verdict.config),
          };
        })
      : undefined;
    run = {
      kinds: proved.results.map((r) => r.kind),
      results: proved.results.map((r) => ({
        outcome: 'fail' as const,
        stack: r.forceId,
        address: r.decidedBy?.address ?? STACK_ADDRESS,
        message: r.message,
        source:
          locateConfig(sources, r.config ?? r.decidedBy?.config) ??
          (sources.get(r.forceId) ? { file: sources.get(r.forceId)!.file } : undefined),
      })),
      flows,
    };
  }
  inputs.shared.set(SHARED_RUN, run);
  return run;
}

/** The check of the estate rule that reports the failures of one proof. */
export function intentCheck(kind: IntentKind) {
  return (stacks: readonly RuleContext[], inputs: EstateInputs): readonly EstateResult[] => {
    const run = sharedRun(stacks, inputs);
    return run ? run.results.filter((_, i) => run.kinds[i] === kind) : [];
  };
}

/** Each declared flow's verdict for the report, when the estate rules proved them in this run. */
export function networkFlowVerdicts(shared: ReadonlyMap<unknown, unknown>): NetworkFlowVerdict[] | undefined {
  return (shared.get(SHARED_RUN) as SharedRun | undefined)?.flows;
}
