using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.LinearAlgebra;

/// <summary>
/// How the convex solver stops: when the duality gap is at most <see cref="RelativeGap"/>·max(|primal|, |dual|) (or below
/// the rounding bound of the two values), or after <see cref="MaxIterations"/>. The gap is evaluated every
/// <see cref="GapEvery"/> iterations (0: every iteration up to min(m, n) = 24, every 5th above, where it costs a second SVD).
/// </summary>
public sealed record SolverOptions(double RelativeGap = 1e-10, int MaxIterations = 50_000, int GapEvery = 0)
{
    public static SolverOptions Default { get; } = new();
}

/// <summary>
/// A solution of min_X F(X) = ℓ(Y, X) + λ‖X‖_* with its certificate: <see cref="Primal"/> = F(X) and <see cref="Dual"/> = −ℓ*(−G)
/// at a dual-feasible G (‖G‖₂ ≤ λ), so that Dual ≤ min F ≤ Primal in exact arithmetic; <see cref="Rounding"/> bounds the
/// floating-point error of the two values. <see cref="SingularValues"/> are those of X (the thresholded spectrum).
/// </summary>
public sealed record ConvexSolution(
    Matrix<double> X, double Primal, double Dual, double Rounding, int Iterations, int Restarts, bool Converged, IReadOnlyList<double> SingularValues)
{
    /// <summary>Primal − Dual (≥ 0 up to rounding).</summary>
    public double Gap => Math.Max(0, Primal - Dual);

    /// <summary>An upper bound on F(X) − min F that holds despite rounding: the gap plus the rounding bound.</summary>
    public double CertifiedGap => Gap + Rounding;

    /// <summary>A certified lower bound on min F.</summary>
    public double LowerBound => Dual - Rounding;

    /// <summary>A certified upper bound on min F.</summary>
    public double UpperBound => Primal + Rounding;

    /// <summary>The number of nonzero singular values of X.</summary>
    public int Rank => SingularValues.Count(s => s > 0);
}

/// <summary>
/// min_X ℓ(Y, X) + λ‖X‖_* by accelerated proximal gradient (FISTA, Beck and Teboulle 2009) with singular value thresholding
/// as the proximal step, step 1/L, adaptive restart of the momentum when it points against the step (O'Donoghue and Candès
/// 2015), and a duality-gap stopping rule. Two dual points give certified lower bounds −ℓ*(−G) ≤ min F: the one the proximal
/// step gives for free, W = L(Z − S_τ(Z)) with ‖W‖₂ ≤ λ read off the same SVD (checked every iteration), and G = −∇ℓ(X)
/// scaled into the spectral-norm ball of radius λ (a second SVD, every <see cref="SolverOptions.GapEvery"/> iterations while W
/// has not closed the gap). For the squared loss the first step from 0 is S_λ(Y), and W = Y − S_λ(Y) closes the gap at once.
/// </summary>
public static class NuclearNormSolver
{
    /// <summary>F(X) = ℓ(Y, X) + λ‖X‖_*.</summary>
    public static double Objective(ConvexLoss loss, Matrix<double> y, Matrix<double> x, double lambda) =>
        loss.Value(y, x) + lambda * ThinSvd.Of(x, vectors: false).Nuclear;

    /// <summary>
    /// The dual point of X: G = c·(−∇ℓ(Y, X)) with c = min(1, λ/((1 + 2mn·u)‖∇ℓ‖₂)) (the factor covers the SVD's error in
    /// ‖∇ℓ‖₂, so that ‖G‖₂ ≤ λ holds exactly), and its dual value −ℓ*(−G), a lower bound on min F.
    /// </summary>
    public static (Matrix<double> G, double Dual, double SpectralNorm) DualPoint(ConvexLoss loss, Matrix<double> y, Matrix<double> x, double lambda)
    {
        var g = -loss.Gradient(y, x);
        var norm = ThinSvd.Of(g, vectors: false).Spectral;
        var inflated = norm * (1 + 2.0 * y.RowCount * y.ColumnCount * Numerics.Rounding.UnitRoundoff);
        var c = inflated <= lambda ? 1 : lambda / inflated;
        var scaled = c == 1 ? g : g * c;
        return (scaled, loss.Dual(y, scaled), norm);
    }

    /// <summary>
    /// A bound on the floating-point error of F(X) and of the dual value: the summation bound 2γ_{mn+k+16} over the terms of ℓ,
    /// ℓ* and λ‖X‖_*, plus the SVD bound λ·k·mn·u·‖X‖₂ on the nuclear norm (k = min(m, n)).
    /// </summary>
    public static double RoundingBound(ConvexLoss loss, Matrix<double> y, Matrix<double> x, double lambda, double nuclear, double spectral)
    {
        int m = y.RowCount, n = y.ColumnCount, k = Math.Min(m, n);
        return 2 * Numerics.Rounding.Gamma(m * n + k + 16) * (loss.Magnitude(y, x) + lambda * nuclear)
               + 2 * lambda * k * m * n * Numerics.Rounding.UnitRoundoff * spectral;
    }

    /// <summary>
    /// −ℓ*(−cW) for W = (Z − S_τ(Z))/step: ‖W‖₂ = min(σ₁(Z), τ)/step up to the SVD's error, so c = λ/(λ + δ) with
    /// δ = 4·k·mn·u·σ₁(Z)/step makes cW feasible; −∞ when cW is outside the domain of ℓ* (then the gradient's dual point is used).
    /// </summary>
    private static double ProxDual(ConvexLoss loss, Matrix<double> y, Matrix<double> z, Matrix<double> x, NuclearProx prox, double lambda, double step)
    {
        int m = y.RowCount, n = y.ColumnCount, k = Math.Min(m, n);
        var sigma1 = prox.Sigma.Length == 0 ? 0 : prox.Sigma[0];
        var delta = 4.0 * k * m * n * Numerics.Rounding.UnitRoundoff * sigma1 / step;
        var c = lambda / (lambda + delta) / step;
        return loss.Dual(y, (z - x) * c);
    }

    public static ConvexSolution Solve(ConvexLoss loss, Matrix<double> y, double lambda, SolverOptions? options = null, Matrix<double>? start = null)
    {
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentException($"lambda must be > 0, got {lambda}");
        loss.Validate(y);
        options ??= SolverOptions.Default;
        int m = y.RowCount, n = y.ColumnCount;
        if (start is not null && (start.RowCount != m || start.ColumnCount != n))
            throw new ArgumentException($"the start is {start.RowCount}×{start.ColumnCount} but Y is {m}×{n}");
        var every = options.GapEvery > 0 ? options.GapEvery : Math.Min(m, n) <= ThinSvd.JacobiLimit ? 1 : 5;
        var step = 1 / loss.Lipschitz;
        var x = start?.Clone() ?? Matrix<double>.Build.Dense(m, n);
        var extrapolated = x.Clone();
        var t = 1.0;
        var restarts = 0;
        ConvexSolution? last = null;
        bool Converged(double primal, double dual, double rounding) => double.IsFinite(dual) && double.IsFinite(primal) &&
            (primal - dual <= options.RelativeGap * Math.Max(Math.Abs(primal), Math.Abs(dual)) || primal - dual <= rounding);

        for (var k = 1; k <= options.MaxIterations; k++)
        {
            var z = extrapolated - step * loss.Gradient(y, extrapolated);
            var prox = Thresholding.Prox(z, step * lambda);
            var next = prox.X;
            var primal = loss.Value(y, next) + lambda * prox.Nuclear;
            var rounding = RoundingBound(loss, y, next, lambda, prox.Nuclear, prox.Shrunk.Length == 0 ? 0 : prox.Shrunk[0]);
            // The dual point the proximal step gives for free: W = L(Z − S_τ(Z)) has singular values L·min(σ_i(Z), τ) ≤ λ
            // (scaled by the SVD's error bound to stay feasible); it converges to −∇ℓ(X*) with the iterates.
            var dual = ProxDual(loss, y, z, next, prox, lambda, step);
            if (!Converged(primal, dual, rounding) && (k == 1 || k % every == 0 || k == options.MaxIterations))
                dual = Math.Max(dual, DualPoint(loss, y, next, lambda).Dual);
            if (k == 1 || k % every == 0 || k == options.MaxIterations || Converged(primal, dual, rounding))
            {
                last = new ConvexSolution(next, primal, dual, rounding, k, restarts, Converged(primal, dual, rounding), prox.Shrunk);
                if (last.Converged) return last;
            }
            // Restart the momentum when the extrapolation point and the step disagree: ⟨y_k − x_{k+1}, x_{k+1} − x_k⟩ > 0.
            var stepTaken = next - x;
            if ((extrapolated - next).PointwiseMultiply(stepTaken).Enumerate().Sum() > 0)
            {
                t = 1;
                extrapolated = next;
                restarts++;
            }
            else
            {
                var tNext = (1 + Math.Sqrt(1 + 4 * t * t)) / 2;
                extrapolated = next + (t - 1) / tNext * stepTaken;
                t = tNext;
            }
            x = next;
        }
        return last!;
    }
}
