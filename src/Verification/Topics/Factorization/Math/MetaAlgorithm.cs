using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;

namespace Verification.Topics.Factorization;

/// <summary>One round of the meta-algorithm: the width descended at, f after the descent, ‖−∇ℓ‖₂ there, and the t of the appended column (0 at the last round).</summary>
public sealed record MetaRound(int Width, double Value, double SpectralNorm, int DescentIterations, int Escapes, double AppendedT);

/// <summary>
/// A run of the meta-algorithm: the final pair, f there, whether the certificate passed (else the round cap stopped it), every
/// round, the total L-BFGS iterations, and the trace of f (one point per L-BFGS iteration and one per appended column, in
/// order) with the width at each (for plots).
/// </summary>
public sealed record MetaResult(Factors Point, double Value, bool Certified, IReadOnlyList<MetaRound> Rounds, int DescentIterations,
    IReadOnlyList<(int Iteration, double Value, int Width)> Trace, Certificate Certificate)
{
    public int StartWidth => Rounds[0].Width;
    public int FinalWidth => Point.Width;
    public int Appended => FinalWidth - StartWidth;
}

/// <summary>
/// Theorem 2 of Haeffele and Vidal as THEORY.md states it: local descent; at the local minimum test the certificate
/// ‖−∇ℓ(UVᵀ)‖₂ ≤ λ; if it fails, append (u, v) = √t·(a, b) with (a, b) the top singular pair of −∇ℓ(UVᵀ) (Y − UVᵀ for the
/// squared loss), and continue. The certificate is tested to the relative resolution <see cref="Resolution"/> (the descent
/// stops at a numerical local minimum, not an exact one), and t minimizes f along the appended column:
/// φ(t) = ℓ(UVᵀ + t·abᵀ) + λt is convex with φ'(0) = λ − σ₁ &lt; 0; for the squared loss t = σ₁ − λ.
/// </summary>
public static class MetaAlgorithm
{
    /// <summary>η: the certificate passes when ‖−∇ℓ‖₂ ≤ λ(1 + η).</summary>
    public const double Resolution = 1e-6;

    public static MetaResult Run(ConvexLoss loss, Matrix<double> y, double lambda, Factors start, ulong seed, int maxRounds, DescentOptions? options = null)
    {
        if (!(lambda > 0)) throw new ArgumentException($"lambda must be > 0, got {lambda}");
        var rounds = new List<MetaRound>();
        var trace = new List<(int, double, int)>();
        var current = start;
        var total = 0;
        for (var round = 0; ; round++)
        {
            var descent = LocalDescent.Run(loss, y, lambda, current, seed + (ulong)round * 0x9E3779B97F4A7C15UL, options);
            foreach (var v in descent.Trace) trace.Add((0, v, current.Width));
            total += descent.Iterations;
            current = descent.Point;
            var certificate = FactorizedObjective.Certify(loss, y, current.U, current.V, lambda);
            var passed = certificate.SpectralNorm <= lambda * (1 + Resolution);
            if (passed || round + 1 >= maxRounds)
            {
                rounds.Add(new MetaRound(current.Width, descent.Value, certificate.SpectralNorm, descent.Iterations, descent.Escapes, 0));
                return new MetaResult(current, FactorizedObjective.Value(loss, y, current, lambda), passed, rounds, total, Renumber(trace), certificate);
            }
            var t = StepLength(loss, y, current.U * current.V.Transpose(), lambda, certificate);
            rounds.Add(new MetaRound(current.Width, descent.Value, certificate.SpectralNorm, descent.Iterations, descent.Escapes, t));
            current = Append(current, Math.Sqrt(t) * certificate.A, Math.Sqrt(t) * certificate.B);
            trace.Add((0, FactorizedObjective.Value(loss, y, current, lambda), current.Width));
        }
    }

    private static IReadOnlyList<(int, double, int)> Renumber(List<(int, double, int)> trace) =>
        trace.Select((p, i) => (i, p.Item2, p.Item3)).ToArray();

    /// <summary>[U u], [V v].</summary>
    public static Factors Append(Factors f, Vector<double> u, Vector<double> v)
    {
        var a = f.U.InsertColumn(f.Width, u);
        var b = f.V.InsertColumn(f.Width, v);
        return new Factors(a, b);
    }

    /// <summary>
    /// argmin_{t ≥ 0} φ(t) = ℓ(X + t·abᵀ) + λt for the top singular pair (a, b) of G = −∇ℓ(X) (unit vectors): φ is convex, so
    /// its minimizer is the root of φ'(t) = λ − aᵀG(t)b, bracketed by doubling and found by bisection; t = σ₁ − λ for the
    /// squared loss.
    /// </summary>
    public static double StepLength(ConvexLoss loss, Matrix<double> y, Matrix<double> x, double lambda, Certificate certificate)
    {
        var sigma = certificate.SpectralNorm;
        if (sigma <= lambda) return 0;
        if (loss is SquaredLoss) return sigma - lambda;
        var direction = certificate.A.OuterProduct(certificate.B);
        double Slope(double t) => lambda + loss.Gradient(y, x + t * direction).PointwiseMultiply(direction).Enumerate().Sum();
        double lo = 0, hi = (sigma - lambda) / loss.Lipschitz;
        for (var k = 0; k < 80 && Slope(hi) < 0; k++)
        {
            lo = hi;
            hi *= 2;
        }
        for (var k = 0; k < 100; k++)
        {
            var mid = (lo + hi) / 2;
            if (mid == lo || mid == hi) break;
            if (Slope(mid) < 0) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
