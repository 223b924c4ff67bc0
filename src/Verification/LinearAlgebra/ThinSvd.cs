using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Verification.Numerics;

namespace Verification.LinearAlgebra;

/// <summary>
/// The thin SVD A = U·diag(S)·VT of an m×n matrix, k = min(m, n): S has k values in decreasing order, U is m×k and VT is
/// k×n, both with orthonormal columns (rows); without vectors, U and VT are 0×0. <see cref="Of"/> picks the method by size.
/// </summary>
public sealed record ThinSvd(double[] S, Matrix<double> U, Matrix<double> VT)
{
    /// <summary>Up to this min(m, n), <see cref="Of"/> uses the managed one-sided Jacobi method (fast at small sizes, the same on every backend).</summary>
    public const int JacobiLimit = 24;

    /// <summary>The sweeps <see cref="Jacobi"/> makes at most before it gives up (small matrices need fewer than 10).</summary>
    public const int MaxSweeps = 60;

    /// <summary>‖A‖₂ = σ₁ (0 for an empty matrix).</summary>
    public double Spectral => S.Length == 0 ? 0 : S[0];

    /// <summary>‖A‖_* = Σ σ_i.</summary>
    public double Nuclear => S.Sum();

    /// <summary>
    /// The thin SVD, guarded like <see cref="Svd.Of"/>: a non-finite entry throws <see cref="NonFiniteException"/>, the matrix
    /// is scaled by a power of two to a largest entry in [1, 2) and the singular values scaled back (no overflow or underflow
    /// inside, no change of rounding), and non-convergence throws <see cref="LimitExceededException"/>. Method by size: one-sided
    /// Jacobi when min(m, n) ≤ <see cref="JacobiLimit"/>; above, LAPACK's dgesdd when the OpenBLAS backend is active
    /// (<see cref="Backend.HasNativeSvd"/>), else <see cref="Svd.Of"/> (MathNet's SVD, the library's one direct call).
    /// </summary>
    public static ThinSvd Of(Matrix<double> a, bool vectors = true)
    {
        int m = a.RowCount, n = a.ColumnCount;
        if (Math.Min(m, n) == 0) return Empty(m, n, vectors);
        var scale = 0.0;
        foreach (var e in a.Enumerate())
        {
            if (!double.IsFinite(e)) throw new NonFiniteException($"a {m}×{n} matrix to decompose has a non-finite entry ({e})");
            scale = Math.Max(scale, Math.Abs(e));
        }
        if (scale == 0) return Jacobi(a, vectors);
        scale = Math.ScaleB(1, Math.ILogB(scale));
        var scaled = scale == 1 ? a : a / scale;
        ThinSvd svd;
        if (Math.Min(m, n) <= JacobiLimit) svd = Jacobi(scaled, vectors);
        else if (Backend.HasNativeSvd)
        {
            var (s, u, vt) = Backend.NativeSvd(scaled, vectors);
            svd = new ThinSvd(s, u, vt);
        }
        else svd = Managed(scaled, vectors);
        return scale == 1 ? svd : svd with { S = svd.S.Select(v => v * scale).ToArray() };
    }

    /// <summary>MathNet's SVD through <see cref="Svd.Of"/>, cut to its thin part.</summary>
    public static ThinSvd Managed(Matrix<double> a, bool vectors = true)
    {
        int m = a.RowCount, n = a.ColumnCount, k = Math.Min(m, n);
        if (k == 0) return Empty(m, n, vectors);
        var svd = Svd.Of(a, vectors);
        return vectors
            ? new ThinSvd(svd.S.ToArray(), svd.U.SubMatrix(0, m, 0, k), svd.VT.SubMatrix(0, k, 0, n))
            : new ThinSvd(svd.S.ToArray(), new DenseMatrix(0, 0), new DenseMatrix(0, 0));
    }

    /// <summary>
    /// One-sided Jacobi (Hestenes): rotate pairs of columns of A (of Aᵀ when m &lt; n) until every pair is orthogonal to
    /// within m·u of the product of their norms; σ_j are the column norms, U the normalized columns, V the accumulated
    /// rotations. Backward stable, and accurate in the small singular values of graded matrices down to about u²·σ₁: a rotation
    /// with |tan θ| &lt; u² is skipped (it is what stops columns of rounding noise from rotating forever), so below that level a
    /// singular value is only backward stable (within u·σ₁; [[1, ε], [0, ε]] with ε = 1e-40 gives √2·ε). Left vectors of exactly zero singular values
    /// (and of singular values at the rounding level of σ₁, whose columns carry no direction) are completed to an orthonormal
    /// basis. At most 60 sweeps (small matrices need fewer than 10).
    /// </summary>
    public static ThinSvd Jacobi(Matrix<double> a, bool vectors = true)
    {
        var transposed = a.RowCount < a.ColumnCount;
        var b = transposed ? a.Transpose() : a;
        int m = b.RowCount, n = b.ColumnCount;
        if (n == 0) return Empty(a.RowCount, a.ColumnCount, vectors);
        var w = b.ToColumnMajorArray();
        var v = new double[n * n];
        for (var i = 0; i < n; i++) v[i * n + i] = 1;
        var epsilon = Math.Max(m, 2) * Rounding.UnitRoundoff;
        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var rotated = false;
            for (var p = 0; p < n - 1; p++)
                for (var q = p + 1; q < n; q++)
                {
                    double alpha = 0, beta = 0, gamma = 0;
                    int op = p * m, oq = q * m;
                    for (var i = 0; i < m; i++)
                    {
                        var x = w[op + i];
                        var y = w[oq + i];
                        alpha += x * x;
                        beta += y * y;
                        gamma += x * y;
                    }
                    // √α·√β, not √(αβ): the product of two small squared norms underflows to 0 and would never let the pair pass.
                    if (gamma == 0 || Math.Abs(gamma) <= epsilon * Math.Sqrt(alpha) * Math.Sqrt(beta)) continue;
                    var zeta = (beta - alpha) / (2 * gamma);
                    var absZeta = Math.Abs(zeta);
                    // tan θ = sign(ζ)/(|ζ| + √(1 + ζ²)), and 1/(2|ζ|) where ζ² would overflow.
                    var t = (zeta >= 0 ? 1 : -1) / (absZeta > 1e150 ? 2 * absZeta : absZeta + Math.Sqrt(1 + zeta * zeta));
                    if (Math.Abs(t) < Rounding.UnitRoundoff * Rounding.UnitRoundoff) continue; // a rotation that changes nothing
                    rotated = true;
                    var c = 1 / Math.Sqrt(1 + t * t);
                    var s = c * t;
                    Rotate(w, op, oq, m, c, s);
                    if (vectors) Rotate(v, p * n, q * n, n, c, s);
                }
            if (!rotated) break;
            if (sweep == MaxSweeps - 1)
                throw new LimitExceededException($"the one-sided Jacobi SVD of a {a.RowCount}×{a.ColumnCount} matrix did not converge in {MaxSweeps} sweeps");
        }

        var norms = new double[n];
        for (var j = 0; j < n; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < m; i++) sum += w[j * m + i] * w[j * m + i];
            norms[j] = Math.Sqrt(sum);
        }
        var order = Enumerable.Range(0, n).OrderByDescending(j => norms[j]).ThenBy(j => j).ToArray();
        var sigma = order.Select(j => norms[j]).ToArray();
        if (!vectors) return new ThinSvd(sigma, new DenseMatrix(0, 0), new DenseMatrix(0, 0));

        // A column whose norm is at the rounding level of σ₁ carries no direction: its left vector is completed instead.
        var cut = Math.Max(m, n) * Rounding.UnitRoundoff * sigma[0];
        var left = new DenseMatrix(m, n);
        var right = new DenseMatrix(n, n); // columns are right singular vectors
        var resolved = new bool[n];
        for (var k = 0; k < n; k++)
        {
            var j = order[k];
            resolved[k] = norms[j] > cut;
            if (resolved[k])
                for (var i = 0; i < m; i++) left[i, k] = w[j * m + i] / norms[j];
            for (var i = 0; i < n; i++) right[i, k] = v[j * n + i];
        }
        Complete(left, resolved);
        return transposed
            ? new ThinSvd(sigma, right, left.Transpose())
            : new ThinSvd(sigma, left, right.Transpose());
    }

    private static void Rotate(double[] x, int op, int oq, int length, double c, double s)
    {
        for (var i = 0; i < length; i++)
        {
            var xp = x[op + i];
            var xq = x[oq + i];
            x[op + i] = c * xp - s * xq;
            x[oq + i] = s * xp + c * xq;
        }
    }

    /// <summary>Fills the unresolved columns with unit vectors orthogonal to every other column (Gram–Schmidt, twice).</summary>
    private static void Complete(DenseMatrix u, bool[] resolved)
    {
        int m = u.RowCount, k = u.ColumnCount;
        var done = (bool[])resolved.Clone();
        var basis = 0;
        for (var c = 0; c < k; c++)
        {
            if (done[c]) continue;
            while (basis < m)
            {
                var candidate = Vector<double>.Build.Dense(m);
                candidate[basis++] = 1;
                for (var pass = 0; pass < 2; pass++)
                    for (var o = 0; o < k; o++)
                    {
                        if (!done[o]) continue;
                        var column = u.Column(o);
                        candidate -= column.DotProduct(candidate) * column;
                    }
                var norm = candidate.L2Norm();
                if (norm < 0.5) continue; // nearly in the span already: try the next basis vector
                u.SetColumn(c, candidate / norm);
                done[c] = true;
                break;
            }
        }
    }

    private static ThinSvd Empty(int m, int n, bool vectors) =>
        new([], vectors ? new DenseMatrix(m, 0) : new DenseMatrix(0, 0), vectors ? new DenseMatrix(0, n) : new DenseMatrix(0, 0));
}
