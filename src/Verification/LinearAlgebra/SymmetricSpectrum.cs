using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

namespace Verification.LinearAlgebra;

/// <summary>
/// The inertia of a symmetric matrix as floating point can decide it: eigenvalues below −tolerance are negative, above
/// +tolerance positive, and the rest undecided (zero, or too close to zero to tell).
/// </summary>
public sealed record FloatingInertia(int Negative, int Undecided, int Positive, double Tolerance, IReadOnlyList<double> Eigenvalues)
{
    public double Smallest => Eigenvalues.Count == 0 ? 0 : Eigenvalues[0];

    public override string ToString() => $"({Negative} negative, {Undecided} within ±{Tolerance:G3}, {Positive} positive)";
}

/// <summary>Eigenvalues of symmetric matrices in floating point, with the eigensolver's backward error.</summary>
public static class SymmetricSpectrum
{
    /// <summary>The eigenvalues, ascending (symmetric QR through MathNet).</summary>
    /// <exception cref="NonFiniteException">an entry is NaN or infinite (typically an overflow upstream).</exception>
    /// <exception cref="LimitExceededException">the iteration did not converge.</exception>
    public static double[] Eigenvalues(Matrix<double> h) => Of(h, vectors: false).Values;

    /// <summary>
    /// The eigenvalues, ascending, and (when <paramref name="vectors"/>) orthonormal eigenvectors in the same order, computed
    /// like <see cref="Svd.Of"/>: on H scaled by a power of two to a largest entry in [1, 2) and scaled back, so entries of
    /// any finite magnitude neither overflow nor underflow inside the algorithm and ordinary matrices get exactly the
    /// decomposition they would without it. The one symmetric eigensolver of the library.
    /// </summary>
    /// <exception cref="NonFiniteException">an entry is NaN or infinite (typically an overflow upstream).</exception>
    /// <exception cref="LimitExceededException">the iteration did not converge.</exception>
    public static (double[] Values, Matrix<double> Vectors) Of(Matrix<double> h, bool vectors = true)
    {
        if (h.RowCount != h.ColumnCount) throw new ArgumentException("eigenvalues of a non-square matrix");
        var n = h.RowCount;
        if (n == 0) return ([], Matrix<double>.Build.Dense(0, 0));
        var scale = 0.0;
        foreach (var e in h.Enumerate())
        {
            if (!double.IsFinite(e)) throw new NonFiniteException($"a {n}×{n} symmetric matrix to diagonalize has a non-finite entry ({e})");
            scale = Math.Max(scale, Math.Abs(e));
        }
        if (scale == 0) return (new double[n], Matrix<double>.Build.DenseIdentity(n));
        scale = Math.ScaleB(1, Math.ILogB(scale));
        try
        {
            var evd = (h / scale).Evd(Symmetricity.Symmetric);
            var order = Enumerable.Range(0, n).OrderBy(i => evd.EigenValues[i].Real).ToArray();
            var values = order.Select(i => evd.EigenValues[i].Real * scale).ToArray();
            var q = vectors ? Matrix<double>.Build.Dense(n, n, (i, j) => evd.EigenVectors[i, order[j]]) : Matrix<double>.Build.Dense(n, 0);
            return (values, q);
        }
        catch (NonConvergenceException)
        {
            throw new LimitExceededException($"the symmetric eigendecomposition of a {n}×{n} matrix (entries up to {scale:G3}) did not converge");
        }
    }

    /// <summary>
    /// A backward stable symmetric eigensolver returns the exact eigenvalues of H + E with ‖E‖₂ ≤ p(n)·u·‖H‖₂ (Golub and Van
    /// Loan, §8.3); with p(n) = n² taken conservatively and ‖H‖₂ ≤ ‖H‖_F, Weyl's inequality moves every eigenvalue by at most
    /// n²·u·‖H‖_F.
    /// </summary>
    public static double BackwardError(Matrix<double> h) => (double)h.RowCount * h.RowCount * Rounding.UnitRoundoff * h.FrobeniusNorm();

    /// <summary>The inertia that <paramref name="tolerance"/> decides (an upper bound on how far each computed eigenvalue may be from the true one).</summary>
    public static FloatingInertia Inertia(Matrix<double> h, double tolerance)
    {
        var values = Eigenvalues(h);
        return new FloatingInertia(values.Count(x => x < -tolerance), values.Count(x => Math.Abs(x) <= tolerance), values.Count(x => x > tolerance), tolerance, values);
    }
}
