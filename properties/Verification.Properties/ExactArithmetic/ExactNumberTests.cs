using System.Numerics;
using Fractions;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.ExactArithmetic;

/// <summary>
/// Exact numbers at the edges the claims rarely reach (from surviving and uncovered mutants in <c>Numerics/</c>): doubles
/// of fractions whose numerator and denominator are beyond double's range, exact decimal parsing and its refusals, the
/// exact value of subnormal doubles, and the field matrices' arithmetic and shape checks.
/// </summary>
public class ExactNumberTests
{
    private static readonly BigInteger Ten = 10;

    [Theory]
    [InlineData(40, 7, 1.4285714285714284e39)]
    [InlineData(400, 3, double.PositiveInfinity)] // beyond double: the value itself overflows
    [InlineData(-400, 3, 0.0)] // 3 / 10^400: the value itself underflows
    public void Doubles_of_fractions_beyond_double_range_are_the_value_they_stand_for(int power, int other, double expected)
    {
        var x = power >= 0 ? new Fraction(BigInteger.Pow(Ten, power), other) : new Fraction(other, BigInteger.Pow(Ten, -power));
        var d = Exact.ToDouble(x);
        Assert.Equal(expected, d, expected == 0 || double.IsInfinity(expected) ? 0 : Math.Abs(expected) * 4e-16);
        Assert.Equal(-d, Exact.ToDouble(-x));
    }

    [Fact]
    public void Huge_numerators_and_denominators_keep_their_ratio_sign_and_range()
    {
        var huge = BigInteger.Pow(Ten, 400);
        // 2^1100 is beyond double's range, the ratio 2^1100 / 10^300 is not.
        Assert.Equal(1.3582985290493859e31, Exact.ToDouble(new Fraction(BigInteger.Pow(2, 1100), BigInteger.Pow(Ten, 300))), 1.4e31 * 4e-16);
        Assert.Equal(10.0 / 3, Exact.ToDouble(new Fraction(huge + 1, 3 * huge / 10)), 4e-15);
        Assert.Equal(0.5, Exact.ToDouble(new Fraction(huge + 1, 2 * huge)), 1e-16);
        Assert.Equal(-0.25, Exact.ToDouble(new Fraction(-huge - 1, 4 * huge)), 1e-16);
        Assert.Equal(double.PositiveInfinity, Exact.ToDouble(new Fraction(BigInteger.Pow(huge, 5), 3)));
        Assert.Equal(double.NegativeInfinity, Exact.ToDouble(new Fraction(-BigInteger.Pow(huge, 5), 3)));
        Assert.Equal(0.0, Exact.ToDouble(new Fraction(3, BigInteger.Pow(huge, 5))));
        Assert.Equal(0.0, Exact.ToDouble(Fraction.Zero));
    }

    /// <summary>
    /// Fractions' own <c>Fraction.ToDouble()</c> returns 0 for every value below about 2⁻⁹⁷¹ (its denominator is beyond
    /// double's range): 10⁻³⁰⁰ read exactly came back as 0. The library converts through <see cref="Exact.ToDouble"/>
    /// everywhere (the analyzer in src/BannedSymbols.txt refuses the other), so tiny values survive every path.
    /// </summary>
    [Theory]
    [InlineData(3e-300)]
    [InlineData(1e-305)]
    [InlineData(2.2250738585072014e-308)] // the smallest normal double
    [InlineData(1e-310)] // subnormal
    [InlineData(5e-324)] // the smallest subnormal
    [InlineData(1e300)]
    [InlineData(1.7976931348623157e308)]
    public void Tiny_and_huge_doubles_come_back_from_their_exact_value(double d)
    {
        foreach (var v in new[] { d, -d })
        {
            var x = Exact.FromDouble(v);
            Assert.Equal(v, Exact.ToDouble(x));
            Assert.Equal(v, x.ToDoubleAnyScale());
            Assert.Equal(v, Rational.FromDouble(v).ToDouble());
            Assert.Equal(v, Fields.Rational.ToDouble(x));
            Assert.Equal(v, ExactMatrix.Create(1, 1, (_, _) => x).ToDouble()[0, 0]);
        }
        // Sums and products of tiny exact values too: 3·10⁻³⁰⁰ + 10⁻³⁰⁰ = 4·10⁻³⁰⁰ within rounding.
        var sum = Exact.FromDouble(3e-300) + Exact.FromDouble(1e-300);
        Assert.Equal(4e-300, sum.ToDoubleAnyScale(), 4e-300 * 4e-16);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("1/0", "zero denominator")]
    [InlineData("abc", "not a decimal")]
    [InlineData(".", "not a decimal")]
    [InlineData("1/x", "not p/q")]
    [InlineData("1.5/2", "not p/q")]
    [InlineData("1e10001", "beyond")]
    [InlineData("1e-10001", "beyond")]
    [InlineData("NaN", "not a decimal")]
    public void Malformed_literals_are_refused_with_the_reason(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Exact.Parse(text));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Every_finite_double_is_its_exact_dyadic_rational()
    {
        Assert.Equal(new Fraction(3602879701896397, 36028797018963968), Exact.FromDouble(0.1));
        Assert.Equal(-new Fraction(3602879701896397, 36028797018963968), Exact.FromDouble(-0.1));
        Assert.Equal(new Fraction(BigInteger.One, BigInteger.One << 1074), Exact.FromDouble(double.Epsilon));
        Assert.Equal(-new Fraction(BigInteger.One, BigInteger.One << 1074), Exact.FromDouble(-double.Epsilon));
        Assert.Equal(new Fraction(new BigInteger(3), BigInteger.One << 1073), Exact.FromDouble(3 * double.Epsilon * 2));
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            Assert.Contains("not a finite number", Assert.Throws<ArgumentException>(() => Exact.FromDouble(bad)).Message);
    }

    [Fact]
    public void Exact_matrices_add_embed_and_refuse_mismatched_shapes()
    {
        var a = ExactMatrix.Create(2, 2, (i, j) => new Fraction(i + 1, j + 2)); // [[1/2, 1/3], [1, 2/3]]
        var b = ExactMatrix.Create(2, 2, (i, j) => new Fraction(i - j));
        var sum = a.Add(b);
        Assert.Equal(new Fraction(1, 2), sum[0, 0]);
        Assert.Equal(new Fraction(-2, 3), sum[0, 1]);
        Assert.Equal(new Fraction(2), sum[1, 0]);
        var e = a.Embed(3, 4);
        Assert.Equal((3, 4), (e.RowCount, e.ColumnCount));
        Assert.Equal(new Fraction(2, 3), e[1, 1]);
        Assert.True(e[2, 3].IsZero && e[0, 2].IsZero && e[2, 0].IsZero);
        Assert.Contains("inner dimensions", Assert.Throws<ArgumentException>(() => a.Multiply(ExactMatrix.Create(3, 1, (_, _) => Fraction.One))).Message);
    }

    [Fact]
    public void Field_arithmetic_divides_negates_and_refuses_an_exact_zero_divisor()
    {
        var q = Fields.Rational;
        Assert.Equal(new Fraction(3, 2), q.Divide(new Fraction(3, 4), new Fraction(1, 2)));
        Assert.Equal(new Fraction(-3, 4), q.Negate(new Fraction(3, 4)));
        Assert.Equal(Fraction.Zero, q.Multiply(Fraction.Zero, new Fraction(5)));
        Assert.Equal(new Fraction(15, 8), q.Multiply(new Fraction(5, 2), new Fraction(3, 4)));
        Assert.Throws<DivideByZeroException>(() => q.Divide(Fraction.One, Fraction.Zero));
        var d = Fields.Double;
        Assert.Equal(1.5, d.Divide(3, 2));
        Assert.Equal(-2.0, d.Negate(2));
    }

    [Fact]
    public void Field_matrices_take_the_Frobenius_inner_product_and_check_shapes()
    {
        foreach (var check in new Action[] { () => Check(Fields.Rational, k => new Fraction(k)), () => Check(Fields.Double, k => (double)k) })
            check();
    }

    private static void Check<T>(Field<T> f, Func<long, T> of)
    {
        // A = [[1, 2, 3], [4, 5, 6]], B = [[1, 0, -1], [2, 1, 0]]: ⟨A, B⟩ = 1 − 3 + 8 + 5 = 11.
        var a = FieldMatrix<T>.Create(f, 2, 3, (i, j) => of(3 * i + j + 1));
        var b = FieldMatrix<T>.Create(f, 2, 3, (i, j) => of(new long[,] { { 1, 0, -1 }, { 2, 1, 0 } }[i, j]));
        Assert.Equal(of(11), a.Inner(b));
        Assert.Equal(of(91), a.Inner(a));
        Assert.Equal(of(21 + 3), a.Add(b).Inner(FieldMatrix<T>.Create(f, 2, 3, (_, _) => f.One)));
        Assert.Equal(of(21 - 3), a.Subtract(b).Inner(FieldMatrix<T>.Create(f, 2, 3, (_, _) => f.One)));
        var wide = FieldMatrix<T>.Create(f, 2, 2, (_, _) => f.One);
        var tall = FieldMatrix<T>.Create(f, 3, 2, (_, _) => f.One);
        Assert.Contains("shapes differ", Assert.Throws<ArgumentException>(() => a.Add(tall)).Message);
        Assert.Contains("shapes differ", Assert.Throws<ArgumentException>(() => a.Subtract(wide)).Message);
        Assert.Contains("shapes differ", Assert.Throws<ArgumentException>(() => a.Inner(wide)).Message);
        Assert.Contains("shapes differ", Assert.Throws<ArgumentException>(() => a.Inner(a.Transpose())).Message);
        Assert.Contains("cannot multiply", Assert.Throws<ArgumentException>(() => a.Multiply(a)).Message);
        Assert.Contains("non-square", Assert.Throws<ArgumentException>(() => a.Trace()).Message);
        Assert.Equal(of(1 + 6), FieldMatrix<T>.Create(f, 2, 2, (i, j) => of(4 * i + j + 1)).Trace());
    }
}
