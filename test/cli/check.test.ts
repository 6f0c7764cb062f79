/** `gensmooth check` as a script sees it: the flags of issue 9 and their exit statuses. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';
import { BIN } from '../bin.ts';

const ROOT = join(__dirname, '..', '..');
function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gensmooth check', () => {
  it('check: holds → 0, fails → 1 with a counterexample in the JSON', async () => {
    const a = await runMain('check', 'expr:x^2', '--condition', 'lsmooth:L=2', '--json');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).results[0].verdict).toBe('holds');
    const b = await runMain('check', 'expr:x^2', '--condition', 'lsmooth:L=1.9', '--json');
    expect(b.code).toBe(1);
    const res = JSON.parse(b.out).results[0];
    expect(res.verdict).toBe('fails');
    expect(res.counterexample.x).toHaveLength(1);
    expect(res.claimed).toEqual({ L: 1.9 });
  });

  it('--at: one point, full precision, exit 1 when it violates the claim (x⁴ at 2: 48 > 33)', () => {
    const r = run(['check', 'expr:x^4', '--condition', 'l0l1:L0=1,L1=1', '--at', '2', '--json']);
    expect(r.code).toBe(1);
    const res = JSON.parse(r.out).results[0];
    expect(res.counterexample.lhs).toBe(48);
    expect(res.counterexample.rhs).toBe(33);
    expect(res.evidence.at.margin).toBe(-15);
    const ok = run(['check', 'expr:x^4', '--condition', 'l0l1:L0=16,L1=1', '--at', '2']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/lhs = 48, rhs = 48/);
  });
  it('a counterexample comes with the command that replays it alone, and that command fails with it', () => {
    const r = run(['check', 'expr:x^2', '--condition', 'lsmooth:L=1.9', '--json']);
    expect(r.code).toBe(1);
    const c = JSON.parse(r.out).results[0].counterexample;
    const args = (c.replay as string)
      .replace(/^npx gensmooth /, '')
      .split(' ')
      .map((a) => a.replace(/^'(.*)'$/, '$1'));
    const again = run([...args, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out).results[0].counterexample.x).toEqual(c.x);
  });
  it('a sign-flipped gradient in a module objective: exit 3 before any condition, named in words', () => {
    const r = run(['check', 'test/fixtures/tanh13.ts', '--condition', 'descent:L0=100,L1=1'], {
      GENSMOOTH_FIXTURE_FLIP: '1',
    });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/sign-flipped/);
    const v = run(['verify', 'test/fixtures/tanh13.ts'], { GENSMOOTH_FIXTURE_FLIP: '1' });
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/sign-flipped/);
  });
  it('--strict: an undefined value is an objective error (exit 3) naming the point', () => {
    const r = run(['check', 'expr:log(x)', '--condition', 'l0l1:L0=0,L1=1,alpha=2', '--strict']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/at x = \[/);
    expect(run(['verify', 'expr:log(x)', '--strict']).code).toBe(3);
  });
  it('--samples 1e6 is a whole number; a claim stopped by the time limit is inconclusive with exit 5', () => {
    const r = run([
      'check',
      'expr:x1^2 + x2^2',
      '--condition',
      'lsmooth:L=2',
      '--samples',
      '1e6',
      '--time-limit',
      '1',
      '--json',
    ]);
    expect(r.code).toBe(5);
    const res = JSON.parse(r.out).results[0];
    expect(res.verdict).toBe('inconclusive');
    expect(res.cause).toBe('time-limit');
  });
  it('--domain box:LO1,...:HI1,... samples every coordinate in its own interval', () => {
    const r = run(['check', 'expr:x1^4 + x2^2', '--condition', 'lsmooth', '--domain', 'box:-1,0:1,2', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.domain).toMatchObject({ kind: 'box', lo: [-1, 0], hi: [1, 2] });
    expect(d.results[0].estimate.L).toBeGreaterThan(11.4);
    expect(d.results[0].estimate.L).toBeLessThanOrEqual(12 * (1 + 1e-12));
    const bad = run(['check', 'expr:x1^4 + x2^2', '--domain', 'box:-1,0,3:1,2,4']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/dimension 2/);
  });
});

describe('check: where an estimate is attained, in the text', () => {
  it('names the point in full precision (the point a "no positive mu works" note refers to)', async () => {
    const r = await runMain('check', 'expr:x1^4 - x1^2 + x2^2', '--condition', 'gpl', '--samples', '300');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/mu = 0\n {2}attained at x = \[[^\]]+\]\n/);
    expect(r.out).toMatch(/the point where the estimate is attained \(attainedAt\)/);
    const json = await runMain('check', 'expr:x1^4 - x1^2 + x2^2', '--condition', 'gpl', '--samples', '300', '--json');
    const x = JSON.parse(json.out).results[0].attainedAt.x as number[];
    expect(r.out).toContain(`attained at x = [${x.map(String).join(', ')}]`);
  });
});
