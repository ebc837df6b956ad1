/**
 * Runs the network intent proofs (network/intents.ts) over a whole synthesised estate and turns
 * their failures into findings of the estate rules (BL-NET-101..104), each located at the
 * resource that breaks the intent and the YAML line of the flow (or generated rule) involved.
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
import { loadNetwork, locateConfig, type SourcesFile } from '../network/load';
import type { Network } from '../network/evaluate';
import type { EstateRule } from './estate-rule';
import { networkIntentEgressViaFirewall } from './rules/network-intent-egress-via-firewall';
import { networkIntentFlowsAllowed } from './rules/network-intent-flows-allowed';
import { networkIntentForceIsolation } from './rules/network-intent-force-isolation';
import { networkIntentNoInternetIngress } from './rules/network-intent-no-internet-ingress';
import { STACK_ADDRESS } from './rule';
import type { Finding, NetworkFlowVerdict, StackView } from './types';

export const ESTATE_RULES: readonly EstateRule[] = [
  networkIntentFlowsAllowed,
  networkIntentForceIsolation,
  networkIntentNoInternetIngress,
  networkIntentEgressViaFirewall,
];

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

/** Findings of the estate rules for a whole estate; [] when the national (hub) stack is not among the stacks. */
export function networkIntentFindings(
  dir: string,
  stacks: readonly { view: StackView; sources?: SourcesFile }[],
  nationalStack: string,
): { findings: Finding[]; flows?: NetworkFlowVerdict[] } {
  if (!stacks.some((s) => s.view.name === nationalStack)) return { findings: [] };
  const estate = tryLoadEstate(dir);
  const sources = new Map(stacks.filter((s) => s.sources).map((s) => [s.view.name, s.sources!]));
  const net = loadNetwork(
    stacks.map((s) => s.view),
    estate,
  );
  const run = proveIntents(net, estate, nationalStack);
  const flows = estate
    ? declaredFlows(estate).map((flow, i): NetworkFlowVerdict => {
        const verdict = run.flows[i];
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
  const findings = run.results.map((r) => {
    const rule = ESTATE_RULES.find((e) => e.intent === r.kind)!;
    return {
      ruleId: rule.meta.id,
      severity: rule.meta.severity,
      outcome: 'fail' as const,
      stack: r.forceId,
      address: r.decidedBy?.address ?? STACK_ADDRESS,
      message: r.message,
      source:
        locateConfig(sources, r.config ?? r.decidedBy?.config) ??
        (sources.get(r.forceId) ? { file: sources.get(r.forceId)!.file } : undefined),
    };
  });
  return { findings, flows };
}
