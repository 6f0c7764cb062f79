/**
 * The shape of src/ stays what issue 13 made it: no import circle, no file over 400 lines, at
 * most 1 % of lines over 120 characters, at least 60 % of files with a same-named test. The
 * rules and what counts as an import are stated in scripts/architecture.ts; the scanner is
 * tried on synthetic text first, so the tree tests below can fail.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cycles,
  danglingTestCitations,
  importsOf,
  LINE_WIDTH,
  MAX_LINES,
  MAX_LONG_FRACTION,
  measure,
  MIN_MIRRORED,
  mirrorTests,
  runtimeGraph,
  width,
} from '../scripts/architecture.ts';

const ROOT = join(__dirname, '..');

describe('the import scanner', () => {
  it('tells run-time imports from type-only ones', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "import { type C, type D } from './c.ts';",
      "import { type E, e } from './e.ts';",
      "import F, { type G } from './f.ts';",
      "import {} from './side.ts';",
      "import './effect.ts';",
      "import { readFileSync } from 'node:fs';",
      "export { h } from './h.ts';",
      "export type { I } from './i.ts';",
      "export { type J } from './j.ts';",
      "export * from './k.ts';",
      "const m = await import('./m.ts');",
      "// import { n } from './n.ts';",
    ].join('\n');
    const edges = importsOf('dir/x.ts', text).map((e) => `${e.to} ${e.kind} ${e.line}`);
    expect(edges).toEqual([
      'dir/a.ts value 1',
      'b.ts type 2',
      'dir/c.ts type 3',
      'dir/e.ts value 4',
      'dir/f.ts value 5',
      'dir/side.ts value 6',
      'dir/effect.ts value 7',
      'dir/h.ts value 9',
      'dir/i.ts type 10',
      'dir/j.ts type 11',
      'dir/k.ts value 12',
      'dir/m.ts dynamic 13',
    ]);
  });
  it('finds every circle and names one concrete path through each', () => {
    const g = new Map<string, string[]>([
      ['a', ['b']],
      ['b', ['c', 'x']],
      ['c', ['a']],
      ['x', []],
      ['p', ['q']],
      ['q', ['p']],
      ['s', ['s']],
      ['t', ['outside']],
    ]);
    expect(cycles(g)).toEqual(
      expect.arrayContaining([
        ['a', 'b', 'c', 'a'],
        ['p', 'q', 'p'],
        ['s', 's'],
      ]),
    );
    expect(cycles(g)).toHaveLength(3);
    g.set('c', []);
    g.set('q', []);
    g.set('s', []);
    expect(cycles(g)).toEqual([]);
  });
  it('builds the graph without type-only edges, so a circle made only of types is not one', () => {
    const files = [
      { path: 'm/model.ts', lines: ["import type { R } from './result.ts';"] },
      { path: 'm/result.ts', lines: ["import { EPS } from './model.ts';"] },
    ];
    expect(cycles(runtimeGraph(files))).toEqual([]);
    files[0].lines = ["import { R } from './result.ts';"];
    expect(cycles(runtimeGraph(files))).toEqual([['m/model.ts', 'm/result.ts', 'm/model.ts']]);
  });
  it('measures width in characters, not UTF-16 units or bytes', () => {
    expect(width('‖∇f‖')).toBe(4);
    expect(width('𝔼x')).toBe(2);
  });
  it('mirrors src/a/b.ts as test/a/b.test.ts or test/a/b.slow.test.ts', () => {
    expect(mirrorTests('core/quad.ts')).toEqual(['test/core/quad.test.ts', 'test/core/quad.slow.test.ts']);
  });
});

describe('src/ as it is', () => {
  const m = measure(ROOT);
  it('has no import circle', () => {
    expect(m.cycles.map((c) => c.join(' → '))).toEqual([]);
  });
  it(`has no file over ${MAX_LINES} lines`, () => {
    expect(m.overLong).toEqual([]);
  });
  it(`has at most ${100 * MAX_LONG_FRACTION} % of its lines over ${LINE_WIDTH} characters`, () => {
    expect(m.lines).toBeGreaterThan(1000);
    expect(m.longLines.length, m.longLines.map((l) => `src/${l.path}:${l.line}`).join('\n')).toBeLessThanOrEqual(
      MAX_LONG_FRACTION * m.lines,
    );
  });
  it(`has a same-named test for at least ${100 * MIN_MIRRORED} % of its files`, () => {
    expect(m.testable.length).toBeGreaterThan(50);
    expect(m.mirrored.length, `without a test:\n${m.unmirrored.join('\n')}`).toBeGreaterThanOrEqual(
      MIN_MIRRORED * m.testable.length,
    );
  });
});

describe('the repository cites tests that exist', () => {
  it('every test/….ts or properties/….ts path in docs/, src/, scripts/, examples/ and the README names a file', () => {
    expect(danglingTestCitations(ROOT)).toEqual([]);
  });
});
