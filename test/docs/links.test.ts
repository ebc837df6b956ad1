import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Every relative link in README.md and docs/*.md leads somewhere: the file exists and, for a
 * `#anchor`, the target page has that heading (as GitHub slugs it).
 */
const ROOT = join(__dirname, '..', '..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks and inline code, where a link or heading is real. */
function prose(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, (code) => code.replace(/[[\]()#]/g, ' '));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, text] of withoutFences.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function relativeLinks(page: string): string[] {
  const text = prose(readFileSync(join(ROOT, page), 'utf8'));
  return [...text.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

function brokenLink(page: string, target: string): string | undefined {
  const [path, anchor] = target.split('#', 2);
  const file = path === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), decodeURI(path));
  const shown = relative(ROOT, file);
  if (!existsSync(file)) return `${page}: ${target}: ${shown} does not exist`;
  if (anchor === undefined) return undefined;
  if (statSync(file).isDirectory() || !file.endsWith('.md')) return `${page}: ${target}: an anchor into a non-page`;
  if (!headingAnchors(readFileSync(file, 'utf8')).has(anchor))
    return `${page}: ${target}: ${shown} has no heading #${anchor}`;
  return undefined;
}

describe('documentation links', () => {
  it('slugs headings as GitHub does', () => {
    const anchors = headingAnchors(
      '# Blue Lamp\n## The `bluelamp` command\n### `forces/<id>.yaml` (one per force)\n## Notes\n## Notes\n```\n# not a heading\n```\n',
    );
    expect([...anchors]).toEqual([
      'blue-lamp',
      'the-bluelamp-command',
      'forcesidyaml-one-per-force',
      'notes',
      'notes-1',
    ]);
  });

  it('finds the links to check (README links to every page in docs/)', () => {
    const readmeTargets = relativeLinks('README.md').map((t) => t.split('#')[0]);
    for (const page of PAGES.filter((p) => p.startsWith('docs/'))) expect(readmeTargets).toContain(page);
  });

  it.each(PAGES)('%s: every relative link resolves, file and heading', (page) => {
    const broken = relativeLinks(page)
      .map((target) => brokenLink(page, target))
      .filter(Boolean);
    expect(broken).toEqual([]);
  });
});
