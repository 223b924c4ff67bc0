using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace Verification.Generators;

/// <summary>The style of a random matrix; generators mix them so that edge cases are reached on purpose.</summary>
public enum MatrixStyle
{
    SmallIntegers,
    Dyadic,
    Gaussian,
    LowRank,
    Spectrum,
    ZeroColumns,
}

/// <summary>Matrix generators with controlled shape, rank and spectrum.</summary>
public static class Matrices
{
    private static readonly MatrixBuilder<double> Build = Matrix<double>.Build;

    public static Gen<Matrix<double>> Of(int rows, int columns, Gen<double> entry) =>
        Gen.ArrayOf(entry, rows * columns).Select(a => Build.Dense(rows, columns, (i, j) => a[i * columns + j]));

    public static Gen<Matrix<double>> SmallIntegers(int rows, int columns, int bound = 3) => Of(rows, columns, Scalars.SmallInteger(bound));

    public static Gen<Matrix<double>> Dyadic(int rows, int columns, int bound = 2) => Of(rows, columns, Scalars.Dyadic(bound));

    public static Gen<Matrix<double>> Gaussian(int rows, int columns) => Of(rows, columns, Scalars.Gaussian);

    /// <summary>A random orthogonal n×n matrix (QR of a Gaussian matrix, signs fixed so that R has a positive diagonal).</summary>
    public static Gen<Matrix<double>> Orthogonal(int n) => Gaussian(n, n).Select(g =>
    {
        if (n == 0) return g;
        var qr = g.QR();
        var q = qr.Q.Clone();
        for (var j = 0; j < n; j++)
            if (qr.R[j, j] < 0) q.SetColumn(j, q.Column(j).Negate());
        return q;
    });

    /// <summary>W·diag(σ)·Zᵀ with W, Z random orthogonal: the singular values are exactly the given ones (up to rounding).</summary>
    public static Gen<Matrix<double>> WithSingularValues(int rows, int columns, IReadOnlyList<double> sigma) =>
        Gen.Zip(Orthogonal(rows), Orthogonal(columns)).Select(t =>
        {
            var d = Build.Dense(rows, columns);
            for (var i = 0; i < Math.Min(sigma.Count, Math.Min(rows, columns)); i++) d[i, i] = sigma[i];
            return t.Item1 * d * t.Item2.Transpose();
        });

    /// <summary>
    /// A controlled spectrum: rank k, condition number κ among the nonzero singular values (geometric from scale to scale/κ),
    /// optionally with the top singular value repeated.
    /// </summary>
    public static Gen<Matrix<double>> WithSpectrum(int rows, int columns, int rank, double condition, bool repeated, double scale) =>
        WithSingularValues(rows, columns, Spectrum(Math.Min(rank, Math.Min(rows, columns)), condition, repeated, scale));

    public static IReadOnlyList<double> Spectrum(int rank, double condition, bool repeated, double scale)
    {
        var s = new double[rank];
        for (var i = 0; i < rank; i++)
            s[i] = scale * Math.Pow(condition, rank == 1 ? 0 : -(double)i / (rank - 1));
        if (repeated && rank >= 2) s[1] = s[0];
        return s;
    }

    /// <summary>Exact rank k (as a product of k-column Gaussian factors).</summary>
    public static Gen<Matrix<double>> WithRank(int rows, int columns, int rank) =>
        Gen.Zip(Gaussian(rows, rank), Gaussian(columns, rank)).Select(t => t.Item1 * t.Item2.Transpose());

    /// <summary>A matrix of the given style. Zero columns: a Gaussian matrix with some columns set to 0.</summary>
    public static Gen<Matrix<double>> OfStyle(MatrixStyle style, int rows, int columns) => style switch
    {
        MatrixStyle.SmallIntegers => SmallIntegers(rows, columns),
        MatrixStyle.Dyadic => Dyadic(rows, columns),
        MatrixStyle.Gaussian => Gaussian(rows, columns),
        MatrixStyle.LowRank => Gen.Choose(0, Math.Max(0, Math.Min(rows, columns) - 1)).SelectMany(k => WithRank(rows, columns, k)),
        MatrixStyle.Spectrum => Gen.Zip(Gen.Choose(1, Math.Max(1, Math.Min(rows, columns))), Gen.Zip(Gen.Elements(1.0, 10.0, 1e3, 1e6), Gen.Elements(false, true)))
            .SelectMany(t => WithSpectrum(rows, columns, t.Item1, t.Item2.Item1, t.Item2.Item2, 1 + 2 * t.Item1)),
        MatrixStyle.ZeroColumns => Gen.Zip(Gaussian(rows, columns), Gen.ArrayOf(Gen.Elements(true, false), columns)).Select(t =>
        {
            var m = t.Item1.Clone();
            for (var j = 0; j < columns; j++) if (t.Item2[j]) m.ClearColumn(j);
            return m;
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };

    public static Gen<MatrixStyle> Style { get; } = Gen.Elements(Enum.GetValues<MatrixStyle>());

    public static Gen<Matrix<double>> Any(int rows, int columns) => Style.SelectMany(s => OfStyle(s, rows, columns));
}

/// <summary>Shapes: dimensions and widths r below, equal to and above min(m, n).</summary>
public static class Shapes
{
    public static Gen<int> Dimension(int max) => Gen.Choose(1, max);

    /// <summary>A width r relative to k = min(m, n): 1, below, equal, or above (up to k + 3).</summary>
    public static Gen<int> Width(int m, int n)
    {
        var k = Math.Min(m, n);
        return Gen.Frequency(
            (1, Gen.Constant(1)),
            (2, Gen.Choose(1, k)),
            (2, Gen.Constant(k)),
            (3, Gen.Choose(k + 1, k + 3)));
    }
}
