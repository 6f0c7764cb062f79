/**
 * The structural rules of src/ (issue 13, "done means"), measured from the tree:
 *
 * - no import circle: the graph is the imports that exist when the code runs, i.e. static
 *   `import … from` and side-effect `import '…'`, value re-exports `export … from`, and
 *   `import('…')` with a literal specifier. Type-only imports (`import type`, `export type`,
 *   or a list whose every name carries `type`) are left out: tsc erases them, so they cannot
 *   change the order modules are evaluated in, which is what a circle breaks (a binding read
 *   before its module has run). A plain `import { T }` of a type alone is counted, because
 *   deciding that needs the type checker: mark it `import type` to say what it is.
 * - no src file over MAX_LINES lines;
 * - at most MAX_LONG_FRACTION of all src lines over LINE_WIDTH characters (code points);
 * - at least MIN_MIRRORED of the src files have a test of the same path,
 *   test/<dir>/<file>.test.ts or .slow.test.ts for src/<dir>/<file>.ts (declaration files,
 *   *.d.ts, hold no behaviour and are not counted).
 *
 *   npx tsx scripts/architecture.ts     prints the numbers, exit 1 if a rule is broken
 *
 * test/architecture.test.ts enforces the same rules in the test suite.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';

export const MAX_LINES = 400;
export const LINE_WIDTH = 120;
export const MAX_LONG_FRACTION = 0.01;
export const MIN_MIRRORED = 0.6;

export type EdgeKind = 'value' | 'type' | 'dynamic';
export interface Edge {
  to: string;
  kind: EdgeKind;
  line: number;
}

/** Relative imports of one module's text, each with its kind and line; `from` is the module's posix path. */
export function importsOf(from: string, text: string): Edge[] {
  const sf = ts.createSourceFile(from, text, ts.ScriptTarget.ES2022, true);
  const out: Edge[] = [];
  const add = (node: ts.Node, spec: string, kind: EdgeKind) => {
    if (!spec.startsWith('./') && !spec.startsWith('../')) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    out.push({ to: posix.normalize(posix.join(posix.dirname(from), spec)), kind, line });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const typeOnly =
        c !== undefined && (c.isTypeOnly || (!c.name && named !== undefined && named.every((e) => e.isTypeOnly)));
      // `import {} from 'x'` has no names and still loads x; `every` on an empty list would call it type-only.
      add(n, n.moduleSpecifier.text, typeOnly && (named === undefined || named.length > 0) ? 'type' : 'value');
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const named = n.exportClause && ts.isNamedExports(n.exportClause) ? n.exportClause.elements : undefined;
      const typeOnly = n.isTypeOnly || (named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly));
      add(n, n.moduleSpecifier.text, typeOnly ? 'type' : 'value');
    } else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments.length > 0 &&
      ts.isStringLiteralLike(n.arguments[0])
    ) {
      add(n, n.arguments[0].text, 'dynamic');
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Every cycle's strongly connected component (Tarjan), each as one concrete circle a → b → … → a. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const components: string[][] = [];
  const succ = (v: string) => (graph.get(v) ?? []).filter((w) => graph.has(w));
  const connect = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of succ(v)) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || succ(v).includes(v)) components.push(c);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) connect(v);
  // One shortest circle through the component's first module (breadth-first inside the component).
  return components.map((comp) => {
    const inComp = new Set(comp);
    const start = [...comp].sort()[0];
    const prev = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of succ(v)) {
        if (!inComp.has(w)) continue;
        if (w === start) {
          const path = [v];
          while (path[0] !== start) path.unshift(prev.get(path[0])!);
          return [...path, start];
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}

export interface SrcFile {
  /** Path relative to src/, posix separators. */
  path: string;
  lines: string[];
}

export function readTree(root: string, dir = 'src'): SrcFile[] {
  const base = join(root, dir);
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split('\\').join('/'))
    .sort()
    .map((path) => ({ path, lines: readFileSync(join(base, path), 'utf8').replace(/\n$/, '').split('\n') }));
}

/** The run-time import graph of the tree (see the header for what counts). */
export function runtimeGraph(files: SrcFile[]): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files) {
    if (f.path.endsWith('.d.ts')) continue;
    const edges = importsOf(f.path, f.lines.join('\n')).filter((e) => e.kind !== 'type');
    g.set(f.path, [...new Set(edges.map((e) => e.to))]);
  }
  return g;
}

export interface Measures {
  files: number;
  lines: number;
  longLines: { path: string; line: number; width: number }[];
  overLong: { path: string; lines: number }[];
  testable: string[];
  mirrored: string[];
  unmirrored: string[];
  cycles: string[][];
}

export const width = (line: string) => [...line].length;

export function measure(root: string): Measures {
  const files = readTree(root);
  const longLines: Measures['longLines'] = [];
  for (const f of files)
    f.lines.forEach((l, i) => {
      if (width(l) > LINE_WIDTH) longLines.push({ path: f.path, line: i + 1, width: width(l) });
    });
  const testable = files.map((f) => f.path).filter((p) => !p.endsWith('.d.ts'));
  const mirrored = testable.filter((p) => mirrorTests(p).some((t) => existsSync(join(root, t))));
  return {
    files: files.length,
    lines: files.reduce((s, f) => s + f.lines.length, 0),
    longLines,
    overLong: files.filter((f) => f.lines.length > MAX_LINES).map((f) => ({ path: f.path, lines: f.lines.length })),
    testable,
    mirrored,
    unmirrored: testable.filter((p) => !mirrored.includes(p)),
    cycles: cycles(runtimeGraph(files)),
  };
}

/** The test paths that mirror src/<path>. */
export function mirrorTests(path: string): string[] {
  const stem = path.replace(/\.ts$/, '');
  return [`test/${stem}.test.ts`, `test/${stem}.slow.test.ts`];
}

/**
 * Test files the repository's own text cites (docs/, src/, scripts/, the README, examples/):
 * paths of the form test/….ts or properties/….ts, globs matched against the tree. Returns the
 * citations that match no file, as "file:line: path".
 */
export function danglingTestCitations(root: string): string[] {
  const out: string[] = [];
  const texts: string[] = ['README.md'];
  for (const dir of ['docs', 'src', 'scripts', 'examples'])
    for (const f of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }))
      if (/\.(md|ts|mjs)$/.test(f) && !f.split(/[\\/]/).includes('node_modules')) texts.push(`${dir}/${f}`);
  const tests = ['test', 'properties'].flatMap((d) =>
    readdirSync(join(root, d), { recursive: true, encoding: 'utf8' }).map((f) => `${d}/${f.split('\\').join('/')}`),
  );
  const CITE = /\b(?:test|properties)\/[A-Za-z0-9_./*-]+\.ts\b/g;
  for (const t of texts) {
    const lines = readFileSync(join(root, t), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(CITE)) {
        const glob = new RegExp(`^${m[0].replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
        if (!tests.some((f) => glob.test(f))) out.push(`${t}:${i + 1}: ${m[0]}`);
      }
    });
  }
  return out;
}

export function summary(m: Measures): string[] {
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(2)} %`;
  return [
    `src files: ${m.files}, lines: ${m.lines}`,
    `files over ${MAX_LINES} lines: ${m.overLong.length ? m.overLong.map((f) => `${f.path} (${f.lines})`).join(', ') : 'none'}`,
    `lines over ${LINE_WIDTH} characters: ${m.longLines.length} (${pct(m.longLines.length, m.lines)}; at most ${100 * MAX_LONG_FRACTION} %)`,
    `files with a same-named test: ${m.mirrored.length} of ${m.testable.length} (${pct(m.mirrored.length, m.testable.length)}; at least ${100 * MIN_MIRRORED} %)`,
    `import circles: ${m.cycles.length ? m.cycles.map((c) => c.join(' → ')).join('; ') : 'none'}`,
  ];
}

export function broken(m: Measures): boolean {
  return (
    m.cycles.length > 0 ||
    m.overLong.length > 0 ||
    m.longLines.length > MAX_LONG_FRACTION * m.lines ||
    m.mirrored.length < MIN_MIRRORED * m.testable.length
  );
}

if (process.argv[1] && relative(process.argv[1], import.meta.filename) === '') {
  const m = measure(join(dirname(import.meta.filename), '..'));
  for (const l of summary(m)) console.log(l);
  if (process.argv.includes('--unmirrored')) for (const p of m.unmirrored) console.log(`  no test: src/${p}`);
  process.exitCode = broken(m) ? 1 : 0;
}
