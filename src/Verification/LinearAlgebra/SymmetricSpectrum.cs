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
    public static double[] Eigenvalues(Matrix<double> h)
    {
        if (h.RowCount != h.ColumnCount) throw new ArgumentException("eigenvalues of a non-square matrix");
        if (h.RowCount == 0) return [];
        return h.Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).OrderBy(x => x).ToArray();
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
