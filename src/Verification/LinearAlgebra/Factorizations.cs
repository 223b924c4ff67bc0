using MathNet.Numerics.LinearAlgebra;

namespace Verification.LinearAlgebra;

/// <summary>A pair of factors (U, V) with X = U·Vᵀ.</summary>
public sealed record Factors(Matrix<double> U, Matrix<double> V)
{
    public Matrix<double> Product => U * V.Transpose();
    public int Width => U.ColumnCount;
}

public static class Factorizations
{
    /// <summary>
    /// The balanced SVD factors U = W·Σ^{1/2}, V = Z·Σ^{1/2} of X, with exactly r columns: truncated when r &lt; min(m, n)
    /// (exact only if rank X ≤ r), padded with zero columns when r &gt; min(m, n).
    /// </summary>
    public static Factors BalancedSvd(Matrix<double> x, int r) => BalancedSvd(x, r, int.MaxValue);

    /// <summary>
    /// The same factors keeping only the top <paramref name="rank"/> singular triples (the rest are zero columns): for a matrix
    /// known to have that rank, rounding-level singular values are dropped instead of entering through their square roots.
    /// </summary>
    public static Factors BalancedSvd(Matrix<double> x, int r, int rank)
    {
        var m = x.RowCount;
        var n = x.ColumnCount;
        var u = Matrix<double>.Build.Dense(m, r);
        var v = Matrix<double>.Build.Dense(n, r);
        if (m == 0 || n == 0) return new Factors(u, v);
        var svd = Svd.Of(x);
        var k = Math.Min(rank, Math.Min(r, Math.Min(m, n)));
        for (var i = 0; i < k; i++)
        {
            var s = Math.Sqrt(svd.S[i]);
            u.SetColumn(i, svd.U.Column(i) * s);
            v.SetColumn(i, svd.VT.Row(i) * s);
        }
        return new Factors(u, v);
    }
}
