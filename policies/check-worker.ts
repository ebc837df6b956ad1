/**
 * Child process for policies/parallel-check.ts: loads the synthesised stacks it is asked for,
 * runs the stack rules of the default pack over each and sends their findings back, in the order
 * of the stacks, with the names it checked (so the parent can prove it checked the same stacks).
 */
import { checkStacks, loadSynth } from './engine';
import { RULES } from './pack';
import type { Finding } from './types';
import type { RuleSettings } from './rule';

export interface StackCheckRequest {
  readonly outdir: string;
  readonly forces: readonly string[] | undefined;
  readonly settings: RuleSettings;
}

export type StackCheckReply =
  | { readonly kind: 'done'; readonly names: readonly string[]; readonly findings: readonly Finding[] }
  | { readonly kind: 'error'; readonly message: string };

// The parent gone (interrupted, crashed): nothing is waiting for the answer.
process.on('disconnect', () => process.exit(1));

process.once('message', (request: StackCheckRequest) => {
  let reply: StackCheckReply;
  try {
    const stacks = loadSynth(request.outdir, request.forces);
    reply = {
      kind: 'done',
      names: stacks.map((s) => s.view.name),
      findings: checkStacks(stacks, RULES, request.settings),
    };
  } catch (err) {
    reply = { kind: 'error', message: (err as Error).message ?? String(err) };
  }
  process.send!(reply, () => process.exit(0));
});
