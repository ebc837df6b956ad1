import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The house rule for constructs: every prop says what it is (TSDoc), and every optional prop says
 * what happens when it is left out (`@default <value>` or `@default - <what happens>`).
 */
const CONSTRUCTS = join(__dirname, '..', '..', 'constructs');

function undocumentedProps(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(CONSTRUCTS, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement) || !statement.name.text.endsWith('Props')) continue;
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member)) continue;
      const where = `${file} ${statement.name.text}.${member.name.getText(source)}`;
      const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
      const text = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ');
      const tags = docs.flatMap((d) => d.tags ?? []).map((t) => t.tagName.text);
      if (text.trim() === '') problems.push(`${where}: no description`);
      if (member.questionToken && !tags.includes('default')) problems.push(`${where}: optional without @default`);
    }
  }
  return problems;
}

describe('construct props', () => {
  const files = readdirSync(CONSTRUCTS).filter((f) => f.endsWith('.ts'));

  it('are found (the check reads real files)', () => {
    expect(files).toContain('force-network.ts');
    expect(undocumentedProps('force-network.ts')).toEqual([]);
  });

  it('are each documented, and each optional one with its @default', () => {
    expect(files.flatMap(undocumentedProps)).toEqual([]);
  });
});
