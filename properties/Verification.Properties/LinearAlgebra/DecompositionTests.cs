using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.LinearAlgebra;

/// <summary>
/// The decompositions every norm, thresholding and certificate goes through (issue 9, item 13): the thin SVD on each of its
/// paths (Jacobi up to min(m, n) = 24, the native or managed SVD above), the full SVD, the symmetric eigensolver and its
/// inertia, the balanced factors, and the norms. Each SVD is checked against its definition (A = U·diag(S)·Vᵀ, orthonormal
/// U and V, S decreasing and nonnegative), expected values come from hand computation.
/// </summary>
public class DecompositionTests
{
    private const double U = Rounding.UnitRoundoff;

    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    /// <summary>A deterministic m×n matrix with entries in [−1, 1) (SplitMix64, seeded).</summary>
    private static Matrix<double> Sample(int m, int n, ulong seed)
    {
        var rng = new SplitMix64(seed);
        return Matrix<double>.Build.Dense(m, n, (_, _) => 2 * rng.NextDouble() - 1);
    }

    private static double OffIdentity(Matrix<double> gram) =>
        (gram - Matrix<double>.Build.DenseIdentity(gram.RowCount)).FrobeniusNorm();

    /// <summary>The definition of a thin SVD: shapes, orthonormal columns of U and rows of VT, S decreasing ≥ 0, A = U·diag(S)·VT.</summary>
    private static void AssertThinSvd(Matrix<double> a, double[] s, Matrix<double> u, Matrix<double> vt, double tolerance = 1e-13)
    {
        int m = a.RowCount, n = a.ColumnCount, k = Math.Min(m, n);
        Assert.Equal(k, s.Length);
        Assert.Equal((m, k), (u.RowCount, u.ColumnCount));
        Assert.Equal((k, n), (vt.RowCount, vt.ColumnCount));
        for (var i = 0; i < k; i++)
        {
            Assert.True(s[i] >= 0, $"σ_{i} = {s[i]} < 0");
            if (i > 0) Assert.True(s[i] <= s[i - 1], $"σ not decreasing at {i}: {s[i - 1]}, {s[i]}");
        }
        Assert.True(OffIdentity(u.TransposeThisAndMultiply(u)) <= tolerance, "UᵀU ≠ I");
        Assert.True(OffIdentity(vt * vt.Transpose()) <= tolerance, "VT·VTᵀ ≠ I");
        var scale = Math.Max(a.FrobeniusNorm(), double.Epsilon);
        var residual = (a - u * Matrix<double>.Build.DiagonalOfDiagonalArray(s) * vt).FrobeniusNorm();
        Assert.True(residual <= tolerance * scale, $"‖A − U·S·VT‖_F = {residual} for ‖A‖_F = {scale}");
    }

    /// <summary>Singular values from the definition: square roots of the eigenvalues of the smaller Gram matrix, decreasing.</summary>
    private static double[] FromGram(Matrix<double> a)
    {
        var gram = a.RowCount >= a.ColumnCount ? a.TransposeThisAndMultiply(a) : a * a.Transpose();
        return gram.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues
            .Select(e => Math.Sqrt(Math.Max(e.Real, 0))).OrderByDescending(x => x).ToArray();
    }

    // ---------------------------------------------------------------- ThinSvd

    [Theory]
    [InlineData(5, 3, 1UL)]
    [InlineData(3, 5, 2UL)]
    [InlineData(4, 4, 3UL)]
    [InlineData(1, 4, 4UL)]
    [InlineData(4, 1, 5UL)]
    [InlineData(7, 6, 6UL)]
    public void The_thin_svd_is_an_svd_on_tall_wide_and_square_matrices(int m, int n, ulong seed)
    {
        // Entries scaled by 3: the largest is in [2, 3), so the scaling by a power of two (4) and back is exercised.
        var a = 3 * Sample(m, n, seed);
        var svd = ThinSvd.Of(a);
        AssertThinSvd(a, svd.S, svd.U, svd.VT);
        var expected = FromGram(a);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], svd.S[i], 10);
        Assert.Equal(svd.S[0], svd.Spectral);
        Assert.Equal(svd.S.Sum(), svd.Nuclear, 14);
        // Without vectors: the same values, U and VT are 0×0.
        var values = ThinSvd.Of(a, vectors: false);
        Assert.Equal(svd.S, values.S);
        Assert.Equal((0, 0), (values.U.RowCount, values.U.ColumnCount));
        Assert.Equal((0, 0), (values.VT.RowCount, values.VT.ColumnCount));
        // The Jacobi method on its own, and MathNet's thin part, are SVDs too.
        var jacobi = ThinSvd.Jacobi(a);
        AssertThinSvd(a, jacobi.S, jacobi.U, jacobi.VT);
        var managed = ThinSvd.Managed(a);
        AssertThinSvd(a, managed.S, managed.U, managed.VT);
        var managedValues = ThinSvd.Managed(a, vectors: false);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], managedValues.S[i], 10);
        Assert.Equal((0, 0), (managedValues.U.RowCount, managedValues.VT.ColumnCount));
    }

    [Fact]
    public void A_diagonal_matrix_has_its_sorted_absolute_diagonal_as_singular_values_at_any_scale()
    {
        // diag(3, −4): σ = (4, 3) exactly (no rotation is needed; column norms 3 and 4; the scaling by 4 is exact).
        var a = M(new double[,] { { 3, 0 }, { 0, -4 } });
        var svd = ThinSvd.Of(a);
        Assert.Equal([4.0, 3.0], svd.S);
        AssertThinSvd(a, svd.S, svd.U, svd.VT, 0);
        Assert.Equal(4.0, svd.Spectral);
        Assert.Equal(7.0, svd.Nuclear);
        // A power of two changes no rounding: the singular values of 2^k·A are exactly 2^k·σ, at 1e-300 and 1e300 too.
        var b = 3 * Sample(4, 3, 11);
        var reference = ThinSvd.Of(b).S;
        foreach (var k in new[] { -1000, -3, 5, 990 })
        {
            var scaled = ThinSvd.Of(b * Math.ScaleB(1, k));
            for (var i = 0; i < 3; i++) Assert.Equal(Math.ScaleB(reference[i], k), scaled.S[i]);
            AssertThinSvd(b, scaled.S.Select(x => Math.ScaleB(x, -k)).ToArray(), scaled.U, scaled.VT);
            var full = Svd.Of(b * Math.ScaleB(1, k));
            for (var i = 0; i < 3; i++) Assert.Equal(Math.ScaleB(reference[i], k), full.S[i], Math.ScaleB(1e-12, k));
        }
        // The full SVD: U is m×m and VT is n×n, both orthogonal, and A = U[:, :k]·diag(S)·VT[:k, :]; without vectors m×0 and 0×n.
        var fullB = Svd.Of(b);
        Assert.Equal((4, 4, 3, 3), (fullB.U.RowCount, fullB.U.ColumnCount, fullB.VT.RowCount, fullB.VT.ColumnCount));
        Assert.True(OffIdentity(fullB.U.TransposeThisAndMultiply(fullB.U)) <= 1e-13);
        AssertThinSvd(b, fullB.S.ToArray(), fullB.U.SubMatrix(0, 4, 0, 3), fullB.VT);
        var valuesB = Svd.Of(b, vectors: false);
        Assert.Equal((4, 0, 0, 3), (valuesB.U.RowCount, valuesB.U.ColumnCount, valuesB.VT.RowCount, valuesB.VT.ColumnCount));
        Assert.Equal(fullB.S.ToArray(), Svd.Values(b));
        // Entries of 1e-300 and 1e300 (not powers of two): values of σ = 1e±300·σ(C) without overflow or underflow.
        var c = M(new double[,] { { 1, 2 }, { 3, 4 } });
        var sc = FromGram(c);
        foreach (var magnitude in new[] { 1e-300, 1e300 })
        {
            var s = ThinSvd.Of(c * magnitude).S;
            var t = Svd.Values(c * magnitude);
            var e = SymmetricSpectrum.Eigenvalues(M(new double[,] { { 2, 1 }, { 1, 2 } }) * magnitude);
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(1, s[i] / (sc[i] * magnitude), 12);
                Assert.Equal(1, t[i] / (sc[i] * magnitude), 12);
            }
            Assert.Equal(1, e[0] / magnitude, 12);
            Assert.Equal(3, e[1] / magnitude, 12);
        }
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    [InlineData(0, 0)]
    public void Matrices_without_rows_or_columns_have_no_singular_values(int m, int n)
    {
        var a = Matrix<double>.Build.Dense(m, n);
        foreach (var svd in new[] { ThinSvd.Of(a), ThinSvd.Jacobi(a), ThinSvd.Managed(a) })
        {
            Assert.Empty(svd.S);
            Assert.Equal((m, 0), (svd.U.RowCount, svd.U.ColumnCount));
            Assert.Equal((0, n), (svd.VT.RowCount, svd.VT.ColumnCount));
            Assert.Equal(0, svd.Spectral);
            Assert.Equal(0, svd.Nuclear);
        }
        foreach (var svd in new[] { ThinSvd.Of(a, false), ThinSvd.Jacobi(a, false), ThinSvd.Managed(a, false) })
        {
            Assert.Empty(svd.S);
            Assert.Equal((0, 0), (svd.U.RowCount, svd.U.ColumnCount));
            Assert.Equal((0, 0), (svd.VT.RowCount, svd.VT.ColumnCount));
        }
        // The full SVD: no values, U is m×0 and VT is 0×n with or without vectors.
        foreach (var full in new[] { Svd.Of(a), Svd.Of(a, false) })
        {
            Assert.Empty(full.S);
            Assert.Equal((m, 0), (full.U.RowCount, full.U.ColumnCount));
            Assert.Equal((0, n), (full.VT.RowCount, full.VT.ColumnCount));
        }
        Assert.Empty(Svd.Values(a));
        Assert.Equal(0, Norms.Spectral(a));
        Assert.Equal(0, Norms.Nuclear(a));
        Assert.Equal(0, Norms.FrobeniusSquared(a));
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(2, 3)]
    [InlineData(1, 1)]
    public void The_zero_matrix_has_zero_singular_values_and_orthonormal_vectors(int m, int n)
    {
        var a = Matrix<double>.Build.Dense(m, n);
        var svd = ThinSvd.Of(a);
        Assert.All(svd.S, s => Assert.Equal(0, s));
        AssertThinSvd(a, svd.S, svd.U, svd.VT, 0);
        Assert.Equal(0, svd.Spectral);
        // The full SVD of zero: min(m, n) zeros, U = I_m, VT = I_n.
        var full = Svd.Of(a);
        Assert.Equal(Math.Min(m, n), full.S.Count);
        Assert.All(full.S, s => Assert.Equal(0, s));
        Assert.Equal(Matrix<double>.Build.DenseIdentity(m), full.U);
        Assert.Equal(Matrix<double>.Build.DenseIdentity(n), full.VT);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_entries_are_refused(double bad)
    {
        var a = M(new double[,] { { 1, 2 }, { 3, bad } });
        foreach (var action in new Action[] { () => ThinSvd.Of(a), () => ThinSvd.Of(a, false), () => Svd.Of(a), () => Svd.Values(a) })
        {
            var e = Assert.Throws<NonFiniteException>(action);
            Assert.Contains("2×2 matrix to decompose has a non-finite entry", e.Message);
        }
        var h = M(new double[,] { { 1, bad }, { bad, 3 } });
        Assert.Contains("2×2 symmetric matrix to diagonalize has a non-finite entry",
            Assert.Throws<NonFiniteException>(() => SymmetricSpectrum.Of(h)).Message);
        Assert.Throws<NonFiniteException>(() => SymmetricSpectrum.Eigenvalues(h));
    }

    [Fact]
    public void Rank_deficient_matrices_get_completed_orthonormal_left_vectors()
    {
        // A = u·vᵀ with u = (1, 2, 2, 0), v = (3, 4, 0): σ = (‖u‖·‖v‖, 0, 0) = (15, 0, 0); the two left vectors of the zero
        // singular values have no column to come from and must complete U to orthonormal columns.
        var a = Matrix<double>.Build.DenseOfColumnVectors(Vector<double>.Build.DenseOfArray([1, 2, 2, 0])).Multiply(
            Matrix<double>.Build.DenseOfRowVectors(Vector<double>.Build.DenseOfArray([3, 4, 0])));
        foreach (var b in new[] { a, a.Transpose() })
        {
            var svd = ThinSvd.Of(b);
            Assert.Equal(15, svd.S[0], 13);
            Assert.True(svd.S[1] <= 1e-14 && svd.S[2] <= 1e-14);
            AssertThinSvd(b, svd.S, svd.U, svd.VT);
        }
        // A resolved column equal to e₁: the completion's first candidate e₁ lies in its span and must be skipped.
        var e1 = M(new double[,] { { 1, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 } });
        var d = ThinSvd.Of(e1);
        Assert.Equal([1.0, 0, 0], d.S);
        AssertThinSvd(e1, d.S, d.U, d.VT, 0);
        // Two equal columns: σ = (2, 0) for [[1, 1], [1, 1]], the second left vector completed.
        var twin = M(new double[,] { { 1, 1 }, { 1, 1 }, { 0, 0 } });
        var t = ThinSvd.Of(twin);
        Assert.Equal(2, t.S[0], 14);
        AssertThinSvd(twin, t.S, t.U, t.VT);
    }

    /// <summary>
    /// A left vector is the normalized column A·v_j/σ_j whenever σ_j is above the rounding level max(m, n)·u·σ₁, even when
    /// σ_j is small: then A·v_j = σ_j·u_j holds to the relative accuracy of σ_j (a completed vector would be a different one).
    /// Pins the cut of resolved columns (its direction of comparison and its scale by σ₁), on a matrix far from 1 in scale.
    /// </summary>
    [Fact]
    public void Small_but_resolved_singular_values_keep_their_own_left_vectors()
    {
        // A = Q₁·diag(1, 1e-6)·Q₂ᵀ·1e-8 with a 3×2 Q₁ of orthonormal columns: σ = (1e-8, 1e-14).
        var q1 = Sample(3, 2, 22).QR().Q.SubMatrix(0, 3, 0, 2);
        var q2 = Sample(2, 2, 23).QR().Q;
        var a = q1 * Matrix<double>.Build.DiagonalOfDiagonalArray([1e-8, 1e-14]) * q2.Transpose();
        foreach (var b in new[] { a, a.Transpose() })
        {
            var svd = ThinSvd.Jacobi(b);
            Assert.Equal(1, svd.S[0] / 1e-8, 12);
            Assert.Equal(1, svd.S[1] / 1e-14, 6);
            for (var j = 0; j < 2; j++)
            {
                var av = b * svd.VT.Row(j);
                var su = svd.U.Column(j) * svd.S[j];
                Assert.True((av - su).L2Norm() <= 1e-6 * svd.S[j], $"A·v_{j} ≠ σ_{j}·u_{j}");
            }
        }
    }

    /// <summary>
    /// The method by size: up to min(m, n) = 24 <see cref="ThinSvd.Of"/> is the Jacobi method (bit for bit on a matrix whose
    /// largest entry is in [1, 2), which is not scaled), above it another SVD that agrees with Jacobi's to rounding.
    /// </summary>
    [Fact]
    public void Jacobi_up_to_24_and_another_svd_at_25_agree()
    {
        var a24 = Sample(30, 24, 31);
        a24[0, 0] = 1.5; // largest entry in [1, 2): no scaling
        var of24 = ThinSvd.Of(a24);
        var jacobi24 = ThinSvd.Jacobi(a24);
        Assert.Equal(jacobi24.S, of24.S);
        Assert.Equal(jacobi24.U, of24.U);
        var a25 = 3 * Sample(25, 27, 32);
        var of25 = ThinSvd.Of(a25);
        AssertThinSvd(a25, of25.S, of25.U, of25.VT, 1e-12);
        var jacobi25 = ThinSvd.Jacobi(a25);
        AssertThinSvd(a25, jacobi25.S, jacobi25.U, jacobi25.VT, 1e-12);
        var managed25 = ThinSvd.Managed(a25);
        AssertThinSvd(a25, managed25.S, managed25.U, managed25.VT, 1e-12);
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(jacobi25.S[i], of25.S[i], 12);
            Assert.Equal(jacobi25.S[i], managed25.S[i], 12);
        }
        var values25 = ThinSvd.Of(a25, vectors: false);
        for (var i = 0; i < 25; i++) Assert.Equal(jacobi25.S[i], values25.S[i], 12);
        Assert.Equal((0, 0), (values25.U.RowCount, values25.U.ColumnCount));
    }

    /// <summary>
    /// One-sided Jacobi is accurate in the small singular values of a graded matrix A = B·D (B well conditioned): for
    /// A = [[1, ε], [0, ε]] = [[1, 1], [0, 1]]·diag(1, ε), σ₁σ₂ = |det A| = ε and σ₁ = 1 + O(ε²), so σ₂ = ε to full relative
    /// accuracy, far below u·σ₁. Pins the rotation formulas (tan θ ≈ −ε here) beyond backward stability. Only down to
    /// ε ≈ u²: below it the rotation is skipped as "changing nothing" (|tan θ| &lt; u²) and σ₂ comes out as √2·ε (reported,
    /// not fixed: the skip is also what stops rank-deficient matrices from rotating their rounding-noise columns forever).
    /// </summary>
    [Theory]
    [InlineData(1e-8)]
    [InlineData(1e-20)]
    [InlineData(1e-30)]
    public void Jacobi_is_accurate_in_the_small_singular_values_of_a_graded_matrix(double epsilon)
    {
        var a = M(new double[,] { { 1, epsilon }, { 0, epsilon } });
        foreach (var b in new[] { a, a.Transpose() })
        {
            var svd = ThinSvd.Of(b);
            Assert.Equal(1, svd.S[0], 14);
            Assert.Equal(1, svd.S[0] * svd.S[1] / epsilon, 12);
            AssertThinSvd(b, svd.S, svd.U, svd.VT);
        }
    }

    /// <summary>
    /// Below ε ≈ u² the graded matrix still gets a backward stable SVD: |σ₂ − ε| ≤ u·‖A‖₂ (Weyl), no endless rotation. At
    /// ε = 1e-153, |ζ| = 1/(2ε) > 1e150 takes the branch tan θ = 1/(2|ζ|) that avoids squaring ζ.
    /// </summary>
    [Theory]
    [InlineData(1e-100)]
    [InlineData(1e-153)]
    public void Jacobi_is_backward_stable_on_extremely_graded_matrices(double epsilon)
    {
        var a = M(new double[,] { { 1, epsilon }, { 0, epsilon } });
        foreach (var b in new[] { a, a.Transpose() })
        {
            var svd = ThinSvd.Of(b);
            Assert.Equal(1, svd.S[0], 15);
            Assert.True(Math.Abs(svd.S[1] - epsilon) <= 2 * U, $"σ₂ = {svd.S[1]}");
            AssertThinSvd(b, svd.S, svd.U, svd.VT);
        }
    }

    // ---------------------------------------------------------------- SymmetricSpectrum

    [Fact]
    public void Symmetric_eigenvalues_are_ascending_with_orthonormal_eigenvectors()
    {
        // [[5, 3], [3, 5]]: eigenvalues 5 ∓ 3 = (2, 8) with eigenvectors (1, ∓1)/√2; the largest entry 5 is scaled by 4 and back.
        var h = M(new double[,] { { 5, 3 }, { 3, 5 } });
        var (values, q) = SymmetricSpectrum.Of(h);
        Assert.Equal(2, values[0], 13);
        Assert.Equal(8, values[1], 13);
        Assert.Equal(values, SymmetricSpectrum.Eigenvalues(h));
        Assert.Equal(1, Math.Abs(q[0, 0] - q[1, 0]) / Math.Sqrt(2), 13); // (1, −1)/√2 up to sign
        // A 5×5 matrix: H q_j = λ_j q_j, QᵀQ = I, ascending, trace and Frobenius norm preserved.
        var b = 3 * Sample(5, 5, 41);
        var s = b + b.Transpose();
        var (lambda, vectors) = SymmetricSpectrum.Of(s);
        Assert.Equal((5, 5), (vectors.RowCount, vectors.ColumnCount));
        Assert.True(OffIdentity(vectors.TransposeThisAndMultiply(vectors)) <= 1e-13);
        for (var j = 0; j < 5; j++)
        {
            if (j > 0) Assert.True(lambda[j - 1] <= lambda[j]);
            Assert.True((s * vectors.Column(j) - lambda[j] * vectors.Column(j)).L2Norm() <= 1e-12 * s.FrobeniusNorm());
        }
        Assert.Equal(s.Trace(), lambda.Sum(), 12);
        Assert.Equal(s.FrobeniusNorm() * s.FrobeniusNorm(), lambda.Sum(x => x * x), 11);
        // Without vectors: the same values and an n×0 matrix.
        var (alone, none) = SymmetricSpectrum.Of(s, vectors: false);
        Assert.Equal(lambda, alone);
        Assert.Equal((5, 0), (none.RowCount, none.ColumnCount));
    }

    [Fact]
    public void Symmetric_edge_cases_zero_empty_and_non_square()
    {
        var (values, q) = SymmetricSpectrum.Of(Matrix<double>.Build.Dense(3, 3));
        Assert.Equal([0.0, 0, 0], values);
        Assert.Equal(Matrix<double>.Build.DenseIdentity(3), q);
        var (none, empty) = SymmetricSpectrum.Of(Matrix<double>.Build.Dense(0, 0));
        Assert.Empty(none);
        Assert.Equal((0, 0), (empty.RowCount, empty.ColumnCount));
        Assert.Contains("non-square", Assert.Throws<ArgumentException>(() => SymmetricSpectrum.Of(Matrix<double>.Build.Dense(2, 3))).Message);
        Assert.Throws<ArgumentException>(() => SymmetricSpectrum.Eigenvalues(Matrix<double>.Build.Dense(3, 2)));
        // 1×1: the entry itself, scaled by 2⁻⁴ and back exactly.
        Assert.Equal([-20.0], SymmetricSpectrum.Eigenvalues(M(new double[,] { { -20 } })));
    }

    /// <summary>The inertia at a tolerance exactly equal to |λ|: such eigenvalues are undecided (|λ| ≤ tol), not signed.</summary>
    [Fact]
    public void Inertia_counts_eigenvalues_beyond_the_tolerance_and_leaves_the_boundary_undecided()
    {
        // diag(2, −1, 0, 1): eigenvalues −1, 0, 1, 2 exactly (scaled by 2 and back).
        var h = Matrix<double>.Build.DiagonalOfDiagonalArray([2, -1, 0, 1]);
        var atOne = SymmetricSpectrum.Inertia(h, 1);
        Assert.Equal((0, 3, 1), (atOne.Negative, atOne.Undecided, atOne.Positive));
        Assert.Equal(1, atOne.Tolerance);
        Assert.Equal([-1.0, 0, 1, 2], atOne.Eigenvalues);
        Assert.Equal(-1, atOne.Smallest);
        Assert.Equal("(0 negative, 3 within ±1, 1 positive)", atOne.ToString());
        var half = SymmetricSpectrum.Inertia(h, 0.5);
        Assert.Equal((1, 1, 2), (half.Negative, half.Undecided, half.Positive));
        var zero = SymmetricSpectrum.Inertia(h, 0);
        Assert.Equal((1, 1, 2), (zero.Negative, zero.Undecided, zero.Positive));
        var two = SymmetricSpectrum.Inertia(h, 2);
        Assert.Equal((0, 4, 0), (two.Negative, two.Undecided, two.Positive));
        var empty = SymmetricSpectrum.Inertia(Matrix<double>.Build.Dense(0, 0), 1);
        Assert.Equal((0, 0, 0), (empty.Negative, empty.Undecided, empty.Positive));
        Assert.Equal(0, empty.Smallest);
    }

    /// <summary>
    /// BackwardError = n²·u·‖H‖_F (documented): sound for a matrix whose eigenvalues are known exactly, and the documented
    /// value on a hand case.
    /// </summary>
    [Fact]
    public void The_backward_error_covers_the_eigenvalue_error_and_is_n_squared_u_times_the_frobenius_norm()
    {
        // diag(3, 4): n² = 4, ‖H‖_F = 5, so 20u.
        Assert.Equal(1, SymmetricSpectrum.BackwardError(Matrix<double>.Build.DiagonalOfDiagonalArray([3, 4])) / (20 * U), 14);
        Assert.Equal(0, SymmetricSpectrum.BackwardError(Matrix<double>.Build.Dense(0, 0)));
        // [[2, 1, 0], [1, 2, 1], [0, 1, 2]] has eigenvalues 2 − √2, 2, 2 + √2; 3×3: 9u·‖H‖_F with ‖H‖_F = √16 = 4.
        var h = M(new double[,] { { 2, 1, 0 }, { 1, 2, 1 }, { 0, 1, 2 } });
        var bound = SymmetricSpectrum.BackwardError(h);
        Assert.Equal(1, bound / (36 * U), 14);
        double[] exact = [2 - Math.Sqrt(2), 2, 2 + Math.Sqrt(2)];
        var computed = SymmetricSpectrum.Eigenvalues(h);
        for (var i = 0; i < 3; i++) Assert.True(Math.Abs(computed[i] - exact[i]) <= bound + 4 * U * Math.Abs(exact[i]));
    }

    // ---------------------------------------------------------------- Factorizations

    [Fact]
    public void Balanced_factors_reproduce_the_matrix_and_share_their_gram_matrices()
    {
        var x = 3 * Sample(4, 3, 51);
        var sigma = FromGram(x);
        foreach (var r in new[] { 3, 5 })
        {
            var f = Factorizations.BalancedSvd(x, r);
            Assert.Equal((4, r), (f.U.RowCount, f.U.ColumnCount));
            Assert.Equal((3, r), (f.V.RowCount, f.V.ColumnCount));
            Assert.Equal(r, f.Width);
            Assert.True((f.Product - x).FrobeniusNorm() <= 1e-13 * x.FrobeniusNorm(), "U·Vᵀ ≠ X");
            // Balanced: UᵀU = VᵀV = diag(σ₁, …, σ_k, 0, …) (zero columns beyond min(m, n) = 3).
            var gu = f.U.TransposeThisAndMultiply(f.U);
            var gv = f.V.TransposeThisAndMultiply(f.V);
            Assert.True((gu - gv).FrobeniusNorm() <= 1e-13 * x.FrobeniusNorm());
            for (var i = 0; i < r; i++) Assert.Equal(i < 3 ? sigma[i] : 0, gu[i, i], 12);
            for (var i = 3; i < r; i++) Assert.Equal(0, f.U.Column(i).L2Norm() + f.V.Column(i).L2Norm());
        }
        // A wide matrix (m < n) too.
        var w = x.Transpose();
        var fw = Factorizations.BalancedSvd(w, 3);
        Assert.True((fw.Product - w).FrobeniusNorm() <= 1e-13 * w.FrobeniusNorm());
    }

    [Fact]
    public void Balanced_factors_truncate_to_r_columns_or_to_the_given_rank()
    {
        // X = diag(3, 2, 1) rotated: the rank-1 truncation is 3·w₁z₁ᵀ, ‖X − U·Vᵀ‖_F² = 2² + 1² = 5.
        var q = Sample(3, 3, 61).QR().Q;
        var x = q * Matrix<double>.Build.DiagonalOfDiagonalArray([3, 2, 1]) * q.Transpose();
        var one = Factorizations.BalancedSvd(x, 1);
        Assert.Equal(1, one.Width);
        Assert.Equal(5, Norms.FrobeniusSquared(x - one.Product), 12);
        Assert.Equal(3, one.U.Column(0).L2Norm() * one.V.Column(0).L2Norm(), 12);
        // r = 3 columns but rank 1: the same product, and the last two columns are zero.
        var ranked = Factorizations.BalancedSvd(x, 3, 1);
        Assert.Equal(3, ranked.Width);
        Assert.True((ranked.Product - one.Product).FrobeniusNorm() <= 1e-13);
        Assert.Equal(0, ranked.U.Column(1).L2Norm() + ranked.U.Column(2).L2Norm() + ranked.V.Column(1).L2Norm() + ranked.V.Column(2).L2Norm());
        // Rank 2 of 3 columns: ‖X − U·Vᵀ‖_F² = 1.
        Assert.Equal(1, Norms.FrobeniusSquared(x - Factorizations.BalancedSvd(x, 3, 2).Product), 12);
        // No rows: zero factors of the asked shapes.
        var empty = Factorizations.BalancedSvd(Matrix<double>.Build.Dense(0, 4), 2);
        Assert.Equal((0, 2, 4, 2), (empty.U.RowCount, empty.U.ColumnCount, empty.V.RowCount, empty.V.ColumnCount));
        var noColumns = Factorizations.BalancedSvd(Matrix<double>.Build.Dense(3, 0), 2);
        Assert.Equal((3, 2, 0, 2), (noColumns.U.RowCount, noColumns.U.ColumnCount, noColumns.V.RowCount, noColumns.V.ColumnCount));
    }

    // ---------------------------------------------------------------- Norms

    [Fact]
    public void Norms_from_hand_values()
    {
        var a = M(new double[,] { { 1, 2 }, { 3, -4 } });
        Assert.Equal(30, Norms.FrobeniusSquared(a)); // 1 + 4 + 9 + 16
        // [[2, 1], [1, 2]]: σ = (3, 1), nuclear 4, spectral 3; [[0, 0, 0], [0, 0, −5]]: nuclear = spectral = 5.
        var b = M(new double[,] { { 2, 1 }, { 1, 2 } });
        Assert.Equal(4, Norms.Nuclear(b), 14);
        Assert.Equal(3, Norms.Spectral(b), 14);
        var c = M(new double[,] { { 0, 0, 0 }, { 0, 0, -5 } });
        Assert.Equal(5, Norms.Nuclear(c), 14);
        Assert.Equal(5, Norms.Spectral(c), 14);
        Assert.Equal(0, Norms.Spectral(Matrix<double>.Build.Dense(2, 2)));
        // The spectral norm is the largest stretch: ‖A x‖ ≤ ‖A‖₂‖x‖, with equality near the top right singular vector.
        var d = 3 * Sample(4, 3, 71);
        var spectral = Norms.Spectral(d);
        var top = ThinSvd.Of(d).VT.Row(0);
        Assert.Equal(spectral, (d * top).L2Norm(), 12);
        Assert.Equal(Math.Sqrt(FromGram(d).Sum(x => x * x)), Math.Sqrt(Norms.FrobeniusSquared(d)), 12);
        Assert.Equal(FromGram(d).Sum(), Norms.Nuclear(d), 12);
    }

    [Fact]
    public void Path_norm_and_absolute_product_mass_from_hand_values()
    {
        // u₁ = (3, 4), v₁ = (1, 0): 5·1; u₂ = (0, 1), v₂ = (0, −2): 1·2. Σ = 7.
        var u = M(new double[,] { { 3, 0 }, { 4, 1 } });
        var v = M(new double[,] { { 1, 0 }, { 0, -2 } });
        Assert.Equal(7, Norms.PathNorm(u, v), 14);
        Assert.Equal(0, Norms.PathNorm(Matrix<double>.Build.Dense(2, 0), Matrix<double>.Build.Dense(3, 0)));
        // |A|·|B|ᵀ = [[1, 1], [0, 2]]·[[1, 1], [0, 1]] = [[1, 2], [0, 2]], squared entries summed: 1 + 4 + 0 + 4 = 9.
        var a = M(new double[,] { { 1, -1 }, { 0, 2 } });
        var b = M(new double[,] { { 1, 0 }, { -1, 1 } });
        Assert.Equal(9, Norms.AbsoluteProductMass(a, b));
        // Its square root bounds ‖A·Bᵀ‖_F (here A·Bᵀ = [[1, −2], [0, 2]], ‖·‖_F² = 9: equal, all terms of one sign per entry).
        Assert.True(Norms.FrobeniusSquared(a * b.Transpose()) <= Norms.AbsoluteProductMass(a, b));
        var c = M(new double[,] { { 1, 1 } });
        var e = M(new double[,] { { 1, -1 } });
        Assert.Equal(0, Norms.FrobeniusSquared(c * e.Transpose()));
        Assert.Equal(4, Norms.AbsoluteProductMass(c, e)); // (1 + 1)² although the product is 0
    }
}
