using Fractions;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>
/// Deterministic rational Baldi–Hornik instances of any size, for benchmarks and timing tables: n₀ = n_L = n, N = n + 1,
/// rotations P, W, Q from the Cayley transforms of fixed skew matrices (entries in {−½, 0, ½}), a_i = 1 + i/2, and Σ's
/// eigenvalues (m_i a_i)²/N distinct (m_i a_i = n − i + ½).
/// </summary>
public static class BenchmarkInstances
{
    public static LinearProblem BaldiHornik(int n, IReadOnlyList<int> hidden)
    {
        if (n < 1) throw new ArgumentException("n must be at least 1");
        ExactMatrix Skew(int size, int shift) => ExactMatrix.Create(size, size, (i, j) =>
            i == j ? Fraction.Zero : (i < j ? 1 : -1) * new Fraction(((Math.Min(i, j) + 2 * Math.Max(i, j) + shift) % 3) - 1, 2));
        var a = Enumerable.Range(0, n).Select(i => 1 + new Fraction(i, 2)).ToArray();
        var m = Enumerable.Range(0, n).Select(i => (n - i + new Fraction(1, 2)) / a[i]).ToArray();
        var s = RationalInstances.Build(ExactLinearAlgebra.Cayley(Skew(n, 0)), ExactLinearAlgebra.Cayley(Skew(n + 1, 1)), a,
            ExactLinearAlgebra.Cayley(Skew(n, 2)), m, ExactMatrix.Create(n, 1, (i, _) => new Fraction(i % 2 == 0 ? 1 : -1, 2)));
        return LinearProblem.FromSamples(s.X, s.Y, hidden, true, 1, s.Q);
    }
}
