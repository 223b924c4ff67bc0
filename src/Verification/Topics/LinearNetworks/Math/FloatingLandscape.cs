using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.LinearNetworks;

/// <summary>
/// The eigen-structure of Σ = Σ_yx Σ_xx⁻¹ Σ_xy in floating point. Σ is formed exactly from the exact moments and rounded once
/// (|Σ̂ − Σ| ≤ u|Σ| entrywise), and so is K = Σ_xx⁻¹Σ_xy (<see cref="InputMap"/>, V = KU); the symmetric eigensolver is backward stable, so by Weyl's inequality every computed eigenvalue
/// (sorted) is within <see cref="EigenvalueError"/> = n²·u·‖Σ̂‖_F + u‖Σ̂‖_F of the true one.
/// </summary>
public sealed record FloatingSpectralData(Matrix<double> Sigma, double[] Eigenvalues, Matrix<double> Eigenvectors, double EigenvalueError, Matrix<double> InputMap)
{
    public int Dimension => Eigenvalues.Length;

    /// <summary>The smallest gap between consecutive eigenvalues, less what rounding may hide (≤ 0: distinctness undecided).</summary>
    public double DecidedGap => Dimension < 2 ? double.PositiveInfinity : Eigenvalues.Zip(Eigenvalues.Skip(1)).Min(p => p.First - p.Second) - 2 * EigenvalueError;
}

/// <summary>
/// A computed critical point θ̂ and a bound δ on its distance to an exact critical point θ* of the same index set: the
/// computed eigenvectors Û = Q̂_I are within δ_U of an orthonormal basis U* of the true invariant subspace (polar factor, then
/// the Frobenius sin Θ theorem: ‖sin Θ‖_F ≤ ‖ΣŨ − ŨΛ̂‖_F / gap, gap = min |λ̂_i − λ_j| over i ∈ I, j ∉ I, and ‖Ũ − U*‖_F ≤ √2‖sin Θ‖_F),
/// and V̂ is within δ_V of V* = Σ_xx⁻¹Σ_xy U*. Every residual is computed, with its own rounding bound.
/// </summary>
public sealed record FloatingCriticalPoint(IReadOnlyList<int> IndexSet, Matrix<double> U, Matrix<double> V, double Distance, double Gap)
{
    public bool Separated => Gap > 0 && double.IsFinite(Distance);

    public IReadOnlyList<FieldMatrix<double>> Layers => [FieldMatrices.Of(V.Transpose()), FieldMatrices.Of(U)];
}

public static class FloatingLandscape
{
    private static double Gamma(int n) => Rounding.Gamma(n);

    public static FloatingSpectralData Analyze(SecondMoments s)
    {
        var k = s.Sxx.Solve(s.Sxy);
        var sigma = s.Syx.Multiply(k).ToDouble();
        var n = sigma.RowCount;
        var (ascending, q) = SymmetricSpectrum.Of(sigma);
        var values = ascending.Reverse().ToArray();
        var vectors = Matrix<double>.Build.Dense(n, n, (i, j) => q[i, n - 1 - j]);
        var norm = sigma.FrobeniusNorm();
        var error = (double)n * n * Rounding.UnitRoundoff * norm + Rounding.UnitRoundoff * norm;
        return new FloatingSpectralData(sigma, values, vectors, error * (1 + 1e-8), k.ToDouble());
    }

    /// <summary>Û = Q̂_I, V̂ = K̂Û with K = Σ_xx⁻¹Σ_xy formed exactly and rounded, and the distance bound δ.</summary>
    public static FloatingCriticalPoint CriticalPoint(SecondMoments s, FloatingSpectralData d, IReadOnlyList<int> indexSet)
    {
        var n = d.Dimension;
        var u = Matrix<double>.Build.Dense(n, indexSet.Count, (i, j) => d.Eigenvectors[i, indexSet[j]]);
        var lambda = indexSet.Select(i => d.Eigenvalues[i]).ToArray();
        var absU = u.PointwiseAbs();
        var sigmaNorm = d.Sigma.FrobeniusNorm() * (1 + Rounding.UnitRoundoff);

        // Orthogonality defect F = ÛᵀÛ − I, and the residual ΣÛ − ÛΛ̂ (against the exact Σ), each with its rounding.
        var f = (u.TransposeThisAndMultiply(u) - Matrix<double>.Build.DenseIdentity(indexSet.Count)).FrobeniusNorm()
                + Gamma(n + 1) * absU.FrobeniusNorm() * absU.FrobeniusNorm();
        var lambdaDiagonal = Matrix<double>.Build.Diagonal(lambda);
        var residual = (d.Sigma * u - u * lambdaDiagonal).FrobeniusNorm()
                       + Gamma(n + 2) * ((d.Sigma.PointwiseAbs() * absU).FrobeniusNorm() + (absU * lambdaDiagonal.PointwiseAbs()).FrobeniusNorm())
                       + Rounding.UnitRoundoff * sigmaNorm * u.FrobeniusNorm();
        var gap = double.PositiveInfinity;
        foreach (var i in indexSet)
            for (var j = 0; j < n; j++)
                if (!indexSet.Contains(j)) gap = Math.Min(gap, Math.Abs(d.Eigenvalues[i] - d.Eigenvalues[j]) - d.EigenvalueError);
        var lambdaNorm = lambda.Length == 0 ? 0 : lambda.Max(Math.Abs);
        var deltaU = f + (double.IsPositiveInfinity(gap) ? 0 : Math.Sqrt(2) * (residual + (sigmaNorm + lambdaNorm) * f) / gap);

        var k = d.InputMap;
        var v = k * u;
        var kNorm = k.FrobeniusNorm() * (1 + Rounding.UnitRoundoff);
        var vError = Gamma(n + 1) * (k.PointwiseAbs() * absU).FrobeniusNorm() + Rounding.UnitRoundoff * kNorm * u.FrobeniusNorm();
        var deltaV = kNorm * deltaU + vError;
        var distance = gap > 0 ? Math.Sqrt(deltaU * deltaU + deltaV * deltaV) * (1 + 1e-8) : double.PositiveInfinity;
        return new FloatingCriticalPoint(indexSet, u, v, distance, gap);
    }
}

/// <summary>
/// Floating-point error bounds for the risk of a depth-L network and its derivatives. With ρ ≥ 1 bounding every ‖W_k‖_F on
/// the segment between two points, the j-th derivative of P = W_L⋯W₁ along a unit direction is at most L^j ρ^L, so
/// ‖∇²R‖ ≤ L²ρ^{2L}(4‖Σ_xx‖_F + 2‖Σ_xy‖_F) and the third derivative is at most L³ρ^{2L}(8‖Σ_xx‖_F + 2‖Σ_xy‖_F): these are the
/// Lipschitz constants of the gradient and of the Hessian (for symmetric multilinear forms the norm is attained on the
/// diagonal). A quantity formed from products of at most L + 2 matrices of inner dimension ≤ w errs by γ_{(2L+4)(w+2)} times
/// the same formula on absolute values (<see cref="DeepLinearRisk.Magnitudes"/>).
/// </summary>
public static class FloatingBounds
{
    public static double Radius(IReadOnlyList<FieldMatrix<double>> w, double distance) =>
        Math.Max(1, w.Max(m => m.ToDouble().FrobeniusNorm()) + distance);

    public static double GradientLipschitz(SecondMoments s, IReadOnlyList<FieldMatrix<double>> w, double distance)
    {
        var (xx, xy) = Norms(s);
        var l = w.Count;
        return l * l * Math.Pow(Radius(w, distance), 2 * l) * (4 * xx + 2 * xy);
    }

    public static double HessianLipschitz(SecondMoments s, IReadOnlyList<FieldMatrix<double>> w, double distance)
    {
        var (xx, xy) = Norms(s);
        var l = w.Count;
        return (double)l * l * l * Math.Pow(Radius(w, distance), 2 * l) * (8 * xx + 2 * xy);
    }

    private static (double Xx, double Xy) Norms(SecondMoments s) =>
        (s.Sxx.ToDouble().FrobeniusNorm() * (1 + Rounding.UnitRoundoff), s.Syx.ToDouble().FrobeniusNorm() * (1 + Rounding.UnitRoundoff));

    /// <summary>The number of rounded operations along any chain of the formulas, for γ.</summary>
    public static int Chain(IReadOnlyList<FieldMatrix<double>> w, SecondMoments s)
    {
        var width = Math.Max(Math.Max(s.InputDimension, s.OutputDimension), w.Max(m => Math.Max(m.RowCount, m.ColumnCount)));
        return (2 * w.Count + 4) * (width + 2);
    }

    /// <summary>Bounds on ‖Ĥ − H‖_F and ‖∇̂ − ∇‖_F for the Hessian and gradient computed in double at the point w.</summary>
    public static (double Hessian, double Gradient) Formation(SecondMoments s, IReadOnlyList<FieldMatrix<double>> w)
    {
        var (h, g) = DeepLinearRisk.Magnitudes(s.Floating(), w);
        var gamma = Rounding.Gamma(Chain(w, s));
        var gradient = Math.Sqrt(g.Sum(m => Math.Pow(m.ToDouble().FrobeniusNorm(), 2)));
        return (gamma * h.ToDouble().FrobeniusNorm(), gamma * gradient);
    }

    /// <summary>A bound on |R̂ − R| for the risk computed in double at w: γ times tr|Σ_yy| + 2⟨|P|, |Σ_yx|⟩ + ⟨|P||Σ_xx|, |P|⟩.</summary>
    public static double RiskFormation(SecondMoments s, IReadOnlyList<FieldMatrix<double>> w)
    {
        var p = DeepLinearRisk.Product(w.Select(m => m.Map(Math.Abs)).ToArray()).ToDouble();
        var syy = s.Syy.ToDouble().PointwiseAbs();
        var syx = s.Syx.ToDouble().PointwiseAbs();
        var sxx = s.Sxx.ToDouble().PointwiseAbs();
        var magnitude = syy.Trace() + 2 * p.PointwiseMultiply(syx).Enumerate().Sum() + (p * sxx).PointwiseMultiply(p).Enumerate().Sum();
        return Rounding.Gamma(Chain(w, s)) * magnitude;
    }
}
