/**
 * Config text reaches Terraform as literal text, proven with the real terraform (1.11 or later on
 * the PATH; `terraform console` needs no provider and no network). Without terraform this FAILS,
 * saying how to install it; BLUELAMP_SKIP_TERRAFORM=1 reports the terraform cases as skipped.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import execa from 'execa';
import { loadEstate } from '../../config/estate';
import type { ForceConfig, PlatformConfig } from '../../config/schema';
import { ForceStack } from '../../stacks/force-stack';
import { NationalStack } from '../../stacks/national-stack';
import { escapeTerraformTemplate, terraformLiterals } from '../../stacks/terraform-literal';
import { removeDir, SMALL_ESTATE } from '../helpers/estate';
import { PROCESS_TEST_TIMEOUT_MS } from '../helpers/timeouts';

const SKIP_TERRAFORM = process.env.BLUELAMP_SKIP_TERRAFORM === '1';
const terraformIt = SKIP_TERRAFORM ? it.skip : it;

/** What a hostile force file would write: a file read, a directive, and text that is already escaped. */
const PAYLOAD = '${file("canary.txt")}';
const DIRECTIVE = '%{ if true }yes%{ endif }';

describe('escapeTerraformTemplate', () => {
  it.each([
    ['plain text', 'plain text'],
    ['${a}', '$${a}'],
    ['%{a}', '%%{a}'],
    ['$${a}', '$$${a}'],
    ['%%{a}', '%%%{a}'],
    ['cost $ and 100% {braces}', 'cost $ and 100% {braces}'],
    ['${a}${b}%{c}', '$${a}$${b}%%{c}'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeTerraformTemplate(input)).toBe(expected);
  });

  it('escapes every string and map key of the config, however deep, and nothing else', () => {
    const escaped = terraformLiterals({ a: ['${x}', 1, true, null], 'k${y}': { deep: [{ v: '%{z}' }] } });
    expect(escaped).toEqual({ a: ['$${x}', 1, true, null], 'k$${y}': { deep: [{ v: '%%{z}' }] } });
  });
  it.each(['-8.109562212591379e+298', 'x ${TfToken[TOKEN.1]}'])(
    'refuses %j, which cdktf would swap for one of its references whatever the escaping',
    (text) => {
      expect(() => terraformLiterals({ tags: { k: text } })).toThrow(/has the form of a synthesis library reference/);
    },
  );
});

describe('config text in the synthesised Terraform', () => {
  const estate = loadEstate(SMALL_ESTATE);
  const alpha = estate.forces.find((f) => f.config.id === 'alpha')!.config;
  // Validation refuses these strings (config/literal-text.ts); here it is bypassed on purpose, to
  // test the second wall on its own.
  const platform: PlatformConfig = {
    ...estate.platform.config,
    nmc: {
      ...estate.platform.config.nmc,
      socGroups: estate.platform.config.nmc.socGroups.map((g) => ({ ...g, displayName: `SOC ${PAYLOAD}` })),
    },
    tags: { ...estate.platform.config.tags, common: { ...estate.platform.config.tags.common, programme: PAYLOAD } },
  };
  const force: ForceConfig = {
    ...alpha,
    name: `Alpha ${PAYLOAD}`,
    costCentre: DIRECTIVE,
    tags: { owner: `x-${PAYLOAD}`, [`k${PAYLOAD}`]: 'value', already: '$${escaped}' },
  };
  const outdir = mkdtempSync(join(tmpdir(), 'bluelamp-literal-'));
  let forceJson = '';
  let nationalJson = '';
  beforeAll(() => {
    const app = new App({ outdir, stackTraces: false });
    new ForceStack(app, { force, platform });
    new NationalStack(app, { platform, forces: [force] });
    app.synth();
    forceJson = readFileSync(join(outdir, 'stacks', 'alpha', 'cdk.tf.json'), 'utf8');
    nationalJson = readFileSync(join(outdir, 'stacks', 'national', 'cdk.tf.json'), 'utf8');
  });
  afterAll(() => removeDir(outdir));

  /** Every string (and key) of a Terraform JSON document. */
  const strings = (json: string): string[] => {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          out.push(k);
          walk(x);
        }
    };
    walk(JSON.parse(json));
    return out;
  };

  it('writes the payload into the output (so the assertions below are about something)', () => {
    expect(strings(forceJson).filter((s) => s.includes('file("canary.txt")')).length).toBeGreaterThanOrEqual(4);
    expect(strings(nationalJson).filter((s) => s.includes('file("canary.txt")')).length).toBeGreaterThanOrEqual(2);
  });

  it('never leaves a config-made ${ or %{ unescaped, in values or map keys, in either stack', () => {
    const unescaped = [...strings(forceJson), ...strings(nationalJson)].filter(
      (s) => /(^|[^$])(\$\$)*\$\{file\(/.test(s) || /(^|[^%])(%%)*%\{ (if|endif)/.test(s),
    );
    expect(unescaped).toEqual([]);
  });

  it('keeps the stacks own references as expressions', () => {
    expect(forceJson).toMatch(/"\$\{azurerm_resource_group\.[A-Za-z0-9_]+\.name\}"/);
  });

  describe('read by terraform', () => {
    jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);
    let work = '';
    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'bluelamp-tf-console-'));
      writeFileSync(join(work, 'canary.txt'), 'CANARY-FILE-CONTENT');
    });
    afterAll(() => removeDir(work));

    /**
     * The values of `locals` as `terraform console` evaluates them. One expression (console reads
     * piped input as a whole), base64 of JSON so that no quoting needs undoing.
     */
    const evaluate = async (locals: Record<string, unknown>): Promise<Record<string, unknown>> => {
      writeFileSync(join(work, 'main.tf.json'), JSON.stringify({ locals }));
      const object = Object.keys(locals)
        .map((n) => `${n} = local.${n}`)
        .join(', ');
      const result = await execa('terraform', ['console'], {
        cwd: work,
        input: `base64encode(jsonencode({ ${object} }))\n`,
        env: { TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', NO_COLOR: '1' },
        timeout: PROCESS_TEST_TIMEOUT_MS - 15_000,
        reject: false,
      });
      if (result.exitCode !== 0) throw new Error(`terraform console failed: ${result.stderr}`);
      const line = result.stdout.trim();
      expect(line).toMatch(/^"[A-Za-z0-9+/=]+"$/);
      return JSON.parse(Buffer.from(JSON.parse(line) as string, 'base64').toString('utf8')) as Record<string, unknown>;
    };

    const tagsOf = (json: string): Record<string, string> => {
      const groups = JSON.parse(json).resource.azurerm_resource_group as Record<
        string,
        { tags: Record<string, string> }
      >;
      return Object.values(groups)[0].tags;
    };

    terraformIt(
      'evaluates the synthesised strings to exactly the text the config holds, with no file read',
      async () => {
        const tags = tagsOf(forceJson);
        const values = await evaluate({ tags, raw: PAYLOAD, directive: tags['cost-centre'] });
        expect(values.tags).toEqual(
          expect.objectContaining({ owner: `x-${PAYLOAD}`, [`k${PAYLOAD}`]: 'value', already: '$${escaped}' }),
        );
        expect(values.directive).toBe(DIRECTIVE);
        expect(JSON.stringify(values.tags)).not.toContain('CANARY-FILE-CONTENT');
        // The control: the same text unescaped is run by terraform and reads the file.
        expect(values.raw).toBe('CANARY-FILE-CONTENT');
      },
    );

    terraformIt('evaluates the national stack text (SOC group names, common tags) literally too', async () => {
      const tags = tagsOf(nationalJson);
      const values = await evaluate({ programme: tags.programme });
      expect(values.programme).toBe(PAYLOAD);
    });
  });
});

describe('which terraform', () => {
  terraformIt('is on the PATH (install terraform 1.11+, or set BLUELAMP_SKIP_TERRAFORM=1 to skip)', async () => {
    // No update check: the suite is offline, and a check that has to time out would be slow.
    const { stdout } = await execa('terraform', ['version', '-json'], {
      timeout: PROCESS_TEST_TIMEOUT_MS - 15_000,
      env: { CHECKPOINT_DISABLE: '1' },
    });
    const version = (JSON.parse(stdout) as { terraform_version: string }).terraform_version;
    const [major, minor] = version.split('.').map(Number);
    expect(major > 1 || (major === 1 && minor >= 11)).toBe(true);
  });
});

describe('cdktf number references in config text', () => {
  it('are told apart from hex in GUIDs and resource ids, which cdktf leaves alone', () => {
    // Real placeholder GUIDs of the bundled estate hold "7e678" and "-18e765": Infinity, never a reference.
    expect(() =>
      terraformLiterals({ ids: ['00000000-0000-4000-8000-7e678a0b1c2d', '00000000-0000-4000-8000-18e765000000'] }),
    ).not.toThrow();
  });
});
