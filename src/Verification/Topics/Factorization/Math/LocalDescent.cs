using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Factorization;

/// <summary>
/// Local descent settings: L-BFGS on the smooth form h until ‖∇h‖_F ≤ <see cref="Stationarity"/>·(1 + s)^{3/2}, s = ‖∇ℓ(Y, 0)‖_F
/// (the units of ∇h), or h dropped by less than 10⁻¹⁵·(1 + |h|) over the last 20 iterations (near a degenerate minimum h grows
/// only quartically along a vanishing column, and the gradient shrinks slowly), or <see cref="MaxIterations"/>; then up to <see cref="EscapeAttempts"/> random perturbations of relative
/// size <see cref="EscapeRadius"/>, each followed by L-BFGS again, accepted when they lower h by more than 10⁻⁹·(1 + |h|).
/// </summary>
public sealed record DescentOptions(double Stationarity = 1e-10, int MaxIterations = 3000, int Memory = 12, int EscapeAttempts = 2, double EscapeRadius = 1e-2)
{
    public static DescentOptions Default { get; } = new();
}

/// <summary>
/// Where local descent stopped: the (balanced) pair, h there (= f, since the pair is balanced), ‖∇h‖_F against the stopping
/// threshold, L-BFGS iterations over all runs, accepted escapes from saddle points, and h after every iteration (for plots).
/// </summary>
public sealed record DescentResult(Factors Point, double Value, double GradientNorm, double Threshold, int Iterations, int Escapes, int EscapeAttempts, IReadOnlyList<double> Trace)
{
    public bool Converged => GradientNorm <= Threshold;
}

/// <summary>
/// Local descent on f(U, V) = ℓ(Y, UVᵀ) + λΣ‖u_i‖‖v_i‖ through its smooth form h = ℓ + ½λ(‖U‖² + ‖V‖²) (see
/// <see cref="FactorizedObjective"/>): L-BFGS with a backtracking Armijo line search (deterministic, seeded), then random
/// perturbations that let it leave strict saddle points, as perturbed gradient descent does (Jin et al. 2017), so that it stops
/// at local minima rather than at any critical point. Columns listed as frozen start at zero and stay exactly zero: their
/// gradient −G·0 + λ·0 is exactly 0 and perturbations leave them alone.
/// </summary>
public static class LocalDescent
{
    public static DescentResult Run(ConvexLoss loss, Matrix<double> y, double lambda, Factors start, ulong seed, DescentOptions? options = null, IReadOnlyCollection<int>? frozen = null)
    {
        options ??= DescentOptions.Default;
        int m = y.RowCount, n = y.ColumnCount, r = start.Width;
        if (start.U.RowCount != m || start.V.RowCount != n || start.V.ColumnCount != r)
            throw new ArgumentException($"the start is ({start.U.RowCount}×{start.U.ColumnCount}, {start.V.RowCount}×{start.V.ColumnCount}) but Y is {m}×{n}");
        var problem = new Problem(loss, y, lambda, m, n, r);
        var frozenColumns = frozen ?? [];
        var x = problem.Flatten(start);
        foreach (var c in frozenColumns) problem.Zero(x, c);
        var threshold = options.Stationarity * Math.Pow(1 + loss.Gradient(y, Matrix<double>.Build.Dense(m, n)).FrobeniusNorm(), 1.5);
        var trace = new List<double>();
        var (value, gradientNorm, iterations) = Lbfgs(problem, x, threshold, options, trace);

        var rng = new SplitMix64(seed);
        var scale = Math.Sqrt(1 + y.FrobeniusNorm());
        int escapes = 0, attempts = 0, failed = 0;
        while (failed < options.EscapeAttempts && escapes < 4 * r + 4)
        {
            attempts++;
            var candidate = (double[])x.Clone();
            var noise = new double[x.Length];
            for (var i = 0; i < noise.Length; i++) noise[i] = rng.NextGaussian();
            foreach (var c in frozenColumns) problem.Zero(noise, c);
            var noiseNorm = Math.Sqrt(noise.Sum(e => e * e));
            if (noiseNorm == 0) break;
            var radius = options.EscapeRadius * (Norm(x) + scale) / noiseNorm;
            for (var i = 0; i < x.Length; i++) candidate[i] += radius * noise[i];
            var candidateTrace = new List<double>();
            var (v, g, it) = Lbfgs(problem, candidate, threshold, options, candidateTrace);
            iterations += it;
            if (v < value - 1e-9 * (1 + Math.Abs(value)))
            {
                (x, value, gradientNorm) = (candidate, v, g);
                trace.AddRange(candidateTrace);
                escapes++;
                failed = 0;
            }
            else failed++;
        }

        var point = problem.Unflatten(x);
        var balanced = FactorizedObjective.Balance(point.U, point.V);
        var (gu, gv) = FactorizedObjective.SmoothGradient(loss, y, balanced.U, balanced.V, lambda);
        var finalNorm = Math.Sqrt(Norms.FrobeniusSquared(gu) + Norms.FrobeniusSquared(gv));
        return new DescentResult(balanced, FactorizedObjective.Smooth(loss, y, balanced.U, balanced.V, lambda), finalNorm, threshold, iterations, escapes, attempts, trace);
    }

    private static double Norm(double[] x) => Math.Sqrt(x.Sum(e => e * e));

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>
    /// L-BFGS from x (updated in place): returns h, ‖∇h‖ and the iterations; stops at the threshold, the cap, when h stalls
    /// (less than 10⁻¹⁵·(1 + |h|) in 20 iterations) or when the line search finds no decrease (rounding level).
    /// </summary>
    private static (double Value, double GradientNorm, int Iterations) Lbfgs(Problem p, double[] x, double threshold, DescentOptions options, List<double> trace)
    {
        var g = new double[x.Length];
        var f = p.Evaluate(x, g);
        var ss = new List<double[]>();
        var ys = new List<double[]>();
        var iterations = 0;
        var next = new double[x.Length];
        var gNext = new double[x.Length];
        while (iterations < options.MaxIterations)
        {
            var gn = Norm(g);
            if (gn <= threshold) return (f, gn, iterations);
            var d = Direction(g, ss, ys);
            var slope = Dot(g, d);
            if (!(slope < 0))
            {
                ss.Clear();
                ys.Clear();
                for (var i = 0; i < d.Length; i++) d[i] = -g[i];
                slope = -gn * gn;
            }
            var alpha = ss.Count == 0 ? Math.Min(1, 1 / gn) : 1.0;
            double fNext;
            var accepted = false;
            while (true)
            {
                for (var i = 0; i < x.Length; i++) next[i] = x[i] + alpha * d[i];
                fNext = p.Evaluate(next, gNext);
                if (fNext <= f + 1e-4 * alpha * slope) { accepted = true; break; }
                alpha *= 0.5;
                if (alpha < 1e-20) break;
            }
            if (!accepted)
            {
                if (ss.Count == 0) return (f, gn, iterations);
                ss.Clear();
                ys.Clear();
                continue;
            }
            var s = new double[x.Length];
            var yv = new double[x.Length];
            for (var i = 0; i < x.Length; i++)
            {
                s[i] = next[i] - x[i];
                yv[i] = gNext[i] - g[i];
            }
            var sy = Dot(s, yv);
            if (sy > 1e-14 * Norm(s) * Norm(yv))
            {
                ss.Add(s);
                ys.Add(yv);
                if (ss.Count > options.Memory)
                {
                    ss.RemoveAt(0);
                    ys.RemoveAt(0);
                }
            }
            Array.Copy(next, x, x.Length);
            Array.Copy(gNext, g, g.Length);
            f = fNext;
            iterations++;
            trace.Add(f);
            if (trace.Count > 20 && trace[^21] - f <= 1e-15 * (1 + Math.Abs(f))) return (f, Norm(g), iterations);
        }
        return (f, Norm(g), iterations);
    }

    /// <summary>The L-BFGS two-loop recursion: −H·g with the stored pairs and the scaling sᵀy/yᵀy.</summary>
    private static double[] Direction(double[] g, List<double[]> ss, List<double[]> ys)
    {
        var q = (double[])g.Clone();
        var k = ss.Count;
        var a = new double[k];
        for (var i = k - 1; i >= 0; i--)
        {
            a[i] = Dot(ss[i], q) / Dot(ys[i], ss[i]);
            for (var j = 0; j < q.Length; j++) q[j] -= a[i] * ys[i][j];
        }
        if (k > 0)
        {
            var gamma = Dot(ss[k - 1], ys[k - 1]) / Dot(ys[k - 1], ys[k - 1]);
            for (var j = 0; j < q.Length; j++) q[j] *= gamma;
        }
        for (var i = 0; i < k; i++)
        {
            var b = Dot(ys[i], q) / Dot(ys[i], ss[i]);
            for (var j = 0; j < q.Length; j++) q[j] += (a[i] - b) * ss[i][j];
        }
        for (var j = 0; j < q.Length; j++) q[j] = -q[j];
        return q;
    }

    /// <summary>h and ∇h on the flat vector [vec U; vec V] (column-major).</summary>
    private sealed class Problem(ConvexLoss loss, Matrix<double> y, double lambda, int m, int n, int r)
    {
        public double[] Flatten(Factors f) => [.. f.U.ToColumnMajorArray(), .. f.V.ToColumnMajorArray()];

        public Factors Unflatten(double[] x) => new(
            Matrix<double>.Build.Dense(m, r, x[..(m * r)]),
            Matrix<double>.Build.Dense(n, r, x[(m * r)..]));

        public void Zero(double[] x, int column)
        {
            for (var i = 0; i < m; i++) x[column * m + i] = 0;
            for (var j = 0; j < n; j++) x[m * r + column * n + j] = 0;
        }

        public double Evaluate(double[] x, double[] gradient)
        {
            var f = Unflatten(x);
            var product = f.U * f.V.Transpose();
            var value = loss.Value(y, product) + 0.5 * lambda * Dot(x, x);
            var g = loss.Gradient(y, product);
            var gu = g * f.V + lambda * f.U;
            var gv = g.TransposeThisAndMultiply(f.U) + lambda * f.V;
            var a = gu.AsColumnMajorArray() ?? gu.ToColumnMajorArray();
            var b = gv.AsColumnMajorArray() ?? gv.ToColumnMajorArray();
            Array.Copy(a, 0, gradient, 0, a.Length);
            Array.Copy(b, 0, gradient, a.Length, b.Length);
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }
    }
}
