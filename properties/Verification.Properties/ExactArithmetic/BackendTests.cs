using MathNet.Numerics.LinearAlgebra;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.ExactArithmetic;

/// <summary>The tests that switch the process-wide backend run alone, so no other test sees the switch.</summary>
[CollectionDefinition("Backend switching", DisableParallelization = true)]
public sealed class BackendSwitchingCollection;

/// <summary>
/// The numerical backend (from surviving and uncovered mutants in <c>Numerics/Backend.cs</c>): which backend is active,
/// the products with transposes on either backend against MathNet's, and LAPACK's thin SVD (dgesdd) against MathNet's on
/// tall, wide, square, single-row and single-column matrices. Tests of the native path skip where OpenBLAS does not load.
/// </summary>
[Collection("Backend switching")]
public class BackendTests
{
    /// <summary>A deterministic m×n matrix with entries in [−1, 1] and no structure.</summary>
    private static Matrix<double> Sample(int m, int n, int seed) =>
        Matrix<double>.Build.Dense(m, n, (i, j) => Math.Sin(1.0 + seed + 12.9898 * i + 78.233 * j + 0.37 * i * j));

    private static void With(BackendKind kind, Action action)
    {
        var previous = Backend.Requested;
        try
        {
            Backend.Use(kind);
            action();
        }
        finally
        {
            Backend.Use(previous);
        }
    }

    private static IEnumerable<BackendKind> UsableKinds() =>
        Backend.OpenBlasAvailable ? [BackendKind.Managed, BackendKind.OpenBlas, BackendKind.Auto] : [BackendKind.Managed, BackendKind.Auto];

    [Fact]
    public void Active_names_the_backend_that_runs()
    {
        With(BackendKind.Managed, () =>
        {
            Assert.Equal(BackendKind.Managed, Backend.Requested);
            Assert.Equal("managed", Backend.Active);
            Assert.False(Backend.HasNativeSvd);
            Assert.Contains("OpenBLAS", Assert.Throws<InvalidOperationException>(() => Backend.NativeSvd(Sample(3, 2, 0), true)).Message);
        });
        With(BackendKind.Auto, () => Assert.Equal(Backend.OpenBlasAvailable ? "openblas" : "managed", Backend.Active));
        if (Backend.OpenBlasAvailable)
        {
            With(BackendKind.OpenBlas, () =>
            {
                Assert.Equal(BackendKind.OpenBlas, Backend.Requested);
                Assert.Equal("openblas", Backend.Active);
            });
        }
        else
        {
            var before = Backend.Requested;
            Assert.Contains("libopenblas", Assert.Throws<InvalidOperationException>(() => Backend.Use(BackendKind.OpenBlas)).Message);
            Assert.Equal(before, Backend.Requested);
        }
    }

    [Theory]
    [InlineData("auto", BackendKind.Auto)]
    [InlineData(" Managed ", BackendKind.Managed)]
    [InlineData("OPENBLAS", BackendKind.OpenBlas)]
    [InlineData("mkl", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Backend_names_parse(string? text, BackendKind? kind) => Assert.Equal(kind, Backend.Parse(text));

    [Fact]
    public void Products_with_transposes_equal_MathNets_on_every_backend()
    {
        var a = Sample(5, 3, 1); // 5×3
        var b = Sample(3, 4, 2); // 3×4
        var at = a.Transpose(); // 3×5
        var bt = b.Transpose(); // 4×3
        var expected = a * b; // 5×4
        foreach (var kind in UsableKinds())
        {
            With(kind, () =>
            {
                foreach (var (x, y, ta, tb) in new[] { (a, b, false, false), (at, b, true, false), (a, bt, false, true), (at, bt, true, true) })
                {
                    var product = Backend.Multiply(x, y, ta, tb);
                    Assert.Equal(5, product.RowCount);
                    Assert.Equal(4, product.ColumnCount);
                    Assert.True((product - expected).FrobeniusNorm() <= 1e-14 * expected.FrobeniusNorm(), $"{kind}, transposes {ta}, {tb}");
                }
                // k = 0: the empty sum, a zero matrix.
                var empty = Backend.Multiply(Matrix<double>.Build.Dense(2, 0), Matrix<double>.Build.Dense(0, 3));
                Assert.Equal(Matrix<double>.Build.Dense(2, 3), empty);
            });
        }
    }

    [Fact]
    public void Products_with_mismatched_inner_dimensions_are_refused_on_every_backend()
    {
        var a = Sample(5, 3, 1);
        var b = Sample(4, 3, 2);
        foreach (var kind in UsableKinds())
        {
            With(kind, () =>
            {
                Assert.Contains("inner dimensions differ: 3 and 4", Assert.Throws<ArgumentException>(() => Backend.Multiply(a, b)).Message);
                Assert.Contains("inner dimensions differ: 5 and 3", Assert.Throws<ArgumentException>(() => Backend.Multiply(a, b, transposeA: true, transposeB: true)).Message);
                Assert.Equal(a * b.Transpose(), Backend.Multiply(a, b, transposeB: true), new MatrixComparer(1e-14));
            });
        }
    }

    [OpenBlasTheory]
    [InlineData(7, 4)]
    [InlineData(4, 7)]
    [InlineData(5, 5)]
    [InlineData(1, 6)]
    [InlineData(6, 1)]
    [InlineData(1, 1)]
    [InlineData(60, 45)]
    public void The_native_thin_svd_agrees_with_MathNets_and_factors_the_matrix(int m, int n)
    {
        var a = Sample(m, n, m * 31 + n);
        var k = Math.Min(m, n);
        var managed = a.Svd(computeVectors: false).S.ToArray();
        Assert.Equal(k, managed.Length);
        With(BackendKind.OpenBlas, () =>
        {
            Assert.True(Backend.HasNativeSvd);
            var tolerance = 1e-13 * managed[0] * Math.Max(m, n);

            var (values, u0, vt0) = Backend.NativeSvd(a, vectors: false);
            Assert.Equal(k, values.Length);
            Assert.True(values.Zip(managed, (x, y) => Math.Abs(x - y)).Max() <= tolerance);
            Assert.Equal((0, 0), (u0.RowCount, u0.ColumnCount));
            Assert.Equal((0, 0), (vt0.RowCount, vt0.ColumnCount));

            var (s, u, vt) = Backend.NativeSvd(a, vectors: true);
            Assert.Equal(k, s.Length);
            Assert.True(s.Zip(managed, (x, y) => Math.Abs(x - y)).Max() <= tolerance);
            Assert.True(s.Zip(s.Skip(1), (x, y) => x >= y).All(b => b), "singular values in decreasing order");
            Assert.Equal((m, k), (u.RowCount, u.ColumnCount));
            Assert.Equal((k, n), (vt.RowCount, vt.ColumnCount));
            var identity = Matrix<double>.Build.DenseIdentity(k);
            Assert.True((u.TransposeThisAndMultiply(u) - identity).FrobeniusNorm() <= 1e-13 * k, "UᵀU = I");
            Assert.True((vt * vt.Transpose() - identity).FrobeniusNorm() <= 1e-13 * k, "VᵀV = I");
            Assert.True((u * Matrix<double>.Build.DenseOfDiagonalArray(s) * vt - a).FrobeniusNorm() <= tolerance * k, "UΣVᵀ = A");
            // The input is not overwritten (dgesdd destroys its copy only).
            Assert.Equal(Sample(m, n, m * 31 + n), a);
        });
    }

    [OpenBlasFact]
    public void Singular_values_alone_of_a_larger_matrix_and_of_empty_ones()
    {
        With(BackendKind.OpenBlas, () =>
        {
            var a = Sample(300, 200, 9);
            var managed = a.Svd(computeVectors: false).S.ToArray();
            var (s, u, vt) = Backend.NativeSvd(a, vectors: false);
            Assert.Equal(200, s.Length);
            Assert.True(s.Zip(managed, (x, y) => Math.Abs(x - y)).Max() <= 1e-12 * managed[0]);
            Assert.Equal((0, 0, 0, 0), (u.RowCount, u.ColumnCount, vt.RowCount, vt.ColumnCount));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.Equal(s, Backend.NativeSvd(a.Transpose(), vectors: false).S, new DoubleComparer(1e-12 * managed[0]));

            var (s0, u0, vt0) = Backend.NativeSvd(Matrix<double>.Build.Dense(0, 3), vectors: true);
            Assert.Empty(s0);
            Assert.Equal((0, 0, 0, 3), (u0.RowCount, u0.ColumnCount, vt0.RowCount, vt0.ColumnCount));
        });
    }

    [OpenBlasFact]
    public void A_matrix_with_a_NaN_is_refused_by_LAPACK_as_argument_4()
    {
        var a = Sample(4, 3, 5);
        a[2, 1] = double.NaN;
        With(BackendKind.OpenBlas, () =>
        {
            var e = Assert.Throws<ArgumentException>(() => Backend.NativeSvd(a, vectors: true));
            Assert.EndsWith("rejected argument 4", e.Message);
            Assert.Throws<ArgumentException>(() => Backend.NativeSvd(a, vectors: false));
        });
    }

    private sealed class MatrixComparer(double tolerance) : IEqualityComparer<Matrix<double>>
    {
        public bool Equals(Matrix<double>? x, Matrix<double>? y) =>
            x is not null && y is not null && x.RowCount == y.RowCount && x.ColumnCount == y.ColumnCount && (x - y).FrobeniusNorm() <= tolerance * Math.Max(1, x.FrobeniusNorm());

        public int GetHashCode(Matrix<double> obj) => 0;
    }

    private sealed class DoubleComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}

/// <summary>A theory skipped, with its reason, when OpenBLAS (libopenblas.so.0) does not load on this machine.</summary>
public sealed class OpenBlasTheoryAttribute : TheoryAttribute
{
    public OpenBlasTheoryAttribute()
    {
        if (!Backend.OpenBlasAvailable) Skip = "OpenBLAS (libopenblas.so.0) is not installed on this machine";
    }
}
