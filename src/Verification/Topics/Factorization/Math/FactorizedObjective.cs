using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;

namespace Verification.Topics.Factorization;

/// <summary>
/// The certificate quantities of a pair (U, V) for F(X) = ℓ(Y, X) + λ‖X‖_* at X = UVᵀ: G = −∇ℓ(Y, X) (Y − X for the squared
/// loss), its spectral norm with the top singular pair (a, b), and the column residuals u_iᵀGv_i − λ‖u_i‖‖v_i‖. (U, V) is a
/// global minimum of f iff ‖G‖₂ ≤ λ and every column residual is 0 (factorization.certificate).
/// </summary>
public sealed record Certificate(double SpectralNorm, IReadOnlyList<double> ColumnResiduals, Vector<double> A, Vector<double> B, Matrix<double> G)
{
    /// <summary>The largest |u_iᵀGv_i − λ‖u_i‖‖v_i‖| (0 when there are no columns).</summary>
    public double WorstColumnResidual => ColumnResiduals.Count == 0 ? 0 : ColumnResiduals.Max(Math.Abs);
}

/// <summary>
/// The factorized objective of Haeffele and Vidal, f(U, V) = ℓ(Y, UVᵀ) + λ Σ_i ‖u_i‖‖v_i‖, and its smooth form
/// h(U, V) = ℓ(Y, UVᵀ) + ½λ(‖U‖_F² + ‖V‖_F²). They are equivalent for descent: ‖u‖‖v‖ ≤ ½(‖u‖² + ‖v‖²) with equality iff
/// ‖u‖ = ‖v‖, and rescaling a column pair (cu, v/c) keeps UVᵀ and f, so min h = min f, h = f at balanced pairs, and every
/// local minimum of h is balanced and a local minimum of f.
/// </summary>
public static class FactorizedObjective
{
    /// <summary>f(U, V) = ℓ(Y, UVᵀ) + λ Σ‖u_i‖‖v_i‖.</summary>
    public static double Value(ConvexLoss loss, Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda) =>
        loss.Value(y, u * v.Transpose()) + lambda * Norms.PathNorm(u, v);

    public static double Value(ConvexLoss loss, Matrix<double> y, Factors f, double lambda) => Value(loss, y, f.U, f.V, lambda);

    /// <summary>h(U, V) = ℓ(Y, UVᵀ) + ½λ(‖U‖_F² + ‖V‖_F²).</summary>
    public static double Smooth(ConvexLoss loss, Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda) =>
        loss.Value(y, u * v.Transpose()) + 0.5 * lambda * (Norms.FrobeniusSquared(u) + Norms.FrobeniusSquared(v));

    /// <summary>∇h: ∇_U = ∇ℓ(X)·V + λU, ∇_V = ∇ℓ(X)ᵀ·U + λV at X = UVᵀ.</summary>
    public static (Matrix<double> U, Matrix<double> V) SmoothGradient(ConvexLoss loss, Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda)
    {
        var g = loss.Gradient(y, u * v.Transpose());
        return (g * v + lambda * u, g.TransposeThisAndMultiply(u) + lambda * v);
    }

    /// <summary>The certificate of (U, V): G = −∇ℓ(UVᵀ), ‖G‖₂ with its top singular pair, and the column residuals.</summary>
    public static Certificate Certify(ConvexLoss loss, Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda)
    {
        var g = -loss.Gradient(y, u * v.Transpose());
        var svd = ThinSvd.Of(g);
        var residuals = new double[u.ColumnCount];
        for (var i = 0; i < u.ColumnCount; i++)
        {
            var ui = u.Column(i);
            var vi = v.Column(i);
            residuals[i] = ui.DotProduct(g * vi) - lambda * ui.L2Norm() * vi.L2Norm();
        }
        var a = svd.S.Length == 0 ? Vector<double>.Build.Dense(y.RowCount) : svd.U.Column(0);
        var b = svd.S.Length == 0 ? Vector<double>.Build.Dense(y.ColumnCount) : svd.VT.Row(0);
        return new Certificate(svd.Spectral, residuals, a, b, g);
    }

    /// <summary>Each column pair rescaled to ‖u_i‖ = ‖v_i‖ (a pair with a zero side becomes (0, 0)): UVᵀ and f are kept, h can only drop.</summary>
    public static Factors Balance(Matrix<double> u, Matrix<double> v)
    {
        var a = u.Clone();
        var b = v.Clone();
        for (var i = 0; i < u.ColumnCount; i++)
        {
            double nu = u.Column(i).L2Norm(), nv = v.Column(i).L2Norm();
            if (nu == 0 || nv == 0)
            {
                a.ClearColumn(i);
                b.ClearColumn(i);
                continue;
            }
            var c = Math.Sqrt(nv / nu);
            a.SetColumn(i, u.Column(i) * c);
            b.SetColumn(i, v.Column(i) / c);
        }
        return new Factors(a, b);
    }

    /// <summary>
    /// A bound on how far f(U, V) can be above min F, from quantities of the point alone, valid whenever ‖G‖₂ ≤ λ(1 + η) with
    /// G = −∇ℓ(UVᵀ): with E = ∇h(U, V), ⟨G, X⟩ = ½λ(‖U‖² + ‖V‖²) − ½(⟨U, E_U⟩ + ⟨V, E_V⟩), and the dual point G/(1 + η) gives
    /// f − min F ≤ ½(⟨U, E_U⟩ + ⟨V, E_V⟩)_+ + η/(1 + η)·(ℓ(X) + ⟨G, X⟩ − inf ℓ)_+ (Fenchel–Young at G, concavity of the dual).
    /// </summary>
    public static double ExcessBound(ConvexLoss loss, Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda, double eta)
    {
        var (eu, ev) = SmoothGradient(loss, y, u, v, lambda);
        var x = u * v.Transpose();
        var g = -loss.Gradient(y, x);
        var stationarity = 0.5 * (u.PointwiseMultiply(eu).Enumerate().Sum() + v.PointwiseMultiply(ev).Enumerate().Sum());
        var dualAtG = loss.Value(y, x) + g.PointwiseMultiply(x).Enumerate().Sum();
        return Math.Max(0, stationarity) + eta / (1 + eta) * Math.Max(0, dualAtG - loss.Infimum);
    }

    /// <summary>Σ of the magnitudes of the terms summed in f, for rounding bounds: the loss's terms at |U||V|ᵀ and λ·Σ‖u_i‖‖v_i‖.</summary>
    public static double Magnitude(ConvexLoss loss, Matrix<double> y, Matrix<double> u, Matrix<double> v, double lambda) =>
        loss.Magnitude(y, u.PointwiseAbs() * v.PointwiseAbs().Transpose()) + lambda * (Norms.FrobeniusSquared(u) + Norms.FrobeniusSquared(v));
}
