import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CDKTF, CDKTN, installedToolchainVersions, TOOLCHAIN, toolchainCliPath } from '../../util/toolchain';

const ROOT = join(__dirname, '..', '..');

/** Tracked source files, and the text of each with its import/export specifiers removed. */
function sourcesWithoutImports(): Array<{ file: string; text: string }> {
  const files = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.js', '*.mjs'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  return files.map((file) => ({
    file,
    text: readFileSync(join(ROOT, file), 'utf8')
      // `import ... from 'x'`, `} from 'x'`, `export ... from 'x'`, `import 'x'` and `import('x')` stay imports: the switch renames them.
      .replace(/\bfrom\s+(['"])[^'"]+\1/g, 'from MODULE')
      .replace(/\bimport\s*\(?\s*(['"])[^'"]+\1/g, 'import MODULE'),
  }));
}

describe('the CDK toolchain is named in one module', () => {
  it('no source file but util/toolchain.ts spells a toolchain package as a string', () => {
    const names = [CDKTF, CDKTN].flatMap((t) => [t.library, t.provider, t.cli]);
    const pattern = new RegExp(
      `['"\`](${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/[^'"\`]*)?['"\`]`,
    );
    const offenders = sourcesWithoutImports()
      .filter(({ file }) => file !== 'util/toolchain.ts')
      .flatMap(({ file, text }) => {
        const hit = pattern.exec(text);
        return hit ? [`${file}: ${hit[0]}`] : [];
      });
    expect(offenders).toEqual([]);
  });

  it('package.json pins exactly the versions the active toolchain declares', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.dependencies[TOOLCHAIN.library]).toBe(TOOLCHAIN.versions.library);
    expect(pkg.dependencies[TOOLCHAIN.provider]).toBe(TOOLCHAIN.versions.provider);
    expect(pkg.dependencies.constructs).toBe(TOOLCHAIN.constructs);
    // verify:cdktn installs no CLI (cdktn-cli needs Node 22.19): when present it is the declared one.
    expect(pkg.devDependencies[TOOLCHAIN.cli] ?? TOOLCHAIN.versions.cli).toBe(TOOLCHAIN.versions.cli);
    const other = TOOLCHAIN === CDKTF ? CDKTN : CDKTF;
    for (const name of [other.library, other.provider, other.cli])
      expect({ ...pkg.dependencies, ...pkg.devDependencies }[name]).toBeUndefined();
  });

  it('fingerprints the installed library and provider versions, by name', () => {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const versions = installedToolchainVersions();
    expect(versions).toHaveLength(2);
    expect(versions[0]).toMatch(new RegExp(`^${escape(TOOLCHAIN.library)}@\\d+\\.\\d+\\.\\d+$`));
    expect(versions[1]).toMatch(new RegExp(`^${escape(TOOLCHAIN.provider)}@\\d+\\.\\d+\\.\\d+$`));
  });

  it("finds the CLI under the package root's node_modules/.bin", () => {
    expect(toolchainCliPath('/repo')).toBe(join('/repo', 'node_modules', '.bin', TOOLCHAIN.bin));
  });
});
