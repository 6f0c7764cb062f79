import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('the committed example reports under reports/ are what the code regenerates with the same seed', () => {
  const root = join(__dirname, '..', '..');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'regen-reports.ts'), '--check'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.stdout + r.stderr).toContain('reports are up to date');
  expect(r.status).toBe(0);
});
