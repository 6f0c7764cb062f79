/** The worked example of a user's CI: its suite sharded across two "machines" and merged with vitest's own mechanism. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('examples/user-ci shards with --shard and merges blob reports', () => {
  const root = join(__dirname, '..');
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'gs-shards-'));
  const env = { ...process.env, GENSMOOTH_SEED: '7' };
  for (const k of [1, 2]) {
    const r = spawnSync(
      process.execPath,
      [
        vitest,
        'run',
        '--config',
        'examples/user-ci/vitest.config.ts',
        `--shard=${k}/2`,
        '--reporter=blob',
        `--outputFile=${join(dir, `blob-${k}.json`)}`,
      ],
      { cwd: root, env, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
  }
  const merged = spawnSync(
    process.execPath,
    [vitest, 'run', '--config', 'examples/user-ci/vitest.config.ts', `--merge-reports=${dir}`],
    { cwd: root, env, encoding: 'utf8', timeout: 120_000 },
  );
  expect(merged.status).toBe(0);
  expect(merged.stdout.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '')).toMatch(
    /Test Files\s+2 passed/,
  );
});
