/** A report killed at any moment leaves the previous complete report or none (report/write.ts; slow: seven spawned reports). */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, gs, reportArgs } from '../bin.ts';

describe('writeReportDir under signals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-report-'));

  it('a report killed at any moment (SIGINT, SIGTERM, SIGKILL) leaves the previous report or none, never a partial one', async () => {
    const out = join(dir, 'killed');
    gs(...reportArgs(out));
    const before = readFileSync(join(out, 'report.json'), 'utf8');
    const kills: [number, NodeJS.Signals][] = [
      [50, 'SIGINT'],
      [300, 'SIGTERM'],
      [700, 'SIGKILL'],
      [900, 'SIGINT'],
      [1100, 'SIGTERM'],
      [1300, 'SIGKILL'],
    ];
    for (const [delay, sig] of kills) {
      const child = spawn(process.execPath, [BIN, ...reportArgs(out).map((a) => (a === '3' ? '4' : a))], {
        stdio: 'ignore',
      });
      // Listen before waiting: a run can now finish before the later kills (start-up is ~0.1 s).
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill(sig);
      await exited;
      const now = readdirSync(out);
      expect(now).toContain('report.json');
      const j = readFileSync(join(out, 'report.json'), 'utf8');
      // Either the old report or the new one, and each complete (its plots all present).
      const parsed = JSON.parse(j);
      for (const p of parsed.plots) expect(now).toContain(p.file);
      if (j !== before) expect(parsed.seed).toBe(4);
    }
  });
});
