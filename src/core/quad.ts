/**
 * Gauss–Legendre quadrature on [0, 1]. Used for Taylor residuals
 * f(y) − f(x) − ⟨∇f(x), y − x⟩ = ∫₀¹ ⟨∇f(x + t(y − x)) − ∇f(x), y − x⟩ dt
 * (docs/theory.md §0.3), which avoids subtracting nearly equal function values.
 * An m-node rule is exact for polynomials of degree ≤ 2m − 1.
 */

export interface Rule {
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<number, Rule>();

/** Nodes and weights of the m-point Gauss–Legendre rule mapped to [0, 1]. */
export function gaussLegendre01(m: number): Rule {
  const hit = cache.get(m);
  if (hit) return hit;
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  /** P_m(z) and P_m'(z) by the three-term recurrence. */
  const legendre = (z: number): [number, number] => {
    let p0 = 1,
      p1 = 0;
    for (let j = 1; j <= m; j++) {
      const p2 = p1;
      p1 = p0;
      p0 = ((2 * j - 1) * z * p1 - (j - 1) * p2) / j;
    }
    return [p0, (m * (z * p0 - p1)) / (z * z - 1)];
  };
  for (let i = 0; i < m; i++) {
    // Newton on P_m from the Chebyshev-like initial guess.
    let z = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    for (let it = 0; it < 100; it++) {
      const [p, dp] = legendre(z);
      const dz = p / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    // The derivative at the converged node gives the weight.
    const dp = legendre(z)[1];
    nodes[m - 1 - i] = 0.5 * (1 - z);
    weights[m - 1 - i] = 1 / ((1 - z * z) * dp * dp);
  }
  const rule = { nodes, weights };
  cache.set(m, rule);
  return rule;
}
