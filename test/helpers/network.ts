import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Network } from '../../network/evaluate';
import { buildNetworkModel } from '../../network/parse';
import { stackFromConfig } from '../../policies/terraform-json';
import type { StackView } from '../../policies/types';
import { FIXTURES } from './estate';

/** The hand-worked network (test/fixtures/network/hand-worked): hub `hub`, spokes `a` and `b`. */
export function handWorkedNetwork(): Network {
  const dir = join(FIXTURES, 'network', 'hand-worked');
  return new Network(
    buildNetworkModel(
      ['hub', 'a', 'b'].map((name) =>
        stackFromConfig(name, JSON.parse(readFileSync(join(dir, `${name}.tf.json`), 'utf8'))),
      ),
    ),
  );
}

/** The hand-worked network's stacks as check loads them (no sources.json), for the estate rules. */
export function handWorkedStacks(): { view: StackView }[] {
  const dir = join(FIXTURES, 'network', 'hand-worked');
  return ['hub', 'a', 'b'].map((name) => ({
    view: stackFromConfig(name, JSON.parse(readFileSync(join(dir, `${name}.tf.json`), 'utf8'))),
  }));
}
