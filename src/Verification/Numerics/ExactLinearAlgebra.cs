using System.Numerics;
using Fractions;

namespace Verification.Numerics;

/// <summary>
/// Exact linear algebra on <see cref="ExactMatrix"/>: sums, identities, Gauss–Jordan inverse and solve, rank and null
/// space by exact row reduction, and the Cayley transform that turns a rational skew-symmetric matrix into a rational
/// orthogonal one. Every result is exact; a singular matrix where an invertible one is needed is an
/// <see cref="ArgumentException"/>.
/// </summary>
public static class ExactLinearAlgebra
{
    public static ExactMatrix Identity(int n) => ExactMatrix.Create(n, n, (i, j) => i == j ? Fraction.One : Fraction.Zero);

    public static ExactMatrix Zero(int rows, int columns) => ExactMatrix.Create(rows, columns, (_, _) => Fraction.Zero);

    public static ExactMatrix Diagonal(IReadOnlyList<Fraction> d) => ExactMatrix.Create(d.Count, d.Count, (i, j) => i == j ? d[i] : Fraction.Zero);

    public static ExactMatrix Add(this ExactMatrix a, ExactMatrix b)
    {
        SameShape(a, b);
        return ExactMatrix.Create(a.RowCount, a.ColumnCount, (i, j) => a[i, j] + b[i, j]);
    }

    public static ExactMatrix Scale(this ExactMatrix a, Fraction c) => ExactMatrix.Create(a.RowCount, a.ColumnCount, (i, j) => c * a[i, j]);

    public static Fraction Trace(this ExactMatrix a)
    {
        if (a.RowCount != a.ColumnCount) throw new ArgumentException("trace of a non-square matrix");
        var s = Fraction.Zero;
        for (var i = 0; i < a.RowCount; i++) s += a[i, i];
        return s;
    }

    public static bool IsZero(this ExactMatrix a)
    {
        for (var i = 0; i < a.RowCount; i++)
            for (var j = 0; j < a.ColumnCount; j++)
                if (!a[i, j].IsZero) return false;
        return true;
    }

    public static bool IsSymmetric(this ExactMatrix a)
    {
        if (a.RowCount != a.ColumnCount) return false;
        for (var i = 0; i < a.RowCount; i++)
            for (var j = 0; j < i; j++)
                if (a[i, j] != a[j, i]) return false;
        return true;
    }

    /// <summary>Entrywise equality of two exact matrices of the same shape.</summary>
    public static bool EqualTo(this ExactMatrix a, ExactMatrix b)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount) return false;
        for (var i = 0; i < a.RowCount; i++)
            for (var j = 0; j < a.ColumnCount; j++)
                if (a[i, j] != b[i, j]) return false;
        return true;
    }

    /// <summary>The columns with the given indices, in that order.</summary>
    public static ExactMatrix Columns(this ExactMatrix a, IReadOnlyList<int> indices) =>
        ExactMatrix.Create(a.RowCount, indices.Count, (i, j) => a[i, indices[j]]);

    /// <summary>A placed into the top-left corner of a rows×columns zero matrix.</summary>
    public static ExactMatrix Embed(this ExactMatrix a, int rows, int columns)
    {
        if (rows < a.RowCount || columns < a.ColumnCount) throw new ArgumentException("the embedding is smaller than the matrix");
        return ExactMatrix.Create(rows, columns, (i, j) => i < a.RowCount && j < a.ColumnCount ? a[i, j] : Fraction.Zero);
    }

    /// <summary>A⁻¹ by Gauss–Jordan elimination in exact arithmetic.</summary>
    public static ExactMatrix Inverse(this ExactMatrix a)
    {
        if (a.RowCount != a.ColumnCount) throw new ArgumentException($"only a square matrix has an inverse, got {a.RowCount}×{a.ColumnCount}");
        return a.Solve(Identity(a.RowCount));
    }

    /// <summary>A⁻¹B, exactly: Gauss–Jordan on [A | B].</summary>
    public static ExactMatrix Solve(this ExactMatrix a, ExactMatrix b)
    {
        var n = a.RowCount;
        if (a.ColumnCount != n) throw new ArgumentException($"solve needs a square matrix, got {a.RowCount}×{a.ColumnCount}");
        if (b.RowCount != n) throw new ArgumentException($"right-hand side has {b.RowCount} rows, the matrix {n}");
        var m = b.ColumnCount;
        var w = new Fraction[n, n + m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) w[i, j] = a[i, j];
            for (var j = 0; j < m; j++) w[i, n + j] = b[i, j];
        }
        for (var c = 0; c < n; c++)
        {
            var p = c;
            while (p < n && w[p, c].IsZero) p++;
            if (p == n) throw new ArgumentException("the matrix is singular");
            if (p != c) SwapRows(w, p, c);
            var inverse = Fraction.One / w[c, c];
            for (var j = c; j < n + m; j++) w[c, j] *= inverse;
            for (var i = 0; i < n; i++)
            {
                if (i == c || w[i, c].IsZero) continue;
                var factor = w[i, c];
                for (var j = c; j < n + m; j++)
                    if (!w[c, j].IsZero) w[i, j] -= factor * w[c, j];
            }
        }
        return ExactMatrix.Create(n, m, (i, j) => w[i, n + j]);
    }

    /// <summary>The reduced row echelon form and its pivot columns.</summary>
    public static (ExactMatrix Echelon, IReadOnlyList<int> Pivots) RowReduce(this ExactMatrix a)
    {
        int rows = a.RowCount, columns = a.ColumnCount;
        var w = new Fraction[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) w[i, j] = a[i, j];
        var pivots = new List<int>();
        var r = 0;
        for (var c = 0; c < columns && r < rows; c++)
        {
            var p = r;
            while (p < rows && w[p, c].IsZero) p++;
            if (p == rows) continue;
            if (p != r) SwapRows(w, p, r);
            var inverse = Fraction.One / w[r, c];
            for (var j = c; j < columns; j++) w[r, j] *= inverse;
            for (var i = 0; i < rows; i++)
            {
                if (i == r || w[i, c].IsZero) continue;
                var factor = w[i, c];
                for (var j = c; j < columns; j++)
                    if (!w[r, j].IsZero) w[i, j] -= factor * w[r, j];
            }
            pivots.Add(c);
            r++;
        }
        return (new ExactMatrix(w), pivots);
    }

    public static int Rank(this ExactMatrix a) => a.RowReduce().Pivots.Count;

    /// <summary>A basis of {x : Ax = 0}, as the columns of a matrix (one column per free variable of the echelon form).</summary>
    public static ExactMatrix NullSpace(this ExactMatrix a)
    {
        var (e, pivots) = a.RowReduce();
        var free = Enumerable.Range(0, a.ColumnCount).Except(pivots).ToArray();
        return ExactMatrix.Create(a.ColumnCount, free.Length, (i, k) =>
        {
            if (i == free[k]) return Fraction.One;
            var row = pivots.ToList().IndexOf(i);
            return row >= 0 ? -e[row, free[k]] : Fraction.Zero;
        });
    }

    /// <summary>
    /// A = CF with C the pivot columns of A (rank columns) and F the nonzero rows of its reduced echelon form: an exact rank
    /// factorization.
    /// </summary>
    public static (ExactMatrix C, ExactMatrix F) RankFactorization(this ExactMatrix a)
    {
        var (e, pivots) = a.RowReduce();
        var c = a.Columns(pivots);
        var f = ExactMatrix.Create(pivots.Count, a.ColumnCount, (i, j) => e[i, j]);
        return (c, f);
    }

    /// <summary>
    /// The Cayley transform Q = (I − S)(I + S)⁻¹ of a skew-symmetric S: a rational orthogonal matrix (I + S is always invertible,
    /// since S has purely imaginary eigenvalues), and every rational orthogonal matrix without eigenvalue −1 arises this way.
    /// </summary>
    public static ExactMatrix Cayley(ExactMatrix skew)
    {
        var n = skew.RowCount;
        if (skew.ColumnCount != n) throw new ArgumentException("the Cayley transform needs a square matrix");
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
                if (skew[i, j] != -skew[j, i]) throw new ArgumentException("the Cayley transform needs a skew-symmetric matrix (Sᵀ = −S)");
        var identity = Identity(n);
        return identity.Subtract(skew).Multiply(identity.Add(skew).Inverse());
    }

    /// <summary>The least common multiple of the denominators of every entry (1 for an integer matrix).</summary>
    public static BigInteger CommonDenominator(this ExactMatrix a)
    {
        var l = BigInteger.One;
        for (var i = 0; i < a.RowCount; i++)
            for (var j = 0; j < a.ColumnCount; j++)
            {
                var d = BigInteger.Abs(a[i, j].Denominator);
                if (d.IsZero || d.IsOne) continue;
                l = l / BigInteger.GreatestCommonDivisor(l, d) * d;
            }
        return l;
    }

    private static void SwapRows(Fraction[,] w, int p, int q)
    {
        for (var j = 0; j < w.GetLength(1); j++) (w[p, j], w[q, j]) = (w[q, j], w[p, j]);
    }

    private static void SameShape(ExactMatrix a, ExactMatrix b)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            throw new ArgumentException($"shapes differ: {a.RowCount}×{a.ColumnCount} and {b.RowCount}×{b.ColumnCount}");
    }
}
