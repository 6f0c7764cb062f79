/**
 * The ball domain `ball:R` around a centre (`--center X1,...`, default the objective's start):
 * uniform points in the ball (direction × R·U^(1/n)), points on its sphere (5 %), the special
 * points inside it and their neighbourhoods (10 %); pairs: two uniform points (35 %), near pairs
 * with log-uniform radii down to 1e-6 of the diameter (35 %), pairs anchored at the special
 * points (15 %), pairs with an end on the sphere (the rest). Rotation-invariant, unlike a box:
 * the natural domain for constants that an orthogonal change of variables keeps.
 */
import type { Rng } from '../core/rng.ts';
import { UsageError } from '../errors.ts';
import { joinXY, type Domain, type Drawn, type Origin } from './domain.ts';

export function ballDomain(centre: Float64Array, R: number, spec?: string): Domain {
  const n = centre.length;
  if (!(R > 0) || !Number.isFinite(R)) throw new UsageError(`ball:R needs a radius R > 0, got ${R}`);
  const c = Float64Array.from(centre);
  const dist = (x: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (x[i] - c[i]) ** 2;
    return Math.sqrt(s);
  };
  const project = (x: Float64Array) => {
    const r = dist(x);
    if (r > R) for (let i = 0; i < n; i++) x[i] = c[i] + ((x[i] - c[i]) * R) / r;
  };
  const uniform = (rng: Rng) => {
    const x = rng.ball(new Float64Array(n), R);
    for (let i = 0; i < n; i++) x[i] += c[i];
    return x;
  };
  const onSphere = (rng: Rng) => {
    const x = rng.sphere(new Float64Array(n));
    for (let i = 0; i < n; i++) x[i] = c[i] + R * x[i];
    return x;
  };
  const near = (rng: Rng, x: Float64Array, rmin: number, rmax: number) => {
    const u = rng.sphere(new Float64Array(n));
    const t = rng.logUniform(rmin, rmax);
    const y = Float64Array.from(x, (v, i) => v + t * u[i]);
    project(y);
    return y;
  };
  return {
    spec: spec ?? `ball:${R}`,
    describe: () => ({ kind: 'ball', radius: R, center: Array.from(c) }),
    n,
    lo: Float64Array.from(c, (v) => v - R),
    hi: Float64Array.from(c, (v) => v + R),
    width: 2 * R,
    contains: (x) => dist(x) <= R * (1 + 1e-12),
    project,
    centre: () => Float64Array.from(c),
    starts: (rng, count) => Array.from({ length: count }, () => uniform(rng)),
    initial(rng, kind, count, special) {
      const out: Drawn[] = [];
      const add = (z: Float64Array, origin: Origin) => out.push({ z, origin });
      const inside = special.filter((s) => dist(s) <= R);
      const srng = rng.stream('sphere'),
        urng = rng.stream('uniform'),
        nrng = rng.stream('near');
      if (kind === 'point') {
        for (let k = 0; k < Math.floor(0.05 * count); k++) add(onSphere(srng), 'sampled');
        for (const s of inside) add(Float64Array.from(s), 'special');
        const nNear = inside.length > 0 ? Math.floor(0.1 * count) : 0;
        for (let k = 0; k < nNear; k++)
          add(near(nrng, inside[k % inside.length], 1e-8 * 2 * R, 0.3 * 2 * R), 'sampled');
        while (out.length < count) add(uniform(urng), 'uniform');
        return out;
      }
      const nFar = Math.floor(0.35 * count),
        nNear = Math.floor(0.35 * count),
        nAnch = Math.floor(0.15 * count);
      for (let k = 0; k < nFar; k++) add(joinXY(uniform(urng), uniform(urng)), 'uniform');
      for (let k = 0; k < nNear; k++) {
        const x = uniform(nrng);
        add(joinXY(x, near(nrng, x, 1e-6 * 2 * R, R)), 'sampled');
      }
      const arng = rng.stream('anchored');
      for (let k = 0; k < nAnch; k++) {
        const a = inside.length > 0 ? inside[k % inside.length] : onSphere(arng);
        const p = uniform(arng);
        add(k % 2 ? joinXY(Float64Array.from(a), p) : joinXY(p, Float64Array.from(a)), 'sampled');
      }
      while (out.length < count) add(joinXY(onSphere(srng), uniform(srng)), 'sampled');
      return out;
    },
  };
}
