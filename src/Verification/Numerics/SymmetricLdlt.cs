using System.Numerics;
using Fractions;

namespace Verification.Numerics;

/// <summary>The inertia of a symmetric matrix: how many eigenvalues are negative, zero and positive.</summary>
public sealed record Inertia(int Negative, int Zero, int Positive)
{
    public int Dimension => Negative + Zero + Positive;

    public override string ToString() => $"({Negative} negative, {Zero} zero, {Positive} positive)";
}

/// <summary>
/// An exact symmetric factorization T·A·Tᵀ = L·D·Lᵀ: T is an integer matrix of determinant ±1 (symmetric row and column
/// swaps, and, where every remaining diagonal entry is 0, the congruence "row i += row j, column i += column j" that makes
/// the pivot 2a_ij ≠ 0), L is unit lower triangular and D diagonal. By Sylvester's law of inertia, A and D have the same
/// numbers of negative, zero and positive eigenvalues, so the signs of D give A's inertia exactly.
/// </summary>
public sealed record SymmetricLdlt(ExactMatrix Transform, ExactMatrix L, IReadOnlyList<Fraction> D, Inertia Inertia);

/// <summary>
/// Exact LDLᵀ of a rational symmetric matrix, computed fraction-free (Bareiss) on the integer matrix c·A (c the common
/// denominator, a positive scale that keeps the inertia). Step k divides exactly by the previous pivot, so the integers stay
/// as small as the minors of A, and no rational normalization is needed until the factors are read off.
/// </summary>
public static class ExactLdlt
{
    /// <summary>The inertia of a rational symmetric matrix, exactly (without forming L).</summary>
    public static Inertia InertiaOf(ExactMatrix a) => Run(a, factors: false).Inertia;

    /// <summary>The factorization T·A·Tᵀ = L·D·Lᵀ with the inertia read off D.</summary>
    public static SymmetricLdlt Factor(ExactMatrix a) => Run(a, factors: true);

    private static SymmetricLdlt Run(ExactMatrix a, bool factors)
    {
        var n = a.RowCount;
        if (a.ColumnCount != n) throw new ArgumentException($"LDLᵀ needs a square matrix, got {a.RowCount}×{a.ColumnCount}");
        if (!a.IsSymmetric()) throw new ArgumentException("LDLᵀ needs a symmetric matrix");
        var scale = a.CommonDenominator();
        var w = new BigInteger[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                w[i, j] = a[i, j].Numerator * (scale / a[i, j].Denominator);
        var t = factors ? IntegerIdentity(n) : null;
        var l = factors ? ZeroFractions(n) : null;
        var d = new Fraction[n];
        var inertia = Eliminate(w, scale, t, l, d);
        if (!factors) return new SymmetricLdlt(ExactLinearAlgebra.Zero(0, 0), ExactLinearAlgebra.Zero(0, 0), d, inertia);
        var lower = ExactMatrix.Create(n, n, (i, j) => j > i ? Fraction.Zero : i == j ? Fraction.One : l![i, j]);
        var transform = ExactMatrix.Create(n, n, (i, j) => new Fraction(t![i, j]));
        return new SymmetricLdlt(transform, lower, d, inertia);
    }

    /// <summary>Fraction-free symmetric elimination of w (= scale·A) in place; fills D (and T, L when given) and returns the inertia.</summary>
    private static Inertia Eliminate(BigInteger[,] w, BigInteger scale, BigInteger[,]? t, Fraction[,]? l, Fraction[] d)
    {
        var n = w.GetLength(0);
        var factors = t is not null;
        var previous = BigInteger.One;
        int negative = 0, zero = 0, positive = 0;
        for (var k = 0; k < n; k++)
        {
            var pivot = ChoosePivot(w, k, n);
            if (pivot < 0)
            {
                // The remaining Schur complement is zero: n − k zero eigenvalues.
                zero += n - k;
                for (var r = k; r < n; r++) d[r] = Fraction.Zero;
                break;
            }
            if (pivot >= n)
            {
                // Every remaining diagonal entry is 0 but w[i, j] ≠ 0: congruence e_i += e_j makes w[i, i] = 2 w[i, j].
                var (i, j) = (pivot / n - 1, pivot % n);
                AddRowAndColumn(w, i, j, k, n);
                if (factors) { AddRow(t!, i, j); AddRowOfL(l!, i, j, k); }
                pivot = i;
            }
            if (pivot != k)
            {
                SwapRowAndColumn(w, pivot, k, k, n);
                if (factors) { SwapRows(t!, pivot, k); SwapRowsOfL(l!, pivot, k, k); }
            }
            var p = w[k, k];
            var sign = p.Sign * previous.Sign;
            if (sign < 0) negative++; else positive++;
            d[k] = new Fraction(p, previous * scale);
            if (factors)
            {
                l![k, k] = Fraction.One;
                for (var i = k + 1; i < n; i++) l[i, k] = new Fraction(w[i, k], p);
            }
            for (var i = k + 1; i < n; i++)
                for (var j = i; j < n; j++)
                {
                    var numerator = p * w[i, j] - w[i, k] * w[k, j];
                    var q = numerator;
                    if (!previous.IsOne)
                    {
                        q = BigInteger.DivRem(numerator, previous, out var remainder);
                        if (!remainder.IsZero) throw new InvalidOperationException("Bareiss division was not exact (a defect of the elimination)");
                    }
                    w[i, j] = q;
                    w[j, i] = q;
                }
            previous = p;
        }
        return new Inertia(negative, zero, positive);
    }

    /// <summary>
    /// A nonzero diagonal entry at or after k (the smallest in magnitude, to keep the integers small); else n·(i + 1) + j for a
    /// nonzero off-diagonal entry w[i, j] (i &lt; j), marking a congruence; −1 when the trailing block is zero.
    /// </summary>
    private static int ChoosePivot(BigInteger[,] w, int k, int n)
    {
        var best = -1;
        for (var i = k; i < n; i++)
            if (!w[i, i].IsZero && (best < 0 || BigInteger.Abs(w[i, i]) < BigInteger.Abs(w[best, best]))) best = i;
        if (best >= 0) return best;
        for (var i = k; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (!w[i, j].IsZero) return n * (i + 1) + j;
        return -1;
    }

    private static void AddRowAndColumn(BigInteger[,] w, int i, int j, int k, int n)
    {
        for (var c = k; c < n; c++) w[i, c] += w[j, c];
        for (var r = k; r < n; r++) w[r, i] += w[r, j];
    }

    private static void SwapRowAndColumn(BigInteger[,] w, int p, int q, int k, int n)
    {
        for (var c = k; c < n; c++) (w[p, c], w[q, c]) = (w[q, c], w[p, c]);
        for (var r = k; r < n; r++) (w[r, p], w[r, q]) = (w[r, q], w[r, p]);
    }

    private static BigInteger[,] IntegerIdentity(int n)
    {
        var t = new BigInteger[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) t[i, j] = i == j ? BigInteger.One : BigInteger.Zero;
        return t;
    }

    private static void AddRow(BigInteger[,] t, int i, int j)
    {
        for (var c = 0; c < t.GetLength(1); c++) t[i, c] += t[j, c];
    }

    private static void SwapRows(BigInteger[,] t, int p, int q)
    {
        for (var c = 0; c < t.GetLength(1); c++) (t[p, c], t[q, c]) = (t[q, c], t[p, c]);
    }

    /// <summary>The computed columns (before k) of L follow the row operations applied to the trailing rows.</summary>
    private static void AddRowOfL(Fraction[,] l, int i, int j, int k)
    {
        for (var c = 0; c < k; c++) l[i, c] += l[j, c];
    }

    private static void SwapRowsOfL(Fraction[,] l, int p, int q, int k)
    {
        for (var c = 0; c < k; c++) (l[p, c], l[q, c]) = (l[q, c], l[p, c]);
    }

    private static Fraction[,] ZeroFractions(int n)
    {
        var l = new Fraction[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) l[i, j] = Fraction.Zero;
        return l;
    }
}
