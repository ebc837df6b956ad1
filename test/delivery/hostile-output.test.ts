import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { formatReport } from '../../cli/commands/plan';
import type { DeliveryReport } from '../../delivery/deliver';
import { scanDrift } from '../../delivery/plan-json';
import { diagnose } from '../../delivery/terraform-runner';
import { terminalSafe } from '../../policies/formats/printable';
import { removeDir, tempEstate } from '../helpers/estate';
import { FAKE_TERRAFORM_DIR, writeFakeSynthOutput, writeFakeTerraformAnswers } from '../helpers/fake-terraform';
import { captureIo, commitAll, estateRepo, writeText } from './git-repo';

const ESC = '\u001b';
/** Clear the screen, set the window title, return to the start of the line, reverse the text. */
const HOSTILE = `${ESC}[2J${ESC}]0;owned\u0007\rPASS\u202Eevil`;
// eslint-disable-next-line no-control-regex -- the test looks for exactly these characters
const hasRaw = (text: string) => /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(text);

describe('terminalSafe', () => {
  it('replaces control characters, a lone CR and bidirectional overrides, keeping tabs and line ends', () => {
    expect(terminalSafe(`a\tb\r\nc\n${HOSTILE}`)).toBe('a\tb\nc\n\uFFFD[2J\uFFFD]0;owned\uFFFD\uFFFDPASS\uFFFDevil');
    expect(hasRaw(terminalSafe(HOSTILE))).toBe(false);
  });
});

describe('file names and terraform output never reach the terminal raw', () => {
  it('affected --format text shows a hostile file name inertly', async () => {
    const repo = estateRepo();
    try {
      writeText(repo, `docs/${HOSTILE.replace('/', '')}.md`, 'x');
      commitAll(repo, 'hostile name');
      const { io, sink } = captureIo(repo);
      expect(await main(['affected', '--base', 'HEAD~1', '--format', 'text'], sink)).toBe(0);
      expect(io.stdout).toContain('PASS');
      expect(hasRaw(io.stdout + io.stderr)).toBe(false);
    } finally {
      removeDir(repo);
    }
  }, 60_000);

  it('affected refuses a force id from a file name that is not a valid id, printing no matrix', async () => {
    const repo = estateRepo();
    try {
      writeFileSync(join(repo, 'forces', 'x$(curl evil).yaml'), 'id: x\n');
      const { io, sink } = captureIo(repo);
      expect(await main(['affected', '--base', 'HEAD', '--format', 'matrix'], sink)).toBe(1);
      expect(io.stdout).toBe('');
      expect(io.stderr).toContain('not valid force ids');
      expect(io.stderr).toContain('"x$(curl evil)"');
    } finally {
      removeDir(repo);
    }
  }, 60_000);

  it("diagnose and scanDrift make terraform's words printable", () => {
    const message = diagnose('essex', 'plan', `Error: ${HOSTILE}\n`);
    expect(message).toContain('PASS');
    expect(hasRaw(message)).toBe(false);
    const scan = scanDrift(
      [
        JSON.stringify({
          type: 'resource_drift',
          change: { resource: { addr: `azurerm_x.${HOSTILE}` }, action: 'update' },
        }),
        JSON.stringify({ type: 'diagnostic', diagnostic: { severity: 'error', summary: HOSTILE, detail: HOSTILE } }),
        JSON.stringify({ type: 'resource_drift', change: { resource: { addr: 42 } } }),
      ].join('\n'),
    );
    expect(scan.drifted).toHaveLength(1);
    expect(hasRaw(JSON.stringify(scan.drifted) + scan.errors.join(''))).toBe(false);
  });

  it('the plan/drift text summary is terminal-safe', () => {
    const report: DeliveryReport = {
      schemaVersion: 1,
      mode: 'drift',
      generatedAt: '2026-01-01T00:00:00Z',
      parallel: 1,
      ok: false,
      stacks: [
        {
          stack: 'essex',
          status: 'drift',
          ok: false,
          drifted: [{ address: `azurerm_x.${HOSTILE}`, action: 'update' }],
          steps: [],
          startedAt: '2026-01-01T00:00:00Z',
          durationMs: 0,
          logFile: '',
        },
      ],
    };
    expect(hasRaw(formatReport(report))).toBe(true); // the raw report, before the CLI prints it
    expect(hasRaw(terminalSafe(formatReport(report)))).toBe(false);
  });
});

describe("terraform's output through bluelamp drift and plan", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempEstate();
    writeFakeSynthOutput(dir, join(dir, 'cdktf.out'));
    process.env.BLUELAMP_TERRAFORM = join(FAKE_TERRAFORM_DIR, 'terraform');
  });
  afterEach(() => {
    delete process.env.BLUELAMP_TERRAFORM;
    delete process.env.FAKE_TF_ANSWERS;
    removeDir(dir);
  });

  it.each([
    [
      'drift',
      {
        refresh: {
          exit: 2,
          stdout: [
            JSON.stringify({ type: 'resource_drift', change: { resource: { addr: `azurerm_x.${HOSTILE}` } } }),
          ].join('\n'),
        },
      },
    ],
    ['plan', { plan: { exit: 1, stderr: `Error: ${HOSTILE}\n` } }],
  ])(
    '%s prints no raw escape sequence from terraform, in text or JSON',
    async (mode, script) => {
      process.env.FAKE_TF_ANSWERS = writeFakeTerraformAnswers(join(dir, 'answers'), { '*': script });
      for (const format of ['text', 'json']) {
        const { io, sink } = captureIo(dir);
        const code = await main([mode, '--force', 'alpha', '--format', format], sink);
        expect(code).toBe(1);
        expect(io.stdout + io.stderr).toContain('PASS');
        expect(hasRaw(io.stdout + io.stderr)).toBe(false);
      }
    },
    60_000,
  );
});
