import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from '../../cli/commands';

const ROOT = join(__dirname, '..', '..');
const files = [
  ...readdirSync(join(ROOT, '.github', 'workflows')).map((f) => join('.github', 'workflows', f)),
  ...readdirSync(join(ROOT, 'pipelines')).map((f) => join('pipelines', f)),
];
const GLOBAL_FLAGS = ['dir', 'quiet', 'help'];

describe('pipelines', () => {
  it.each(files)('%s calls only bluelamp commands and options that exist', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(() => parse(text)).not.toThrow();
    const calls = [...text.matchAll(/\.\/bin\/bluelamp (\w+)([^|>\n&;]*)/g)];
    for (const [, name, rest] of calls) {
      const command = COMMANDS.find((c) => c.name === name);
      expect(command).toBeDefined();
      for (const [, flag] of rest.matchAll(/--([a-z-]+)/g)) {
        expect([...Object.keys(command!.options), ...GLOBAL_FLAGS]).toContain(flag);
      }
    }
  });

  it('plans each affected stack through a matrix, with an OIDC token and no stored secret', () => {
    const pr = parse(readFileSync(join(ROOT, '.github/workflows/pull-request.yml'), 'utf8'));
    expect(pr.jobs.plan.strategy.matrix).toBe('${{ fromJSON(needs.validate.outputs.matrix) }}');
    expect(pr.jobs.plan.permissions['id-token']).toBe('write');
    expect(JSON.stringify(pr)).not.toMatch(/secrets\./);
  });

  it('applies only behind the production environment, from the saved plan', () => {
    const deploy = parse(readFileSync(join(ROOT, '.github/workflows/deploy.yml'), 'utf8'));
    expect(deploy.jobs.apply.environment.name).toBe('production');
    expect(deploy.jobs.apply.needs).toContain('plan');
    expect(JSON.stringify(deploy.jobs.apply.steps)).toContain('--saved-plan');
  });
});
