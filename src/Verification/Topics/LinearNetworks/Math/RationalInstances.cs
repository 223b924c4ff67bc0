using Fractions;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>Samples X, Y built so that Σ = Σ_yx Σ_xx⁻¹ Σ_xy has a known rational eigen-structure, with its orthogonal eigenvectors Q.</summary>
public sealed record RationalSamples(ExactMatrix X, ExactMatrix Y, ExactMatrix Q);

/// <summary>
/// Rational instances with rational eigen-structure. With P (n₀×n₀), W (N×N) and Q (n_L×n_L) rational orthogonal (Cayley
/// transforms of rational skew-symmetric matrices), a with nonzero entries, M = [diag(m) 0] (n_L×n₀) and N ≥ n₀:
/// X = P [diag(a) 0] Wᵀ, so XXᵀ = P diag(a²) Pᵀ (a rational multiple of a chosen matrix), and Y = Q M Pᵀ X + B [0 I] Wᵀ, whose
/// noise rows are orthogonal to those of X. Then YXᵀ = Q M diag(a²) Pᵀ and Σ = Q diag(m_i² a_i² / N) Qᵀ: rational eigenvalues
/// m_i²a_i²/N (zero past min(n₀, n_L)) with the rational orthonormal eigenvectors Q, and σ(YXᵀ) = |m_i| a_i².
/// </summary>
public static class RationalInstances
{
    public static RationalSamples Build(ExactMatrix p, ExactMatrix w, IReadOnlyList<Fraction> a, ExactMatrix q, IReadOnlyList<Fraction> m, ExactMatrix noise)
    {
        int n0 = p.RowCount, samples = w.RowCount, outputs = q.RowCount;
        if (a.Count != n0) throw new ArgumentException($"a has {a.Count} entries, X has {n0} rows");
        if (samples < n0) throw new ArgumentException($"N = {samples} samples cannot span n₀ = {n0} inputs");
        if (a.Any(x => x.IsZero)) throw new ArgumentException("a must have nonzero entries (Σ_xx invertible)");
        if (m.Count != Math.Min(n0, outputs)) throw new ArgumentException($"m has {m.Count} entries, min(n₀, n_L) = {Math.Min(n0, outputs)}");
        if (noise.RowCount != outputs || noise.ColumnCount != samples - n0) throw new ArgumentException($"the noise must be {outputs}×{samples - n0}");
        var scaled = ExactMatrix.Create(n0, samples, (i, j) => i == j ? a[i] : Fraction.Zero);
        var x = p.Multiply(scaled).Multiply(w.Transpose());
        var mixing = ExactMatrix.Create(outputs, n0, (i, j) => i == j ? m[i] : Fraction.Zero);
        var signal = q.Multiply(mixing).Multiply(p.Transpose()).Multiply(x);
        var orthogonal = ExactMatrix.Create(samples - n0, samples, (i, j) => j == n0 + i ? Fraction.One : Fraction.Zero);
        var y = signal.Add(noise.Multiply(orthogonal).Multiply(w.Transpose()));
        return new RationalSamples(x, y, q);
    }

    /// <summary>The eigenvalues m_i² a_i² / N that <see cref="Build"/> gives Σ (in the order of Q's columns).</summary>
    public static IReadOnlyList<Fraction> Eigenvalues(IReadOnlyList<Fraction> a, IReadOnlyList<Fraction> m, int outputs, int samples) =>
        Enumerable.Range(0, outputs).Select(i => i < m.Count ? m[i] * m[i] * a[i] * a[i] / samples : Fraction.Zero).ToArray();
}
