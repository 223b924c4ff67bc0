using System.Numerics;
using Fractions;
using MathNet.Numerics.LinearAlgebra;

namespace Verification.Numerics;

/// <summary>An exact eigenvalue of a rational symmetric matrix and a basis (columns, not normalized) of its eigenspace.</summary>
public sealed record RationalEigenspace(Fraction Value, ExactMatrix Basis)
{
    public int Multiplicity => Basis.ColumnCount;
}

/// <summary>
/// Exact spectra of rational symmetric matrices whose eigenvalues are rational. Floating-point eigenvalues only propose
/// candidates; a candidate λ is accepted when A − λI is singular in exact arithmetic, and the spectrum is complete when the
/// null spaces found add up to the dimension. So an answer is always exact, and a matrix whose eigenvalues are not all
/// rational (or whose rational eigenvalues are not found among the candidates) gets none.
/// </summary>
public static class ExactSpectrum
{
    /// <summary>
    /// Every eigenvalue of a rational symmetric matrix with a basis of its eigenspace, largest first, when all are rational;
    /// otherwise null. Candidates are the best rational approximations of the floating eigenvalues with denominators up to
    /// <paramref name="maxDenominator"/>, and k/d with d the common denominator of A (a rational eigenvalue of A is an integer
    /// over d, since it is a rational algebraic integer of the integer matrix dA).
    /// </summary>
    public static IReadOnlyList<RationalEigenspace>? TryRational(ExactMatrix a, long maxDenominator = 1_000_000)
    {
        var n = a.RowCount;
        if (a.ColumnCount != n || !a.IsSymmetric()) throw new ArgumentException("an exact spectrum needs a symmetric matrix");
        if (n == 0) return [];
        // A/m, m the largest |entry|, has the same eigenvectors and eigenvalues λ/m in [−n, n]: entries of any magnitude
        // (1e300, 1e-300) give floating estimates in range, and the exact answer is scaled back.
        var m = Fraction.Zero;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (Fraction.Abs(a[i, j]) > m) m = Fraction.Abs(a[i, j]);
        if (m.IsZero || m == Fraction.One) return TryRationalNormalized(a, maxDenominator);
        return TryRationalNormalized(a.Scale(Fraction.One / m), maxDenominator)?.Select(e => e with { Value = e.Value * m }).ToArray();
    }

    private static IReadOnlyList<RationalEigenspace>? TryRationalNormalized(ExactMatrix a, long maxDenominator)
    {
        var n = a.RowCount;
        double[] estimates;
        try
        {
            estimates = Verification.LinearAlgebra.SymmetricSpectrum.Eigenvalues(a.ToDouble());
        }
        catch (Exception e) when (e is NonFiniteException or LimitExceededException)
        {
            return null; // beyond double precision's range (or no convergence): no candidates to try
        }
        var d = a.CommonDenominator();
        var found = new List<RationalEigenspace>();
        var tried = new HashSet<Fraction>();
        var total = 0;
        foreach (var estimate in estimates.OrderByDescending(x => x))
        {
            if (total == n) break;
            foreach (var candidate in Candidates(estimate, d, maxDenominator))
            {
                if (!tried.Add(candidate)) continue;
                var basis = a.Subtract(ExactLinearAlgebra.Identity(n).Scale(candidate)).NullSpace();
                if (basis.ColumnCount == 0) continue;
                found.Add(new RationalEigenspace(candidate, basis));
                total += basis.ColumnCount;
                // No break: an accepted candidate may be another estimate's eigenvalue (10⁻⁹'s best approximation 0 in
                // diag(1, 10⁻⁹, 0)), and this estimate's own eigenvalue may be the next candidate.
            }
        }
        return total == n ? found.OrderByDescending(e => e.Value).ToArray() : null;
    }

    private static IEnumerable<Fraction> Candidates(double estimate, BigInteger d, long maxDenominator)
    {
        if (double.IsFinite(estimate))
        {
            yield return BestRational(estimate, maxDenominator);
            var scaled = estimate * (double)d;
            if (Math.Abs(scaled) < 1L << 50) yield return new Fraction(new BigInteger(Math.Round(scaled)), d);
        }
    }

    /// <summary>The last continued-fraction convergent of x with denominator at most <paramref name="maxDenominator"/>.</summary>
    public static Fraction BestRational(double x, long maxDenominator)
    {
        if (!double.IsFinite(x)) throw new ArgumentException("not a finite number", nameof(x));
        BigInteger p0 = 0, q0 = 1, p1 = 1, q1 = 0;
        var r = x;
        for (var step = 0; step < 64; step++)
        {
            var a = Math.Floor(r);
            if (Math.Abs(a) > 1e15) break;
            var ai = new BigInteger(a);
            var p2 = ai * p1 + p0;
            var q2 = ai * q1 + q0;
            if (q2 > maxDenominator) break;
            (p0, q0, p1, q1) = (p1, q1, p2, q2);
            var fraction = r - a;
            if (fraction < 1e-12) break;
            r = 1 / fraction;
        }
        return q1.IsZero ? new Fraction(new BigInteger(Math.Round(x))) : new Fraction(p1, q1);
    }

    /// <summary>The exact square root of a nonnegative rational, when numerator and denominator are perfect squares; else null.</summary>
    public static Fraction? TrySquareRoot(Fraction x)
    {
        if (x < Fraction.Zero) return null;
        if (x.IsZero) return Fraction.Zero;
        var p = IntegerSquareRoot(BigInteger.Abs(x.Numerator));
        var q = IntegerSquareRoot(BigInteger.Abs(x.Denominator));
        return p * p == BigInteger.Abs(x.Numerator) && q * q == BigInteger.Abs(x.Denominator) ? new Fraction(p, q) : null;
    }

    private static BigInteger IntegerSquareRoot(BigInteger n)
    {
        if (n < 2) return n;
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) / 2;
            if (y >= x) return x;
            x = y;
        }
    }
}
