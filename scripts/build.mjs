/**
 * Builds dist/ from src/ with the project's own TypeScript: ES modules, .d.ts files and
 * source maps (tsconfig.build.json). `npm run build` runs it incrementally; `prepare`
 * (run by `npm ci` in the repository and by `npm pack`) runs it with --clean, so a
 * tarball never carries output of a deleted source. The test suite's global setup
 * runs it before any test spawns the command line.
 *
 * tsc rewrites the sources' relative `.ts` imports to `.js` in the JavaScript it emits
 * (rewriteRelativeImportExtensions) but not in declaration files (TypeScript issue
 * 61037), so they are rewritten here: `./x.ts` becomes `./x.js`. Source maps carry
 * the TypeScript text (inlineSources), since src/ is not in the package. Last,
 * dist/.build-stamp records when the build finished: bin/gensmooth.mjs refuses to run
 * a dist/ older than src/ in a checkout.
 *
 * The worker threads of a parallel check load dist/parallel/worker.bundle.js: worker.js and the
 * modules it imports in one file (esbuild; packages stay imports), because each worker pays for
 * its module graph when it starts, two of them at once on a two-core machine, before the run can
 * use them: 31 ms instead of 58 ms per worker, measured (docs/performance.md).
 *
 *   node scripts/build.mjs [--clean] [--if-stale] [--quiet]
 *
 * --if-stale does nothing when dist/ is newer than every source (the test suite's
 * global setup, so a run without edits pays nothing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');

const STAMP = join(DIST, '.build-stamp');

if (args.includes('--clean')) rmSync(DIST, { recursive: true, force: true });
if (args.includes('--if-stale') && existsSync(STAMP)) {
  const built = statSync(STAMP).mtimeMs;
  const SRC = join(ROOT, 'src');
  const inputs = [join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json'), fileURLToPath(import.meta.url)];
  for (const f of readdirSync(SRC, { recursive: true, encoding: 'utf8' }))
    if (f.endsWith('.ts')) inputs.push(join(SRC, f));
  if (inputs.every((f) => statSync(f).mtimeMs <= built)) process.exit(0);
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
  cwd: ROOT,
  encoding: 'utf8',
});
if (r.error) throw r.error;
const diagnostics = (r.stdout + r.stderr).trim();

// Relative specifiers ending in .ts/.mts/.cts after `from`, `import(` or a bare `import`.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"\n]*?)\.([mc]?)ts\2/g;
let rewritten = 0;
for (const f of readdirSync(DIST, { recursive: true, encoding: 'utf8' })) {
  if (!/\.d\.[mc]?ts$/.test(f)) continue;
  const p = join(DIST, f);
  const text = readFileSync(p, 'utf8');
  const out = text.replace(SPECIFIER, (_m, kw, q, path, m) => `${kw}${q}${path}.${m}js${q}`);
  if (out !== text) {
    writeFileSync(p, out);
    rewritten++;
  }
}
if (r.status === 0) {
  const esbuild = createRequire(import.meta.url)('esbuild');
  esbuild.buildSync({
    entryPoints: [join(DIST, 'parallel', 'worker.js')],
    outfile: join(DIST, 'parallel', 'worker.bundle.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
}
writeFileSync(STAMP, `${new Date().toISOString()}\n`);

if (r.status !== 0) {
  process.stderr.write(`${diagnostics}\nbuild: tsc reported errors (exit ${r.status}); dist/ was written anyway\n`);
  process.exit(r.status ?? 1);
}
if (!quiet) process.stdout.write(`build: dist/ is up to date (${rewritten} declaration file(s) rewritten)\n`);
