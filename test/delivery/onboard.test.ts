import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../cli/main';
import { renderForceYaml } from '../../config/force-template';
import { writeCodeowners } from '../../delivery/codeowners';
import { removeDir, tempEstate } from '../helpers/estate';
import { captureIo } from './git-repo';

describe('bluelamp onboard', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
  });
  afterEach(() => removeDir(dir));

  const run = async (...args: string[]) => {
    const { io, sink } = captureIo(dir);
    const code = await main(args, sink);
    return { code, ...io };
  };

  it('writes a force file that validates and synthesises as it stands', async () => {
    const onboard = await run('onboard', 'gamma', '--name', 'Gamma Constabulary');
    expect(onboard.code).toBe(0);
    expect(onboard.stdout).toContain('wrote forces/gamma.yaml');
    expect(onboard.stdout).toContain('replace every "placeholder"');
    expect(await run('validate')).toMatchObject({ code: 0 });
    expect(await run('synth', '--force', 'gamma', '--quiet')).toMatchObject({ code: 0 });
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'gamma', 'cdk.tf.json'))).toBe(true);
  });

  it('declares the standard flow of a force without sites: its workloads to the internet over HTTPS by host name', async () => {
    await run('onboard', 'gamma', '--name', 'Gamma Constabulary');
    const written = parse(readFileSync(join(dir, 'forces', 'gamma.yaml'), 'utf8')) as {
      network: { connectivity?: { type?: string }; flows: unknown[] };
    };
    // A new force has no sites yet (connectivity none), so the sites-to-workloads flow cannot be written.
    expect(written.network.connectivity?.type ?? 'none').toBe('none');
    expect(written.network.flows).toEqual([
      {
        name: 'workloads-to-internet-https',
        from: 'workloads',
        to: 'internet',
        ports: [443],
        fqdns: ['*.police.uk', '*.gov.uk'],
      },
    ]);
  });

  it('takes the next free block after every existing force and the hub', async () => {
    // alpha holds 10.64.0.0/21 and bravo 10.64.8.0/22, so the next aligned /21 is 10.64.16.0/21.
    await run('onboard', 'gamma', '--name', 'Gamma Constabulary');
    expect(readFileSync(join(dir, 'forces', 'gamma.yaml'), 'utf8')).toMatch(/addressSpace: 10\.64\.16\.0\/21 /);
    await run('onboard', 'delta', '--name', 'Delta Police', '--prefix', '22');
    expect(readFileSync(join(dir, 'forces', 'delta.yaml'), 'utf8')).toMatch(/addressSpace: 10\.64\.12\.0\/22 /);
  });

  it('refuses an id that is already onboarded and leaves its file alone', async () => {
    const before = readFileSync(join(dir, 'forces', 'alpha.yaml'), 'utf8');
    const result = await run('onboard', 'alpha', '--name', 'Another Alpha');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('forces/alpha.yaml');
    expect(result.stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'forces', 'alpha.yaml'), 'utf8')).toBe(before);
  });

  it('refuses a name another force already has, writing nothing', async () => {
    const result = await run('onboard', 'gamma', '--name', 'Alpha Constabulary');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /forces\/gamma\.yaml:\d+:\d+ name: "Alpha Constabulary" is already used by forces\/alpha\.yaml/,
    );
    expect(readdirSync(join(dir, 'forces')).sort()).toEqual(['alpha.yaml', 'bravo.yaml']);
  });

  it('refuses a name that would inject YAML keys (a line break), writing nothing', async () => {
    const result = await run('onboard', 'gamma', '--name', 'Gamma Police\ntags:\n  evil: injected\n#');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('forces/gamma.yaml name: --name contains a line break (U+000A)');
    expect(readdirSync(join(dir, 'forces')).sort()).toEqual(['alpha.yaml', 'bravo.yaml']);
  });

  it('refuses a name holding a Terraform expression, writing nothing', async () => {
    const result = await run('onboard', 'gamma', '--name', 'Gamma ${file("/etc/passwd")}');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('forces/gamma.yaml name: --name contains "${"');
    expect(readdirSync(join(dir, 'forces')).sort()).toEqual(['alpha.yaml', 'bravo.yaml']);
  });

  it('refuses an id that is not a valid force id before writing anything', async () => {
    const result = await run('onboard', '../Evil', '--name', 'Evil Police');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('must be 3-24 lower-case letters');
    expect(readdirSync(join(dir, 'forces')).sort()).toEqual(['alpha.yaml', 'bravo.yaml']);
  });

  it('rejects a prefix outside /16../22 as wrong usage', async () => {
    expect((await run('onboard', 'gamma', '--name', 'Gamma Police', '--prefix', '24')).code).toBe(2);
  });

  it('keeps a generated CODEOWNERS in step with the new force', async () => {
    writeCodeowners(dir);
    const result = await run('onboard', 'gamma', '--name', 'Gamma Constabulary');
    expect(result.stdout).toContain('updated CODEOWNERS');
    expect(readFileSync(join(dir, 'CODEOWNERS'), 'utf8')).toMatch(/^\/forces\/gamma\.yaml\s+@bluelamp\/force-gamma$/m);
  });
});

describe('renderForceYaml', () => {
  it('keeps a name with line breaks inside its comment and its quoted value, never as new keys', () => {
    const text = renderForceYaml({
      id: 'gamma',
      name: 'Gamma\nevil: injected\r\u2028x',
      addressSpace: '10.64.16.0/21',
    });
    const parsed = parse(text) as Record<string, unknown>;
    expect(parsed.evil).toBeUndefined();
    expect(parsed.name).toBe('Gamma\nevil: injected\r\u2028x');
    expect(text.split('\n')[1]).toBe(
      '# Gamma evil: injected  x: Blue Lamp landing-zone choices. Owned by the force platform team; see docs/configuration.md.',
    );
  });
});
