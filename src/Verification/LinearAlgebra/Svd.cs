using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.LinearAlgebra;

/// <summary>
/// A singular value decomposition X = U·diag(S)·VT, S decreasing with min(m, n) entries, computed on X scaled by a power of
/// two to a largest entry in [1, 2) and scaled back: finite entries of any magnitude (1e-300 or 1e300) neither overflow nor
/// underflow inside the algorithm, and a power of two changes no rounding, so ordinary matrices get exactly the SVD they
/// would without it. The one SVD of the library: every norm, thresholding and factorization goes through it.
/// </summary>
public sealed record Svd(Vector<double> S, Matrix<double> U, Matrix<double> VT)
{
    /// <summary>The decomposition of <paramref name="x"/>; <paramref name="vectors"/> false leaves U and VT empty.</summary>
    /// <exception cref="NonFiniteException">an entry is NaN or infinite (typically an overflow upstream).</exception>
    /// <exception cref="LimitExceededException">the iteration did not converge.</exception>
    public static Svd Of(Matrix<double> x, bool vectors = true)
    {
        int m = x.RowCount, n = x.ColumnCount;
        if (m == 0 || n == 0)
            return new Svd(Vector<double>.Build.Dense(0), Matrix<double>.Build.Dense(m, 0), Matrix<double>.Build.Dense(0, n));
        var scale = 0.0;
        foreach (var e in x.Enumerate())
        {
            if (!double.IsFinite(e)) throw new NonFiniteException($"a {m}×{n} matrix to decompose has a non-finite entry ({e})");
            scale = Math.Max(scale, Math.Abs(e));
        }
        if (scale == 0)
            return new Svd(Vector<double>.Build.Dense(Math.Min(m, n)), Matrix<double>.Build.DenseIdentity(m), Matrix<double>.Build.DenseIdentity(n));
        scale = Math.ScaleB(1, Math.ILogB(scale));
        try
        {
            var svd = (x / scale).Svd(computeVectors: vectors);
            return new Svd(svd.S * scale, vectors ? svd.U : Matrix<double>.Build.Dense(m, 0), vectors ? svd.VT : Matrix<double>.Build.Dense(0, n));
        }
        catch (NonConvergenceException)
        {
            throw new LimitExceededException($"the singular value decomposition of a {m}×{n} matrix (entries up to {scale:G3}) did not converge");
        }
    }

    /// <summary>The singular values alone, decreasing.</summary>
    public static double[] Values(Matrix<double> x) => Of(x, vectors: false).S.ToArray();
}
