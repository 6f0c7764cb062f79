#!/usr/bin/env node
// The gensmooth command: the compiled JavaScript in dist/ (built from src/ by
// scripts/build.mjs, which `npm ci` and `npm pack` run through `prepare`). In a
// checkout, where src/ sits beside dist/, a dist/ older than any source is refused
// rather than run: an edit must never be tested through stale output.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const src = new URL('src/', root);
if (existsSync(src)) {
  const stamp = new URL('dist/.build-stamp', root);
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : -Infinity;
  const newer = readdirSync(src, { recursive: true, encoding: 'utf8' }).find(
    (f) => f.endsWith('.ts') && statSync(new URL(f, src)).mtimeMs > built,
  );
  if (newer !== undefined) {
    process.stderr.write(
      built === -Infinity
        ? 'gensmooth: dist/ has not been built in this checkout: run npm run build (npm ci does it too)\n'
        : `gensmooth: dist/ is older than src/${newer.split('\\').join('/')}: run npm run build\n`,
    );
    process.exit(2);
  }
}
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
