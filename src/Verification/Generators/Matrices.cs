using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;

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
    public static Gen<Matrix<double>> Orthogonal(int n) => Gaussian(n, n).Select(Normal.OrthogonalFrom);

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

    /// <summary>Targets of every style of <see cref="Any"/>, plus flat spectra (all singular values equal: ties at every cap).</summary>
    public static Gen<Matrix<double>> Target(int m, int n) => Gen.Frequency(
        (6, Any(m, n)),
        (1, Gen.Choose(1, 3).SelectMany(s => WithSingularValues(m, n, Enumerable.Repeat((double)s, Math.Min(m, n)).ToArray()))));

    /// <summary>The numerical rank of a matrix (singular values above max(m, n)·u·σ₁), for coverage measurements.</summary>
    public static int Rank(Matrix<double> x) => LinearAlgebra.Thresholding.Rank(LinearAlgebra.Thresholding.SingularValues(x), x.RowCount, x.ColumnCount);

    /// <summary>An r×r matrix Q₁ diag(e^{g}) Q₂ with g ∈ [−1, 1]: invertible with condition number at most e².</summary>
    public static Gen<Matrix<double>> Invertible(int r) =>
        from q1 in Orthogonal(r)
        from q2 in Orthogonal(r)
        from g in Gen.ArrayOf(Scalars.Unit, r)
        select q1 * Build.Diagonal(r, r, i => Math.Exp(2 * g[i] - 1)) * q2;
}
