/**
 * Every citation of the project's own documents resolves, and nothing cites a file outside the
 * repository. The rules are the ones stated at the top of docs/theory.md:
 *
 * - a heading `## a. …` or `### a2. …` (label, full stop) defines a section label; an unindented
 *   numbered item `N. …` inside a labelled section defines `SECTION.N` (docs/theory.md §0.2.3 is the
 *   third item of §0.2);
 * - a citation is docs/theory.md followed by § and a label, optionally continued by a range (`–a2`)
 *   or a list (`, §e1`, ` and §e1`); every label named must exist;
 * - the theory, the contract and the design notes are cited by their path in the repository
 *   (`docs/…`; the design notes became docs/architecture.md); a bare file name, a path to the
 *   reference material beside the repository or an absolute path under the workspace fails;
 * - only docs/theory.md has § labels, and every document of docs/ that is cited exists.
 *
 * The scanner is tested on synthetic text first, so the tree test below can fail.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewrite } from '../../scripts/rewrite-citations.ts';

const ROOT = join(__dirname, '..', '..');
const THEORY = 'docs/theory.md';

const LABEL = String.raw`(?:0|[a-z])(?:\d+[a-z]?)?(?:\.\d+)*(?![0-9A-Za-z_])`;
const HEADING = new RegExp(String.raw`^#{2,3}\s+(${LABEL})\.\s`);
const ANY_HEADING = /^#{1,6}\s/;
const ITEM = /^(\d+)\.\s/;

/** The labels a theory text defines, and the ones it defines twice. */
function theoryLabels(md: string): { labels: Set<string>; duplicates: string[] } {
  const labels = new Set<string>();
  const duplicates: string[] = [];
  const add = (l: string) => (labels.has(l) ? duplicates.push(l) : labels.add(l));
  let section: string | null = null;
  for (const line of md.split('\n')) {
    if (ANY_HEADING.test(line)) {
      const m = HEADING.exec(line);
      section = m ? m[1] : null;
      if (section) add(section);
      continue;
    }
    const item = ITEM.exec(line);
    if (item && section) add(`${section}.${item[1]}`);
  }
  return { labels, duplicates };
}

interface Source {
  path: string;
  text: string;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The labels of a chain starting at `start` (just after a `§`): `a1`, `a1–a3`, `e2, §i.4`, `h6 and §e1`. */
function chainAt(text: string, start: number): { labels: string[]; malformed: boolean } {
  const first = new RegExp(`^${LABEL}`).exec(text.slice(start));
  if (!first) return { labels: [], malformed: true };
  const labels = [first[0]];
  let pos = start + first[0].length;
  const next = new RegExp(String.raw`^(?:\s*–\s*§?(${LABEL})|\s*(?:,|and)\s*§(${LABEL}))`);
  for (;;) {
    const m = next.exec(text.slice(pos));
    if (!m) break;
    labels.push(m[1] ?? m[2]);
    pos += m[0].length;
  }
  return { labels, malformed: false };
}

/**
 * Every bad citation in the sources, as "path:line: message". `labels` are the theory's labels;
 * `exists(p)` says whether a repository path exists.
 */
function badCitations(sources: Source[], labels: Set<string>, exists: (p: string) => boolean): string[] {
  const bad: string[] = [];
  for (const { path, text } of sources) {
    const report = (index: number, msg: string) => bad.push(`${path}:${lineOf(text, index)}: ${msg}`);
    // File names of the theory, contract and design notes must carry their repository path.
    for (const m of text.matchAll(/(theory|contract|design)\.md/g)) {
      const i = m.index!;
      if (text.slice(Math.max(0, i - 5), i) === 'docs/') continue;
      // A relative Markdown link between files of docs/ is fine when its target exists.
      if (path.startsWith('docs/') && text.slice(i - 2, i) === '](' && exists(join(dirname(path), m[0]))) continue;
      report(i, `bare "${m[0]}": cite it as docs/${m[1] === 'design' ? 'architecture' : m[1]}.md`);
    }
    for (const m of text.matchAll(/\.\.\/shared|\/work\//g))
      report(m.index!, `"${m[0]}" points outside the repository: cite docs/… or the papers instead`);
    for (const m of text.matchAll(/docs\/([\w.-]+\.md)/g)) {
      const file = `docs/${m[1]}`;
      if (!exists(file)) report(m.index!, `${file} does not exist`);
    }
    // § labels: only the theory has them.
    for (const m of text.matchAll(/docs\/([\w.-]+\.md)(?:\s|\*|\/\/|#)*§/g)) {
      const i = m.index!;
      if (`docs/${m[1]}` !== THEORY) {
        report(i, `docs/${m[1]} has no § labels (only ${THEORY} does): cite a heading by name`);
        continue;
      }
      const chain = chainAt(text, i + m[0].length);
      if (chain.malformed) report(i, `malformed citation "${text.slice(i, i + m[0].length + 12).trim()}…"`);
      for (const l of chain.labels) if (!labels.has(l)) report(i, `${THEORY} has no §${l}`);
    }
  }
  return bad;
}

/** Inside the theory every § is one of its own labels (papers' sections are written "Sec."). */
function badSelfReferences(md: string, labels: Set<string>): string[] {
  const bad: string[] = [];
  for (const m of md.matchAll(/§/g)) {
    const chain = chainAt(md, m.index! + 1);
    if (chain.malformed) bad.push(`${THEORY}:${lineOf(md, m.index!)}: "§" not followed by a label`);
    for (const l of chain.labels) if (!labels.has(l)) bad.push(`${THEORY}:${lineOf(md, m.index!)}: no §${l}`);
  }
  return bad;
}

const SCANNED_DIRS = ['src', 'test', 'properties', 'scripts', 'examples', 'docs'];
const TEXT = /\.(ts|js|mjs|cjs|md|py|json|sh|txt|html|svg)$/;

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(join(ROOT, dir))) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const rel = `${dir}/${name}`;
    const st = statSync(join(ROOT, rel));
    if (st.isDirectory()) walk(rel, out);
    else if (TEXT.test(name) && st.size < 4_000_000) out.push(rel);
  }
}

function repositorySources(): Source[] {
  const files = ['README.md'];
  for (const d of SCANNED_DIRS) walk(d, files);
  return files.map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
}

const existsInRepo = (p: string) => existsSync(join(ROOT, p));

describe('the citation scanner (synthetic text)', () => {
  // File names are written in pieces, so that this file holds no bad citation for the tree test to find.
  const md = (name: string) => name + '.md';
  const T = 'docs/' + md('theory');
  const theory = [
    '# Title',
    '## How to cite',
    '1. not a label: this section has none',
    '## a. Alpha',
    '### a1. One',
    '1. first item',
    '2. second item',
    '   3. indented, not an item',
    '### b5a. Sub',
    '### 0.2. Zero',
    '1. one',
    '2. two',
    '3. three',
  ].join('\n');
  const { labels, duplicates } = theoryLabels(theory);
  const none = () => false;
  const all = () => true;
  const scan = (text: string, exists: (p: string) => boolean = all) =>
    badCitations([{ path: 'src/x.ts', text }], labels, exists);

  it('reads section labels from headings and item labels from unindented numbered items', () => {
    expect([...labels].sort()).toEqual(['0.2', '0.2.1', '0.2.2', '0.2.3', 'a', 'a1', 'a1.1', 'a1.2', 'b5a']);
    expect(duplicates).toEqual([]);
    expect(theoryLabels('## a. A\n## a. again\n1. x\n1. y').duplicates).toEqual(['a', 'a.1']);
  });

  it('accepts citations whose labels exist, with ranges, lists and trailing words', () => {
    const ok = [
      `// ${T} §a1.2 (the second item)`,
      `// ${T} §0.2.3.`,
      `// ${T} §a–a1, §b5a and §0.2`,
      `/* (${T}\n * §b5a) */`,
      `// ${T} §a1 pitfalls`,
      `// ${T} describes the theory`,
    ];
    for (const text of ok) expect(scan(text), text).toEqual([]);
  });

  it('reports a missing label, with file and line', () => {
    expect(scan(`line one\n// ${T} §a3`)).toEqual([`src/x.ts:2: ${T} has no §a3`]);
    expect(scan(`// ${T} §a1–a2`)).toEqual([`src/x.ts:1: ${T} has no §a2`]);
    expect(scan(`// ${T} §a1, §0.2.4`)).toEqual([`src/x.ts:1: ${T} has no §0.2.4`]);
    expect(scan(`// ${T} §Q`)[0]).toMatch(/^src\/x\.ts:1: malformed citation/);
  });

  it('reports bare file names and paths outside the repository', () => {
    const msg = (name: string, to: string) => `src/x.ts:1: bare "${md(name)}": cite it as docs/${md(to)}`;
    expect(scan(`// ${md('theory')} §a1`)).toEqual([msg('theory', 'theory')]);
    expect(scan(`// see ${md('contract')}`)).toEqual([msg('contract', 'contract')]);
    expect(scan(`// ${md('design')}`)).toEqual([msg('design', 'architecture')]);
    expect(scan(`// ${T}, then ${md('theory')} §a1`)).toEqual([msg('theory', 'theory')]);
    expect(scan('[c](../' + 'shared/x)')).toHaveLength(1);
    expect(scan('/' + 'work/shared/papers')).toHaveLength(1);
  });

  it('reports cited documents that do not exist and § labels of other documents', () => {
    const design = 'docs/' + md('design'),
      contract = 'docs/' + md('contract');
    expect(scan(`// ${design}`, none)).toEqual([`src/x.ts:1: ${design} does not exist`]);
    expect(scan(`// ${contract} §2`, all)).toEqual([
      `src/x.ts:1: ${contract} has no § labels (only ${T} does): cite a heading by name`,
    ]);
  });

  it('accepts relative Markdown links between documents of docs/ that exist', () => {
    const text = `see [the contract](${md('contract')})`;
    expect(badCitations([{ path: 'docs/' + 'a.md', text }], labels, all)).toEqual([]);
    expect(badCitations([{ path: 'docs/' + 'a.md', text }], labels, none)).toHaveLength(1);
  });

  it('checks the theory against itself', () => {
    expect(badSelfReferences(theory + '\nsee §a1.2 and §a1–a1, §0.2', labels)).toEqual([]);
    expect(badSelfReferences('x\nsee §a9', labels)).toEqual([`${T}:2: no §a9`]);
    expect(badSelfReferences('Sec. 3 is not §3.1', labels)).toEqual([`${T}:1: "§" not followed by a label`]);
  });
});

describe('scripts/rewrite-citations.ts', () => {
  const md = (name: string) => name + '.md';
  const { labels } = theoryLabels('## b. B\n### b1. One\n### b3. Three\n## d. D\n### d4. Tests\n');
  const cases = [
    `// (${md('theory')} §b1, b3): the kernels`,
    `/**\n * the clipping of Pethick et al. (${md('theory')}\n * §d pitfalls) */`,
    `// the core table of ${md('contract')}, see ${md('design')} §1.`,
    `// written at once (${md('design')} house rules): one rename`,
    'specified in `../' + `shared/${md('contract')}\`; exit status`,
  ];

  it('turns bare citations into ones that resolve', () => {
    for (const text of cases) {
      const out = rewrite(text);
      expect(badCitations([{ path: 'src/x.ts', text: out }], labels, existsInRepo), out).toEqual([]);
    }
    expect(rewrite(cases[0])).toBe(`// (docs/${md('theory')} §b1, §b3): the kernels`);
    expect(rewrite(cases[3])).toBe(`// written at once (docs/${md('architecture')}): one rename`);
    expect(rewrite(cases[4])).toBe(`specified in [docs/${md('contract')}](docs/${md('contract')}); exit status`);
  });

  it('is idempotent, and leaves repository paths alone', () => {
    for (const text of cases) expect(rewrite(rewrite(text))).toBe(rewrite(text));
    const clean = `// docs/${md('theory')} §a2 and docs/${md('contract')}`;
    expect(rewrite(clean)).toBe(clean);
  });
});

describe('the repository', () => {
  const md = readFileSync(join(ROOT, THEORY), 'utf8');
  const { labels, duplicates } = theoryLabels(md);

  it('docs/theory.md defines each label once, and every § inside it resolves', () => {
    expect(duplicates).toEqual([]);
    expect(badSelfReferences(md, labels)).toEqual([]);
  });

  it('docs/theory.md defines the labels the code has always cited', () => {
    const cited = ['0.1', '0.2', '0.2.1', '0.2.3', '0.2.5', '0.3', 'a', 'a1', 'a2', 'a3', 'a4.1', 'a4.6'];
    const more = ['b5', 'b5a', 'b5b', 'b6', 'c1', 'c4', 'd1', 'd4', 'e1', 'e3', 'f1', 'f2', 'g4', 'g5.1', 'g5.5'];
    const rest = ['h1', 'h7', 'i', 'i.4', 'i.7', 'i.10'];
    for (const l of [...cited, ...more, ...rest]) expect(labels.has(l), `§${l}`).toBe(true);
  });

  it('every citation in src, test, properties, scripts, examples, docs and the README resolves', () => {
    const sources = repositorySources();
    expect(sources.length).toBeGreaterThan(100);
    expect(badCitations(sources, labels, existsInRepo)).toEqual([]);
  });
});
