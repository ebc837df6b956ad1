import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { CDKTF, CDKTN, installedToolchainVersions, TOOLCHAIN, toolchainCliPath } from '../../util/toolchain';

const ROOT = join(__dirname, '..', '..');

/** Tracked source files (TypeScript and JavaScript), relative to the root. */
function trackedSources(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.js', '*.mjs', '*.cjs'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
}

/** A test's title (`describe`/`it`/`test`, `.each`, `.skip`... included): prose, not a name the code uses. */
function isTestTitle(node: ts.Node): boolean {
  const call = node.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== node) return false;
  let callee: ts.Expression = call.expression;
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) && ['describe', 'it', 'test'].includes(callee.text);
}

/** A module specifier of an `import`/`export ... from`, `import('x')` or `import('x').T`: the switch renames those. */
function isModuleSpecifier(node: ts.Node): boolean {
  const parent = node.parent;
  if ((ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node)
    return true;
  if (ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent)) return true;
  return ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword;
}

/**
 * Every text a source file holds as a value (string and template literals, regular expressions),
 * but not module specifiers or test titles, with its line.
 */
function literalTexts(file: string, text: string): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) &&
      !isModuleSpecifier(node) &&
      !isTestTitle(node)
    )
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    else if (ts.isTemplateExpression(node) && isTestTitle(node)) return;
    else if (ts.isRegularExpressionLiteral(node))
      // `/cdktf\.out/` is the same text as 'cdktf.out'.
      found.push({
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        text: node.text.replace(/\\(.)/g, '$1'),
      });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * A package of either toolchain named in text: the library as a word (`cdktf`, `node_modules/.bin/cdktf`),
 * the scoped bindings (`@cdktf/...`) or the CLI package. Not the file names both toolchains share
 * (`cdktf.json` and the `cdktf.out` folder: cdk-terrain keeps them, packages/@cdktn/commons/src/config.ts)
 * and not this check's own name (`verify:cdktn`, `verify-cdktn`).
 */
const TOOLCHAIN_NAME = new RegExp(
  `(?<![\\w:-])(${[CDKTF, CDKTN]
    .flatMap((t) => [t.provider, t.cli, t.library])
    .map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|')})(?![\\w]|\\.(json|out)\\b)`,
);

describe('the CDK toolchain is named in one module', () => {
  it('no text in a source file but util/toolchain.ts names a toolchain package: only imports and comments do', () => {
    const offenders = trackedSources()
      .filter((file) => file !== 'util/toolchain.ts')
      .flatMap((file) =>
        literalTexts(file, readFileSync(join(ROOT, file), 'utf8'))
          .filter(({ text }) => TOOLCHAIN_NAME.test(text))
          .map(({ line, text }) => `${file}:${line}: ${text}`),
      );
    expect(offenders).toEqual([]);
  });

  it('reads the texts a source holds as values, not its imports, comments or test titles', () => {
    const [lib, provider] = [CDKTF.library, CDKTF.provider];
    const source = [
      `import { App } from '${lib}';`,
      `export * from '${provider}/lib/virtual-network';`,
      `type S = import('${lib}').TerraformStack;`,
      `const lazy = () => import('${lib}');`,
      `// ${lib} keeps every token alive`,
      `it('passes ${lib} logical ids', () => undefined);`,
      `describe.each([1])(\`${lib} %i\`, () => undefined);`,
      `const cli = 'node_modules/.bin/${lib}';`,
      `const message = \`has the form of a \${kind} ${lib} reference\`;`,
      `const pattern = /${lib}\\.out/;`,
    ].join('\n');
    expect(literalTexts('sample.ts', source)).toEqual([
      { line: 8, text: `node_modules/.bin/${lib}` },
      { line: 9, text: 'has the form of a ' },
      { line: 9, text: ` ${lib} reference` },
      { line: 10, text: `/${lib}.out/` },
    ]);
  });

  it('the name check catches a package in any text, and lets the shared file names and this check be', () => {
    const [lib, provider, cli] = [CDKTF.library, CDKTF.provider, CDKTF.cli];
    for (const caught of [
      lib,
      `${lib}/package.json`,
      `${provider}/lib/virtual-network`,
      `node_modules/.bin/${lib}`,
      `has the form of a ${lib} reference`,
      `${cli}`,
      `${CDKTN.library} synth`,
    ])
      expect([caught, TOOLCHAIN_NAME.test(caught)]).toEqual([caught, true]);
    for (const allowed of [
      `${lib}.out`,
      `${lib}.json`,
      `${lib}.out/stacks`,
      'verify:cdktn',
      'bluelamp-verify-cdktn-',
      `${lib}NumberToken`,
    ])
      expect([allowed, TOOLCHAIN_NAME.test(allowed)]).toEqual([allowed, false]);
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
