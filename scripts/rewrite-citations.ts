/**
 * Rewrites citations of the project's documents to their paths in the repository, so that a clone
 * has no dangling citation (test/docs/citations.test.ts checks the result):
 *
 * - the theory, cited by its bare file name, becomes docs/theory.md, labels unchanged;
 * - the contract, by bare name or by the path beside the repository, becomes docs/contract.md
 *   (in the README, a link);
 * - the design notes became docs/architecture.md, which has no numbered sections, so a section
 *   number after them is dropped;
 * - a few citations are made exact (FIXES below): a second label in a list gets its own §, and the
 *   pitfalls of the non-Euclidean section are cited where they are, §d4.
 *
 * Only comments and documentation text are touched. A changed TypeScript or JavaScript file is then
 * formatted with the project's prettier settings, because a longer string can move to its own line.
 * The committed reports under reports/ quote some of these sentences (experiment settings), so they
 * are rewritten the same way, which is what regenerating them from the rewritten sources gives.
 *
 * Idempotent: a second run changes nothing. Run from the repository root:
 *
 *   npx tsx scripts/rewrite-citations.ts           rewrite in place, list the files changed
 *   npx tsx scripts/rewrite-citations.ts --check   change nothing; exit 1 if a rewrite is pending
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as prettier from 'prettier';

const ROOT = join(import.meta.dirname, '..');
const SELF = relative(ROOT, import.meta.filename);
const DIRS = ['src', 'test', 'properties', 'scripts', 'examples', 'docs', 'reports'];
const FILES = ['README.md'];
const TEXT = /\.(ts|js|mjs|cjs|md|py|json|sh|txt|html|svg)$/;

/** Exact citations made precise; each target differs from its pattern, so a rerun is a no-op. */
const FIXES: [RegExp, string][] = [
  [/(docs\/theory\.md §b1), b3\b/g, '$1, §b3'],
  [/(docs\/theory\.md §)d pitfalls/g, '$1d4 pitfalls'],
];

/** In order; every pattern skips text that is already a repository path. */
const RULES: [RegExp, string][] = [
  // The README's link to the contract beside the repository.
  [/`\.\.\/shared\/contract\.md`/g, '[docs/contract.md](docs/contract.md)'],
  [/\.\.\/shared\/contract\.md/g, 'docs/contract.md'],
  [/(?<![\w./-])theory\.md/g, 'docs/theory.md'],
  [/(?<![\w./-])contract\.md/g, 'docs/contract.md'],
  // The design notes: a section number or "house rules" after them named a part of that file.
  [/(?<![\w./-])design\.md(?: §\d+| house rules)?/g, 'docs/architecture.md'],
  ...FIXES,
];

export function rewrite(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(join(ROOT, dir))) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const rel = `${dir}/${name}`;
    const st = statSync(join(ROOT, rel));
    if (st.isDirectory()) walk(rel, out);
    else if (TEXT.test(name)) out.push(rel);
  }
}

/** The project's formatting, for the files `npm run format` covers (TypeScript and JavaScript). */
async function formatted(path: string, text: string): Promise<string> {
  if (!/\.(ts|js|mjs)$/.test(path)) return text;
  const info = await prettier.getFileInfo(path, { ignorePath: join(ROOT, '.prettierignore') });
  if (info.ignored) return text;
  const options = await prettier.resolveConfig(path);
  return prettier.format(text, { ...options, filepath: path });
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = [...FILES];
  for (const d of DIRS) walk(d, files);
  const changed: string[] = [];
  for (const f of files) {
    if (f === SELF) continue;
    const path = join(ROOT, f);
    const before = readFileSync(path, 'utf8');
    const after = rewrite(before);
    if (after === before) continue;
    changed.push(f);
    if (!check) writeFileSync(path, await formatted(path, after));
  }
  for (const f of changed) console.log(f);
  console.error(
    `${changed.length} file(s) ${check ? 'need the rewrite' : 'rewritten'} (${files.length} scanned)` +
      (changed.length === 0 ? ': citations are up to date' : ''),
  );
  if (check && changed.length > 0) process.exitCode = 1;
}

if (process.argv[1] && relative(ROOT, process.argv[1]) === SELF) await main();
