using Verification.Numerics;
using Xunit;

namespace Verification.Properties.ExactArithmetic;

/// <summary>Exact arithmetic in Q(√D) (from surviving and uncovered mutants in <c>Numerics/QuadraticSurd.cs</c>).</summary>
public class QuadraticSurdTests
{
    private static QuadraticSurd S(long a, long b, long d) => new(Rational.Of(a), Rational.Of(b), Rational.Of(d));

    [Fact]
    public void Products_and_sums_follow_the_rules_of_the_field()
    {
        // (1 + 2√3)(3 − √3) = 3 − √3 + 6√3 − 6 = −3 + 5√3
        Assert.Equal(S(-3, 5, 3), S(1, 2, 3) * S(3, -1, 3));
        Assert.Equal(S(6, 0, 3), S(0, 2, 3) * S(0, 1, 3));
        Assert.Equal(S(2, 4, 3), S(1, 2, 3) * QuadraticSurd.Of(2));
        Assert.Equal(S(2, 4, 3), QuadraticSurd.Of(2) * S(1, 2, 3));
        Assert.Equal(S(3, -2, 2), S(1, 1, 2) + S(2, -3, 2));
        Assert.Equal(S(4, 1, 2), S(1, 1, 2) + QuadraticSurd.Of(3));
        Assert.Equal(S(4, 1, 2), QuadraticSurd.Of(3) + S(1, 1, 2));
        Assert.Contains("different radicands", Assert.Throws<ArgumentException>(() => S(1, 1, 2) * S(1, 1, 3)).Message);
        Assert.Contains("different radicands", Assert.Throws<ArgumentException>(() => S(1, 1, 2) + S(1, 1, 3)).Message);
    }

    [Theory]
    [InlineData(0, 1, 2, 1)]
    [InlineData(-1, 1, 2, 1)] // √2 > 1
    [InlineData(-2, 1, 2, -1)]
    [InlineData(1, -1, 2, -1)]
    [InlineData(3, -2, 2, 1)] // 9 > 8
    [InlineData(1, 1, 2, 1)]
    [InlineData(-1, -1, 2, -1)]
    [InlineData(0, 1, 0, 0)] // √0 = 0: the value is 0 whatever B is
    [InlineData(-1, 5, 0, -1)]
    [InlineData(2, -1, 4, 0)] // 2 − √4
    public void The_sign_is_exact(long a, long b, long d, int sign) => Assert.Equal(sign, S(a, b, d).Sign);

    [Fact]
    public void Absolute_values_doubles_and_text()
    {
        Assert.Equal(S(-1, 1, 2), S(1, -1, 2).Abs());
        Assert.Equal(S(1, 1, 2), S(1, 1, 2).Abs());
        Assert.Equal(1 + 2 * Math.Sqrt(3), S(1, 2, 3).ToDouble(), 1e-15);
        Assert.Equal("1 + 2·√(3)", S(1, 2, 3).ToString());
        Assert.Equal("1 - 2·√(3)", S(1, -2, 3).ToString());
        Assert.Equal("-1", S(-1, 1, 0).ToString());
        Assert.True(S(-1, 1, 0).IsRational && S(4, 0, 2).IsRational && !S(0, 1, 2).IsRational);
        Assert.Equal(-1, S(1, 1, 2).CompareTo(Rational.Of(3)));
        Assert.Equal(1, S(1, 1, 2).CompareTo(Rational.Of(2)));
    }

    [Fact]
    public void Exact_square_roots_of_rational_squares_only()
    {
        Assert.Equal(Rational.Of(3, 2), QuadraticSurd.ExactSqrt(Rational.Of(9, 4)));
        Assert.Equal(Rational.Zero, QuadraticSurd.ExactSqrt(Rational.Zero));
        Assert.Null(QuadraticSurd.ExactSqrt(Rational.Of(2)));
        Assert.Null(QuadraticSurd.ExactSqrt(Rational.Of(9, 2)));
        Assert.Null(QuadraticSurd.ExactSqrt(Rational.Of(-4)));
        var big = Rational.Create(System.Numerics.BigInteger.Pow(10, 40) + 7, 3);
        Assert.Equal(big, QuadraticSurd.ExactSqrt(big * big));
        Assert.Null(QuadraticSurd.ExactSqrt(big * big + Rational.One));
    }
}
