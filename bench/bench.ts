/**
 * `npm run bench`: wall time and peak memory of validate, synth and check for the bundled estate
 * and generated estates of 200 and 1,000 forces, against the same app run through
 * `npx cdktf synth`. Targets: our synth no slower than bare `cdktf synth`; cost linear in forces;
 * check of the bundled estate under 1 s.
 *
 * Each step runs in its own process, measured by GNU time when present (peak RSS of the largest
 * process of the step). Results are printed and written to bench/results/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticProfiles, writeEstate } from '../scripts/generate-estate';
import { packageRoot } from '../util/package-root';
import { toolchainCliPath } from '../util/toolchain';

const ROOT = packageRoot();
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const CDK_CLI = toolchainCliPath(ROOT);
const GNU_TIME = '/usr/bin/time';

interface Measurement {
  seconds: number;
  peakMb?: number;
  ok: boolean;
  note?: string;
}

function measure(command: string, args: string[], cwd: string): Measurement {
  const useTime = existsSync(GNU_TIME);
  const started = process.hrtime.bigint();
  const result = useTime
    ? spawnSync(GNU_TIME, ['-f', 'BENCH_MAXRSS_KB=%M', command, ...args], {
        cwd,
        encoding: 'utf8',
        env: benchEnv(),
        maxBuffer: 64 * 1024 * 1024,
      })
    : spawnSync(command, args, { cwd, encoding: 'utf8', env: benchEnv(), maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(result.stderr ?? '');
  const ok = result.status === 0;
  return {
    seconds,
    peakMb: rss ? Number(rss[1]) / 1024 : undefined,
    ok,
    note: ok
      ? undefined
      : (result.stderr ?? '')
          .split('\n')
          .filter((l) => l && !l.startsWith('BENCH_'))
          .slice(-3)
          .join(' | '),
  };
}

function benchEnv(): NodeJS.ProcessEnv {
  // No telemetry or version checks from the cdktf CLI (there is no network here anyway).
  return {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    NODE_OPTIONS: '--max-old-space-size=8192',
  };
}

function prepareEstate(forces: number | 'bundled', scratch: string): string {
  const dir = join(scratch, forces === 'bundled' ? 'bundled' : `synthetic-${forces}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'platform.yaml'), join(dir, 'platform.yaml'));
  if (forces === 'bundled') cpSync(join(ROOT, 'forces'), join(dir, 'forces'), { recursive: true });
  else writeEstate(dir, syntheticProfiles(forces), { compact: true });
  if (existsSync(join(ROOT, 'policies', 'waivers')))
    cpSync(join(ROOT, 'policies', 'waivers'), join(dir, 'policies', 'waivers'), { recursive: true });
  // The same app for `cdktf synth`: cdktf.json pointing at our compiled app entry.
  writeFileSync(
    join(dir, 'cdktf.json'),
    JSON.stringify({
      language: 'typescript',
      app: `node ${join(ROOT, 'dist', 'stacks', 'main.js')}`,
      sendCrashReports: 'false',
      context: {},
    }),
  );
  return dir;
}

function countResources(outdir: string): number {
  const manifestPath = join(outdir, 'bluelamp.json');
  if (!existsSync(manifestPath)) return 0;
  const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { stacks: Record<string, { resources: number }> };
  return Object.values(m.stacks).reduce((n, s) => n + s.resources, 0);
}

const fmt = (m?: Measurement) =>
  m ? `${m.seconds.toFixed(2)}s${m.peakMb ? ` ${m.peakMb.toFixed(0)}MB` : ''}${m.ok ? '' : ' FAILED'}` : '-';

function main(): void {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  const sizes: Array<number | 'bundled'> = process.argv.includes('--quick') ? ['bundled'] : ['bundled', 200, 1000];
  const scratch = mkdtempSync(join(tmpdir(), 'bluelamp-bench-'));
  const rows: Array<Record<string, unknown>> = [];
  const hasCheck = existsSync(join(ROOT, 'dist', 'policies', 'engine.js'));
  try {
    for (const size of sizes) {
      const dir = prepareEstate(size, scratch);
      const forces =
        size === 'bundled' ? readdirSync(join(dir, 'forces')).filter((f) => f.endsWith('.yaml')).length : size;
      process.stderr.write(`bench: ${size === 'bundled' ? 'bundled estate' : `${size} synthetic forces`}...\n`);
      const validate = measure('node', [CLI, 'validate', '--dir', dir, '--quiet'], dir);
      const synth = measure('node', [CLI, 'synth', '--dir', dir, '--quiet'], dir);
      const resources = countResources(join(dir, 'cdktf.out'));
      const check = hasCheck
        ? measure(
            'node',
            [CLI, 'check', '--dir', dir, '--quiet', '--format', 'json', '--out', join(scratch, `check-${forces}.json`)],
            dir,
          )
        : undefined;
      if (check && !check.ok && existsSync(join(scratch, `check-${forces}.json`))) {
        check.ok = true; // exit 1 means findings at threshold, not a failed run; the JSON was written
        check.note = 'findings above threshold';
      }
      const cdktf = measure(CDK_CLI, ['synth', '--output', join(dir, 'cdktf-cli.out')], dir);
      rows.push({
        estate: size === 'bundled' ? 'bundled' : `synthetic`,
        forces,
        resources,
        validate,
        synth,
        check,
        cdktf,
        ratio: synth.seconds / cdktf.seconds,
      });
      process.stderr.write(
        `  validate ${fmt(validate)}  synth ${fmt(synth)}  check ${fmt(check)}  cdktf synth ${fmt(cdktf)}\n`,
      );
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const lines = [
    '| estate | forces | resources | validate | synth | check | cdktf synth | synth / cdktf | synth ms per force |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const synth = r.synth as Measurement;
      return `| ${r.estate} | ${r.forces} | ${r.resources} | ${fmt(r.validate as Measurement)} | ${fmt(synth)} | ${fmt(r.check as Measurement | undefined)} | ${fmt(r.cdktf as Measurement)} | ${(r.ratio as number).toFixed(2)} | ${((synth.seconds * 1000) / (r.forces as number)).toFixed(1)} |`;
    }),
  ];
  const verdicts: string[] = [];
  for (const r of rows)
    verdicts.push(
      `${(r.ratio as number) <= 1 ? 'PASS' : 'FAIL'} synth of ${r.forces} forces is ${(r.ratio as number).toFixed(2)}x bare cdktf synth (target <= 1)`,
    );
  const perForce = rows.map((r) => (r.synth as Measurement).seconds / (r.forces as number));
  if (rows.length > 1) {
    const growth = perForce[perForce.length - 1] / perForce[1];
    verdicts.push(
      `${growth <= 1.5 ? 'PASS' : 'FAIL'} cost per force at ${rows[rows.length - 1].forces} forces is ${growth.toFixed(2)}x that at ${rows[1].forces} (linear: <= 1.5)`,
    );
  }
  const bundledCheck = rows[0].check as Measurement | undefined;
  if (bundledCheck)
    verdicts.push(
      `${bundledCheck.seconds < 1 ? 'PASS' : 'FAIL'} check of the bundled estate took ${bundledCheck.seconds.toFixed(2)}s (target < 1 s, process start included)`,
    );
  process.stdout.write(`${lines.join('\n')}\n\n${verdicts.join('\n')}\n`);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench', 'results', 'latest.json'),
    JSON.stringify({ date: new Date().toISOString(), rows, verdicts }, null, 2),
  );
}

main();
