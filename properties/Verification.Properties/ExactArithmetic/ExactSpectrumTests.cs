using System.Numerics;
using Fractions;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.ExactArithmetic;

/// <summary>
/// Exact rational spectra, best rational approximations and exact square roots (from surviving and uncovered mutants in
/// <c>Numerics/ExactSpectrum.cs</c>): matrices with known rational eigenvalues at scales double cannot hold, rational
/// rotations whose entries have denominators beyond 2⁵⁰, continued-fraction convergents of π, and perfect squares.
/// Expected values were computed by hand or with Python's <c>fractions</c>.
/// </summary>
public class ExactSpectrumTests
{
    private static readonly BigInteger Ten = 10;

    private static Fraction F(long p, long q = 1) => new(p, q);

    private static ExactMatrix M(params Fraction[][] rows) => ExactMatrix.FromRows(rows);

    /// <summary>Q·diag(values)·Qᵀ.</summary>
    private static ExactMatrix Conjugate(ExactMatrix q, params Fraction[] values) =>
        q.Multiply(ExactLinearAlgebra.Diagonal(values)).Multiply(q.Transpose());

    /// <summary>The rotation [[c, −s], [s, c]] with c = (p² − q²)/(p² + q²), s = 2pq/(p² + q²).</summary>
    private static ExactMatrix Rotation(long p, long q)
    {
        var h = new BigInteger(p) * p + new BigInteger(q) * q;
        var c = new Fraction(new BigInteger(p) * p - new BigInteger(q) * q, h);
        var s = new Fraction(2 * new BigInteger(p) * q, h);
        return M([c, -s], [s, c]);
    }

    /// <summary>The spectrum is complete, largest first, with the expected multiplicities, and every basis column is an eigenvector.</summary>
    private static void AssertSpectrum(ExactMatrix a, IReadOnlyList<RationalEigenspace>? spectrum, params (Fraction Value, int Multiplicity)[] expected)
    {
        Assert.NotNull(spectrum);
        Assert.Equal(expected.Select(e => e.Value), spectrum.Select(e => e.Value));
        Assert.Equal(expected.Select(e => e.Multiplicity), spectrum.Select(e => e.Multiplicity));
        foreach (var e in spectrum)
        {
            Assert.Equal(a.RowCount, e.Basis.RowCount);
            Assert.True(a.Multiply(e.Basis).EqualTo(e.Basis.Scale(e.Value)), $"A·basis ≠ {e.Value}·basis");
            Assert.Equal(e.Multiplicity, e.Basis.Rank());
        }
    }

    [Fact]
    public void A_diagonal_matrix_has_its_diagonal_as_spectrum_largest_first()
    {
        var a = ExactLinearAlgebra.Diagonal([F(-3), F(5, 2), F(1, 3), F(5, 2)]);
        AssertSpectrum(a, ExactSpectrum.TryRational(a), (F(5, 2), 2), (F(1, 3), 1), (F(-3), 1));
    }

    [Fact]
    public void A_rotated_diagonal_keeps_its_eigenvalues()
    {
        // Q = [[3/5, −4/5], [4/5, 3/5]], A = Q·diag(7/2, −4)·Qᵀ:
        var q = M([F(3, 5), F(-4, 5)], [F(4, 5), F(3, 5)]);
        var a = Conjugate(q, F(7, 2), F(-4));
        // a11 = 9/25·7/2 + 16/25·(−4) = 63/50 − 128/50 = −13/10; a12 = 12/25·(7/2 + 4) = 18/5; a22 = 16/25·7/2 + 9/25·(−4) = 56/25 − 36/25 = 4/5.
        Assert.True(a.EqualTo(M([F(-13, 10), F(18, 5)], [F(18, 5), F(4, 5)])));
        AssertSpectrum(a, ExactSpectrum.TryRational(a), (F(7, 2), 1), (F(-4), 1));
    }

    [Fact]
    public void Blocks_with_a_repeated_negative_eigenvalue()
    {
        // diag(Q·diag(−2, −2)·Qᵀ = −2I, [[1, 2], [2, 1]] with eigenvalues 3 and −1).
        var a = M(
            [F(-2), F(0), F(0), F(0)],
            [F(0), F(-2), F(0), F(0)],
            [F(0), F(0), F(1), F(2)],
            [F(0), F(0), F(2), F(1)]);
        AssertSpectrum(a, ExactSpectrum.TryRational(a), (F(3), 1), (F(-1), 1), (F(-2), 2));
    }

    [Fact]
    public void The_zero_matrix_and_the_empty_matrix()
    {
        var zero = ExactLinearAlgebra.Zero(3, 3);
        AssertSpectrum(zero, ExactSpectrum.TryRational(zero), (F(0), 3));
        Assert.Empty(ExactSpectrum.TryRational(ExactLinearAlgebra.Zero(0, 0))!);
    }

    [Theory]
    [InlineData(400)] // entries 10^400: beyond double's range
    [InlineData(-400)] // entries 10^-400: below the smallest subnormal
    [InlineData(40)]
    public void Eigenvalues_at_any_scale_are_found(int power)
    {
        var scale = power >= 0 ? new Fraction(BigInteger.Pow(Ten, power)) : new Fraction(BigInteger.One, BigInteger.Pow(Ten, -power));
        var q = M([F(3, 5), F(-4, 5)], [F(4, 5), F(3, 5)]);
        var a = Conjugate(q, F(2) * scale, F(-1, 3) * scale);
        AssertSpectrum(a, ExactSpectrum.TryRational(a), (F(2) * scale, 1), (F(-1, 3) * scale, 1));
        var d = ExactLinearAlgebra.Diagonal([scale, F(-2) * scale, scale]);
        AssertSpectrum(d, ExactSpectrum.TryRational(d), (scale, 2), (F(-2) * scale, 1));
    }

    [Fact]
    public void Eigenvalues_with_small_denominators_are_found_when_the_entries_denominators_pass_two_to_the_fifty()
    {
        // diag(2, R·diag(1, −1)·Rᵀ) with R the rotation of the triple (5001² − 4000², 2·5001·4000, 5001² + 4000²): the
        // rotated block's entries have denominator (5001² + 4000²)² ≈ 1.7·10¹⁵, and its eigenvalues are 1 and −1.
        var r = Rotation(5001, 4000);
        var block = Conjugate(r, F(1), F(-1));
        Assert.True(block.CommonDenominator() > BigInteger.One << 50);
        var a = ExactMatrix.Create(3, 3, (i, j) => i == 0 || j == 0 ? (i == j ? F(2) : F(0)) : block[i - 1, j - 1]);
        AssertSpectrum(a, ExactSpectrum.TryRational(a), (F(2), 1), (F(1), 1), (F(-1), 1));
    }

    [Fact]
    public void An_eigenvalue_is_found_among_the_multiples_of_the_common_denominator_beyond_max_denominator()
    {
        // Eigenvalues 1, 3/4: with denominators up to 1 the best approximation of 3/4 is 1, but 3/4 = k/d for d = 4.
        var a = ExactLinearAlgebra.Diagonal([F(3, 4), F(1)]);
        AssertSpectrum(a, ExactSpectrum.TryRational(a, maxDenominator: 1), (F(1), 1), (F(3, 4), 1));
        // 10⁻⁹ is approximated by 0 (also an eigenvalue) with denominators up to 10⁶; 10⁻⁹ = 1/d itself is a candidate.
        // (This returned null while accepting 0 for the estimate of 10⁻⁹ ended that estimate's candidates.)
        var b = ExactLinearAlgebra.Diagonal([F(1), F(1, 1_000_000_000), F(0)]);
        AssertSpectrum(b, ExactSpectrum.TryRational(b), (F(1), 1), (F(1, 1_000_000_000), 1), (F(0), 1));
    }

    [Fact]
    public void Irrational_spectra_get_no_answer()
    {
        // [[1, 1], [1, 0]]: (1 ± √5)/2; [[3, 1/2], [1/2, −7]]: −2 ± √101/2. By contrast [[2, 1], [1, 2]]/7 has 3/7 and 1/7.
        Assert.Null(ExactSpectrum.TryRational(M([F(1), F(1)], [F(1), F(0)])));
        Assert.Null(ExactSpectrum.TryRational(M([F(3), F(1, 2)], [F(1, 2), F(-7)])));
        var rational = M([F(2, 7), F(1, 7)], [F(1, 7), F(2, 7)]);
        AssertSpectrum(rational, ExactSpectrum.TryRational(rational), (F(3, 7), 1), (F(1, 7), 1));
    }

    [Fact]
    public void Non_square_and_non_symmetric_matrices_are_refused()
    {
        var tall = ExactLinearAlgebra.Zero(3, 2);
        Assert.Contains("symmetric", Assert.Throws<ArgumentException>(() => ExactSpectrum.TryRational(tall)).Message);
        var skew = M([F(1), F(2)], [F(3), F(1)]);
        Assert.Contains("symmetric", Assert.Throws<ArgumentException>(() => ExactSpectrum.TryRational(skew)).Message);
    }

    [Theory]
    [InlineData(Math.PI, 1, 3, 1)]
    [InlineData(Math.PI, 6, 3, 1)]
    [InlineData(Math.PI, 7, 22, 7)]
    [InlineData(Math.PI, 105, 22, 7)]
    [InlineData(Math.PI, 106, 333, 106)]
    [InlineData(Math.PI, 113, 355, 113)]
    [InlineData(Math.PI, 33101, 355, 113)]
    [InlineData(-Math.PI, 7, -22, 7)]
    [InlineData(-Math.PI, 113, -355, 113)]
    [InlineData(0.5, 1, 0, 1)]
    [InlineData(0.5, 2, 1, 2)]
    [InlineData(0.75, 1, 1, 1)]
    [InlineData(-2.75, 3, -3, 1)]
    [InlineData(-2.75, 4, -11, 4)]
    [InlineData(0.0, 10, 0, 1)]
    [InlineData(5.0, 1, 5, 1)]
    [InlineData(-3.0, 100, -3, 1)]
    [InlineData(1e16, 7, 10_000_000_000_000_000, 1)]
    [InlineData(-3e15, 7, -3_000_000_000_000_000, 1)]
    [InlineData(1e15 + 0.5, 10, 2_000_000_000_000_001, 2)] // exactly (2·10¹⁵ + 1)/2
    [InlineData(1e-12, 2_000_000_000_000, 1, 1_000_000_000_000)]
    [InlineData(1e-12, 100_000_000_000, 0, 1)]
    public void Best_rational_approximations_are_continued_fraction_convergents(double x, long maxDenominator, long p, long q) =>
        Assert.Equal(F(p, q), ExactSpectrum.BestRational(x, maxDenominator));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_numbers_have_no_best_rational(double x) =>
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => ExactSpectrum.BestRational(x, 100)).Message);

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("4", "2")]
    [InlineData("9/4", "3/2")]
    [InlineData("1/16", "1/4")]
    [InlineData("2", null)]
    [InlineData("3", null)]
    [InlineData("5", null)]
    [InlineData("8", null)]
    [InlineData("2/9", null)]
    [InlineData("9/2", null)]
    [InlineData("-4", null)]
    [InlineData("-1/9", null)]
    [InlineData("152415787532388367504942236884722755800955129", "12345678901234567890123")]
    [InlineData("152415787532388367504942236884722755800955128", null)]
    [InlineData("152415787532388367504942236884722755800955130", null)]
    [InlineData("1/152415787532388367504942236884722755800955129", "1/12345678901234567890123")]
    [InlineData("4/152415787532388367504942236884722755800955130", null)]
    public void Exact_square_roots_of_perfect_squares_only(string x, string? root)
    {
        var r = ExactSpectrum.TrySquareRoot(Exact.Parse(x));
        if (root is null) Assert.Null(r);
        else Assert.Equal(Exact.Parse(root), r);
    }
}
