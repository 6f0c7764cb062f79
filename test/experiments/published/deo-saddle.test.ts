/** The deo-saddle experiment in its quick mode. */
import { describe, expect, it } from 'vitest';
import { deoSaddle } from '../../../src/experiments/published/deo-saddle.ts';
import { checkOutput } from './check.ts';

describe('deo-saddle', () => {
  it('projecting off the lowest-curvature direction cannot speed up escape from a strict saddle', () => {
    const o = deoSaddle.run(2, true);
    checkOutput(o);
    const [text, third] = o.claims!;
    expect(text).toMatchObject({ reading: 'paper-text', verdict: 'not supported', instances: 3 });
    expect(third.reading).toBe('third-party-code');
    const rows = o.data.rows as { per: { escape: number | null }[] }[];
    // Adam escapes on every start; the text's rule on none (the escape direction is projected out).
    expect(rows[0].per.every((p) => p.escape !== null)).toBe(true);
    expect(rows[1].per.every((p) => p.escape === null)).toBe(true);
  });
});
