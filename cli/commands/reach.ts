import { resolve } from 'node:path';
import { INTERNET_PROBE } from '../../network/intents';
import { reach, type DecidedBy, type Network } from '../../network/evaluate';
import type { Packet } from '../../network/match';
import { loadNetwork, locateConfig, readStacks, type SourcesByStack } from '../../network/load';
import { tryLoadEstate } from '../../policies/network-intents';
import type { Estate } from '../../config/estate';
import { formatIp, parseIp } from '../../util/cidr';
import { choiceOption, defineCommand, UsageError } from '../command';

const PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;
const FORMATS = ['text', 'json'] as const;

export const reachCommand = defineCommand({
  name: 'reach',
  summary:
    'Whether one packet gets from SRC to DST over the synthesised network, hop by hop, and the rule that decides.',
  usage:
    'bluelamp reach --from SRC --to DST [--port N] [--protocol tcp|udp|icmp] [--fqdn HOST] [--format text|json] [--plan FILE] [--outdir DIR] [--dir PATH]\n' +
    '  SRC and DST: an IPv4 address, internet, hub, <force> (its workloads), <force>:<subnet> or <force>:<site>',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    port: { type: 'string' },
    protocol: { type: 'string' },
    fqdn: { type: 'string' },
    format: { type: 'string', short: 'f' },
    plan: { type: 'string' },
    outdir: { type: 'string' },
  },
  readOnly: true,
  run(ctx, values) {
    const protocol = choiceOption(values, 'protocol', PROTOCOLS) ?? 'tcp';
    const format = choiceOption(values, 'format', FORMATS) ?? 'text';
    if (values.from === undefined || values.to === undefined) throw new UsageError('--from and --to are required');
    let port: number | undefined;
    if (protocol !== 'icmp') {
      const text = values.port ?? '443';
      port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
      if (!(port >= 1 && port <= 65535)) throw new Error(`--port ${text}: must be a port number 1-65535`);
    } else if (values.port !== undefined) throw new Error('--port does not apply to icmp');

    const outdir = resolve(ctx.dir, values.outdir ?? 'cdktf.out');
    const { stacks, sources } = readStacks(outdir, values.plan ? resolve(ctx.dir, values.plan) : undefined);
    const estate = tryLoadEstate(ctx.dir);
    const net = loadNetwork(stacks, estate);
    const src = endpoint(net, estate, values.from, 'from');
    const dst = endpoint(net, estate, values.to, 'to');
    const fqdn = values.fqdn?.toLowerCase();
    if (fqdn !== undefined && !/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/.test(fqdn))
      throw new Error(`--fqdn ${values.fqdn}: must be a host name`);
    const packet: Packet = { src: src.ip, dst: dst.ip, protocol, port, fqdn };
    const result = reach(net, packet);
    const decidedBy = withSource(result.decidedBy, sources);
    const hops = result.hops.map((h) => ({
      step: h.step,
      detail: h.detail,
      ...(h.at ? { stack: h.at.stack, address: h.at.address } : {}),
      ...(h.decidedBy ? { rule: h.decidedBy.rule } : {}),
    }));
    if (format === 'json') {
      ctx.out(
        JSON.stringify(
          {
            verdict: result.verdict,
            hops,
            decidedBy,
            from: { name: values.from, ip: formatIp(src.ip) },
            to: { name: values.to, ip: formatIp(dst.ip) },
            protocol,
            ...(port === undefined ? {} : { port }),
          },
          null,
          2,
        ),
      );
    } else {
      const lines = [
        `${values.from} (${formatIp(src.ip)}) -> ${values.to} (${formatIp(dst.ip)}) ${protocol}${port === undefined ? '' : `/${port}`}: ${result.verdict}`,
        ...hops.map((h, i) => `  ${String(i + 1).padStart(2)}. ${h.step.padEnd(12)} ${h.detail}`),
        `decided by: ${describe(decidedBy)}`,
      ];
      ctx.out(lines.join('\n'));
    }
    return Promise.resolve(0);
  },
});

function withSource(by: DecidedBy, sources: SourcesByStack) {
  const source = locateConfig(sources, by.config);
  return { stack: by.stack, address: by.address, rule: by.rule, ...(source ? { source } : {}) };
}

function describe(by: ReturnType<typeof withSource>): string {
  const where = by.source
    ? ` (${by.source.file}${by.source.line ? `:${by.source.line}:${by.source.col ?? 1}` : ''})`
    : '';
  return `${by.rule}${by.address ? ` in ${by.stack}/${by.address}` : ''}${where}`;
}

/** An endpoint name to the address a packet uses for it. */
function endpoint(net: Network, estate: Estate | undefined, name: string, option: string): { ip: number } {
  const ip = parseIp(name);
  if (ip !== undefined) return { ip };
  if (name === 'internet') return { ip: INTERNET_PROBE };
  const hubFirewall = net.model.firewalls[0];
  if (name === 'hub') {
    const management = estate?.platform.config.network.management.sources[0];
    const m = management ? parseIp(management.split('/')[0]) : undefined;
    if (option === 'from' && m !== undefined) return { ip: m + 4 };
    if (hubFirewall?.privateIp !== undefined) return { ip: hubFirewall.privateIp };
    throw new Error(`--${option} hub: the estate has no hub firewall`);
  }
  const [forceId, part] = name.split(':', 2);
  const vnet = net.model.vnets.find((v) => v.stack === forceId);
  if (!vnet) {
    const known = [...new Set(net.model.vnets.map((v) => v.stack))].slice(0, 5).join(', ');
    throw new Error(
      `--${option} ${name}: not an IPv4 address, internet, hub, or a force in the synthesised estate (${known}...)`,
    );
  }
  const wanted = part ?? 'workloads';
  const subnet = vnet.subnets.find((s) => s.name === wanted || s.name.endsWith(`-${wanted}`));
  if (subnet?.prefixes[0]) return { ip: subnet.prefixes[0].network + 4 };
  const site = estate?.forces
    .find((f) => f.config.id === forceId)
    ?.config.network.connectivity.sites.find((s) => s.name === wanted);
  const siteIp = site ? parseIp(site.addressSpaces[0].split('/')[0]) : undefined;
  if (siteIp !== undefined) return { ip: siteIp + 1 };
  const names = [
    ...vnet.subnets.map((s) => s.name.replace(`snet-${forceId}-`, '')),
    ...(estate?.forces.find((f) => f.config.id === forceId)?.config.network.connectivity.sites.map((s) => s.name) ??
      []),
  ];
  throw new Error(`--${option} ${name}: ${forceId} has no subnet or site "${wanted}" (${names.join(', ')})`);
}
