using System.Numerics;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.ExactArithmetic;

/// <summary>
/// The inline/big boundary of <see cref="Rational"/> at 2⁶² and its edge values (from surviving and uncovered mutants in
/// <c>Numerics/Rational.cs</c>): the representation is canonical, so a value is equal to (and hashes like) the same value
/// reached another way, and it is stored inline exactly when numerator and denominator are below 2⁶² in magnitude.
/// </summary>
public class RationalTests
{
    private const long Limit = 1L << 62;

    private static Rational Big(string text) => Rational.Parse(text);

    private static void AssertCanonical(Rational x, string text)
    {
        var expected = Rational.Parse(text);
        Assert.Equal(expected, x);
        Assert.True(expected == x);
        Assert.Equal(expected.GetHashCode(), x.GetHashCode());
        Assert.Equal(text, x.ToString());
        var n = BigInteger.Abs(x.Numerator);
        Assert.Equal(n < Limit && x.Denominator < Limit, x.IsSmall);
    }

    [Theory]
    [InlineData(Limit - 1, "4611686018427387903")]
    [InlineData(Limit, "4611686018427387904")]
    [InlineData(Limit + 1, "4611686018427387905")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(-(Limit - 1), "-4611686018427387903")]
    [InlineData(-Limit, "-4611686018427387904")]
    [InlineData(-Limit - 1, "-4611686018427387905")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(0, "0")]
    [InlineData(-7, "-7")]
    public void Integers_are_stored_inline_exactly_below_two_to_the_62(long value, string text)
    {
        AssertCanonical(Rational.Of(value), text);
        AssertCanonical(value, text); // the implicit conversion from long
        AssertCanonical(Rational.Of(value, 1), text);
        // Negation is exact on both sides of the boundary (−long.MinValue is not a long).
        AssertCanonical(-Rational.Of(value), value == 0 ? "0" : text.StartsWith('-') ? text[1..] : "-" + text);
    }

    [Theory]
    [InlineData(Limit - 1, 1, "4611686018427387904")] // 2⁶²
    [InlineData(Limit - 1, 2, "4611686018427387905")]
    [InlineData(Limit - 2, 1, "4611686018427387903")]
    [InlineData(-(Limit - 1), -1, "-4611686018427387904")]
    [InlineData(-(Limit - 1), -2, "-4611686018427387905")]
    [InlineData(-(Limit - 2), -1, "-4611686018427387903")]
    [InlineData(Limit - 1, -(Limit - 1), "0")]
    [InlineData(Limit - 1, Limit - 1, "9223372036854775806")]
    [InlineData(-(Limit - 1), -(Limit - 1), "-9223372036854775806")]
    public void Sums_of_integers_cross_the_boundary_exactly(long a, long b, string sum)
    {
        AssertCanonical(Rational.Of(a) + Rational.Of(b), sum);
        AssertCanonical(Rational.Of(b) + Rational.Of(a), sum);
        AssertCanonical(Rational.Of(a) - Rational.Of(-b), sum);
    }

    [Fact]
    public void Sums_of_fractions_near_the_boundary()
    {
        // (2⁶² − 1)/3 + 1/3 = 2⁶²/3; 1/(2⁶² − 1) + 1/(2⁶² − 1) = 2/(2⁶² − 1); 1/2 + 1/6 = 2/3.
        AssertCanonical(Rational.Of(Limit - 1, 3) + Rational.Of(1, 3), "4611686018427387904/3");
        AssertCanonical(Rational.Of(1, Limit - 1) + Rational.Of(1, Limit - 1), "2/4611686018427387903");
        AssertCanonical(Rational.Of(1, 2) + Rational.Of(1, 6), "2/3");
        AssertCanonical(Rational.Of(5, 6) + Rational.Of(1, 6), "1");
        AssertCanonical(Rational.Of(1, 4) + Rational.Of(1, 4), "1/2");
        AssertCanonical(Rational.Of(-3, 10) + Rational.Of(7, 15), "1/6"); // (−9 + 14)/30
        // Numerators near 2⁶² over coprime and over non-coprime denominators: sums past 2⁶³ before reduction.
        AssertCanonical(Rational.Of(Limit / 2 + 1, 3) + Rational.Of(Limit / 2 + 2, 5), "6148914691236517209/5");
        AssertCanonical(Rational.Of(Limit - 3, 6) + Rational.Of(Limit - 1, 10), "18446744073709551607/15");
        AssertCanonical(Rational.Of(-(Limit - 3), 6) + Rational.Of(-(Limit - 1), 10), "-18446744073709551607/15");
    }

    [Fact]
    public void Sign_and_integrality_of_big_values()
    {
        var huge = Big("1180591620717411303424"); // 2⁷⁰
        Assert.Equal(1, huge.Sign);
        Assert.Equal(-1, (-huge).Sign);
        Assert.True(huge.IsInteger);
        Assert.False(huge.IsSmall);
        var tiny = Big("1/1180591620717411303424");
        Assert.Equal(1, tiny.Sign);
        Assert.Equal(-1, (-tiny).Sign);
        Assert.False(tiny.IsInteger);
        Assert.False(Big("3/1180591620717411303424").IsInteger);
        Assert.Equal(0, Rational.Zero.Sign);
        Assert.Equal(-1, Rational.Of(-2, 3).Sign);
        Assert.True(Rational.Of(3).IsInteger);
        Assert.True(Rational.Of(6, 3).IsInteger);
        Assert.True(Rational.Zero.IsInteger);
        Assert.False(Rational.Of(1, 3).IsInteger);
        Assert.False(Rational.Half.IsInteger);
        Assert.Equal(huge, Rational.Abs(-huge));
        Assert.Equal(tiny, Rational.Abs(tiny));
        Assert.Equal(Rational.Of(2, 3), Rational.Abs(Rational.Of(-2, 3)));
        Assert.Equal(Rational.Zero, Rational.Abs(Rational.Zero));
        Assert.Equal(huge, Rational.Max(huge, -huge));
        Assert.Equal(-huge, Rational.Min(huge, -huge));
        Assert.Equal(Rational.Half, Rational.Max(Rational.Of(1, 3), Rational.Half));
        Assert.Equal(Rational.Of(1, 3), Rational.Min(Rational.Of(1, 3), Rational.Half));
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(1, "2")]
    [InlineData(10, "1024")]
    [InlineData(-1, "1/2")]
    [InlineData(-3, "1/8")]
    [InlineData(61, "2305843009213693952")]
    [InlineData(62, "4611686018427387904")]
    [InlineData(70, "1180591620717411303424")]
    [InlineData(-62, "1/4611686018427387904")]
    [InlineData(-70, "1/1180591620717411303424")]
    public void Powers_of_two(int e, string text)
    {
        AssertCanonical(Rational.PowerOfTwo(e), text);
        Assert.Equal(Rational.One, Rational.PowerOfTwo(e) * Rational.PowerOfTwo(-e));
    }

    [Fact]
    public void Zero_denominators_and_the_reciprocal_of_zero_are_refused()
    {
        Assert.Contains("zero denominator", Assert.Throws<DivideByZeroException>(() => Rational.Of(1, 0)).Message);
        Assert.Contains("zero denominator", Assert.Throws<DivideByZeroException>(() => Rational.Create(BigInteger.One, BigInteger.Zero)).Message);
        Assert.Contains("reciprocal of 0", Assert.Throws<DivideByZeroException>(() => Rational.Zero.Reciprocal()).Message);
        Assert.Contains("reciprocal of 0", Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero).Message);
    }

    [Theory]
    [InlineData("3/7", "7/3")]
    [InlineData("-3/7", "-7/3")]
    [InlineData("-1", "-1")]
    [InlineData("5", "1/5")]
    [InlineData("-4611686018427387903", "-1/4611686018427387903")]
    [InlineData("1180591620717411303424", "1/1180591620717411303424")]
    [InlineData("-3/1180591620717411303424", "-1180591620717411303424/3")]
    public void Reciprocals(string x, string reciprocal)
    {
        AssertCanonical(Rational.Parse(x).Reciprocal(), reciprocal);
        Assert.Equal(Rational.One, Rational.Parse(x) * Rational.Parse(x).Reciprocal());
    }

    [Fact]
    public void Upper_doubles_beyond_the_range_of_double()
    {
        var huge = Rational.PowerOfTwo(1100);
        Assert.Equal(double.PositiveInfinity, huge.UpperDouble());
        // The least double at least −2¹¹⁰⁰ is the most negative finite double.
        Assert.Equal(-double.MaxValue, (-huge).UpperDouble());
        Assert.True(Rational.FromDouble(-double.MaxValue) >= -huge);
        Assert.Equal(1.0, Rational.One.UpperDouble());
        Assert.Equal(Math.BitIncrement(1.0 / 3), Rational.Of(1, 3).UpperDouble()); // 1/3 rounds down to the nearest double
        Assert.True(Rational.FromDouble(Rational.Of(1, 3).UpperDouble()) > Rational.Of(1, 3));
    }

    [Fact]
    public void Hash_codes_follow_equality_and_spread_over_big_values()
    {
        var ways = new[] { Rational.Of(Limit - 1) + 1, Rational.PowerOfTwo(62), Rational.Parse("4611686018427387904"), Rational.Of(Limit) };
        Assert.Single(ways.Select(x => x.GetHashCode()).Distinct());
        Assert.Single(new HashSet<Rational>(ways));
        var small = new HashSet<Rational> { Rational.Of(1, 2), Rational.Of(2, 4), Rational.Half, Rational.Of(-1, -2), Rational.Of(1, 3) };
        Assert.Equal(2, small.Count);
        // Distinct big values should not all share one hash code (ten distinct values colliding would be a broken hash).
        var bigs = Enumerable.Range(70, 10).Select(Rational.PowerOfTwo).Select(x => x + Rational.Of(1, 3)).ToArray();
        Assert.True(bigs.Select(x => x.GetHashCode()).Distinct().Count() > 1);
        Assert.Equal(10, new HashSet<Rational>(bigs).Count);
    }
}
