/**
 * Box-constrained quasi-Newton minimisation (BFGS on the free coordinates, projected onto the box), used to fit
 * EBGM's prior. Generic and pure: an objective that fills its gradient, a start, a box, an iteration budget.
 */

// Bound once: the objective runs in a tight loop (see ebgm-fit.ts).
const { abs, max, min, sqrt } = Math;
const { isFinite: isFiniteNumber, POSITIVE_INFINITY } = Number;


export interface QuasiNewtonResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

/** Lower and upper bounds on each coordinate. */
export interface Box {
  lower: Float64Array;
  upper: Float64Array;
}

/** Stop when the predicted remaining decrease ½ gᵀHg is below this fraction of |f| (or the line search stalls there). */
const DECREMENT_TOLERANCE = 1e-13;
const ARMIJO = 1e-4;

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    sum += (a[i] ?? 0) * (b[i] ?? 0);
  }
  return sum;
}

/**
 * Marks the free coordinates: all but those at a bound whose gradient pushes further out (the active set of
 * a projected quasi-Newton method).
 */
function markFree(x: Float64Array, g: Float64Array, box: Box, free: Uint8Array): void {
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    const gi = g[i] ?? 0;
    free[i] = (xi <= (box.lower[i] ?? 0) && gi > 0) || (xi >= (box.upper[i] ?? 0) && gi < 0) ? 0 : 1;
  }
}

/** d = −H g over the free coordinates (H's free rows and columns), 0 on the others; H row-major. */
function descent(h: Float64Array, g: Float64Array, free: Uint8Array, d: Float64Array): void {
  const size = g.length;
  for (let i = 0; i < size; i++) {
    let sum = 0;
    if (free[i] === 1) {
      for (let j = 0; j < size; j++) {
        sum += free[j] === 1 ? (h[i * size + j] ?? 0) * (g[j] ?? 0) : 0;
      }
    }
    d[i] = -sum;
  }
}

function scaledIdentity(h: Float64Array, size: number, scale: number): void {
  h.fill(0);
  for (let i = 0; i < size; i++) {
    h[i * size + i] = scale;
  }
}

/**
 * The BFGS update of the inverse Hessian H for step s and gradient change y (sᵀy > 0):
 * H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/sᵀy, expanded as
 * H − ρ (s (Hy)ᵀ + (Hy) sᵀ) + (ρ² yᵀHy + ρ) s sᵀ.
 */
function updateInverseHessian(h: Float64Array, s: Float64Array, y: Float64Array, hy: Float64Array): void {
  const size = s.length;
  const rho = 1 / dot(s, y);
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (let j = 0; j < size; j++) {
      sum += (h[i * size + j] ?? 0) * (y[j] ?? 0);
    }
    hy[i] = sum;
  }
  const yhy = dot(y, hy);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const si = s[i] ?? 0;
      const sj = s[j] ?? 0;
      h[i * size + j] = (h[i * size + j] ?? 0) - rho * (si * (hy[j] ?? 0) + (hy[i] ?? 0) * sj) + (rho * rho * yhy + rho) * si * sj;
    }
  }
}

function largestMagnitude(values: Float64Array): number {
  return values.reduce((largest, v) => max(largest, abs(v)), 0);
}

/**
 * BFGS within a box, from x0 (clamped into it): the quasi-Newton direction over the free coordinates (see
 * {@link markFree}), a backtracking line search (Armijo on the projected path, safeguarded quadratic
 * interpolation), the inverse Hessian rescaled by sᵀy/yᵀy after the first step (Nocedal & Wright eq. 6.20),
 * whose length is limited to 1 in the largest coordinate. Stops when ½ gᵀHg over the free coordinates — the
 * decrease a Newton step would still bring — falls below {@link DECREMENT_TOLERANCE}·(1 + |f|), or when no
 * step decreases f any more (rounding), then counting as converged if that predicted decrease is below
 * 1e-8·(1 + |f|).
 */
export function minimizeQuasiNewton(objective: (x: Float64Array, gradient: Float64Array) => number, x0: Float64Array, box: Box, maxIterations: number): QuasiNewtonResult {
  const size = x0.length;
  const clamp = (value: number, i: number): number => min(box.upper[i] ?? 0, max(box.lower[i] ?? 0, value));
  const x = x0.map(clamp);
  const g = new Float64Array(size);
  const d = new Float64Array(size);
  const xNew = new Float64Array(size);
  const gNew = new Float64Array(size);
  const s = new Float64Array(size);
  const y = new Float64Array(size);
  const hy = new Float64Array(size);
  const h = new Float64Array(size * size);
  const free = new Uint8Array(size);
  let f = objective(x, g);
  let evaluations = 1;
  if (!isFiniteNumber(f)) {
    return { x, value: f, iterations: 0, evaluations, converged: false };
  }
  scaledIdentity(h, size, 1 / max(1, largestMagnitude(g)));
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    markFree(x, g, box, free);
    descent(h, g, free, d);
    let slope = dot(g, d);
    if (!(slope < 0) && largestMagnitude(d) > 0) {
      // Not a descent direction (H lost positive definiteness to rounding): restart from steepest descent.
      scaledIdentity(h, size, 1 / max(1, largestMagnitude(g)));
      descent(h, g, free, d);
      slope = dot(g, d);
    }
    if (-slope / 2 <= DECREMENT_TOLERANCE * (1 + abs(f))) {
      converged = true;
      break;
    }
    iterations++;
    let step = 1;
    let fNew = POSITIVE_INFINITY;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < size; i++) {
        xNew[i] = clamp((x[i] ?? 0) + step * (d[i] ?? 0), i);
        s[i] = (xNew[i] ?? 0) - (x[i] ?? 0);
      }
      fNew = objective(xNew, gNew);
      evaluations++;
      if (isFiniteNumber(fNew) && fNew <= f + ARMIJO * dot(g, s)) {
        accepted = true;
        break;
      }
      // Minimiser of the quadratic through f, the slope and fNew, kept within [0.1, 0.5] of the step.
      const quadratic = isFiniteNumber(fNew) ? (-slope * step * step) / (2 * (fNew - f - slope * step)) : 0.1 * step;
      step = min(0.5 * step, max(0.1 * step, quadratic));
    }
    if (!accepted) {
      converged = -slope / 2 <= 1e-8 * (1 + abs(f));
      break;
    }
    for (let i = 0; i < size; i++) {
      y[i] = (gNew[i] ?? 0) - (g[i] ?? 0);
    }
    const sy = dot(s, y);
    if (iterations === 1 && sy > 0) {
      scaledIdentity(h, size, sy / dot(y, y));
    }
    if (sy > 1e-12 * sqrt(dot(s, s) * dot(y, y))) {
      updateInverseHessian(h, s, y, hy);
    }
    x.set(xNew);
    g.set(gNew);
    f = fNew;
  }
  return { x, value: f, iterations, evaluations, converged };
}
