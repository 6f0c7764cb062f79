/** The sam-minority experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { samMinority, samStart } from '../../../src/experiments/published/sam-minority.ts';
import { checkOutput } from './check.ts';

describe('sam-minority', () => {
  it('times both classes for GD and the two SAM radii on each start', () => {
    const o = samMinority.run(2, true);
    checkOutput(o);
    const rows = o.data.rows as { spec: string; escapes: unknown[] }[];
    expect(rows.map((r) => r.spec)).toEqual(['gd:gamma=0.5', 'sam:gamma=0.5,rho=0.05', 'sam:gamma=0.5,rho=0.2']);
    for (const r of rows) expect(r.escapes).toHaveLength(3);
    expect(o.claims![0].evidence.cells).toBe(6);
  });
  it('starts are seeded, near the saddle', () => {
    expect(Array.from(samStart(3))).toEqual(Array.from(samStart(3)));
    for (const v of samStart(4)) expect(Math.abs(v)).toBeLessThanOrEqual(3e-3);
  });
});
