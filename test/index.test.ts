/**
 * docs/api.md's examples run as written, and every runtime export of src/index.ts is
 * demonstrated by one of them (its `// exports:` line).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as api from '../src/index.ts';

const root = join(__dirname, '..');
const doc = readFileSync(join(root, 'docs', 'api.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

it('every runtime export has an example', () => {
  const shown = new Set(
    blocks.flatMap((b) => (/^\/\/ exports: (.*)$/m.exec(b)?.[1] ?? '').split(',').map((s) => s.trim())),
  );
  const missing = Object.keys(api).filter((k) => !shown.has(k));
  expect(missing).toEqual([]);
});

it('every example runs', () => {
  // One module: the imports of all blocks merged at the top, each body in its own block scope.
  const imports = new Map<string, Set<string>>();
  const defaults = new Map<string, string>();
  const bodies: string[] = [];
  for (const b of blocks) {
    const body: string[] = [];
    for (const line of b.split('\n')) {
      const named = /^import \{ (.*) \} from '(.*)';$/.exec(line);
      const def = /^import (\w+) from '(.*)';$/.exec(line);
      if (named) {
        const set = imports.get(named[2]) ?? new Set<string>();
        for (const n of named[1].split(',')) set.add(n.trim());
        imports.set(named[2], set);
      } else if (def) defaults.set(def[2], def[1]);
      else body.push(line);
    }
    bodies.push(`{\n${body.join('\n')}\n}`);
  }
  const src = [
    ...[...defaults].map(([m, n]) => `import ${n} from '${m}';`),
    ...[...imports].map(([m, ns]) => `import { ${[...ns].join(', ')} } from '${m}';`),
    ...bodies,
    "console.log('all examples ran');",
  ].join('\n');
  const dir = mkdtempSync(join(root, '.api-examples-'));
  try {
    const file = join(dir, 'examples.ts');
    writeFileSync(file, src);
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr + r.stdout).toContain('all examples ran');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
