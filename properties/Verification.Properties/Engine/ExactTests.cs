using Fractions;
using Verification.Engine;
using Verification.Numerics;
using Verification.Input;
using Verification.Reporting;
using Xunit;

namespace Verification.Properties.Engine;

public class ExactTests
{
    [Theory]
    [InlineData("-3/7", "-3/7")]
    [InlineData("6/8", "3/4")]
    [InlineData("5", "5")]
    [InlineData("0.25", "1/4")]
    [InlineData("4/-6", "-2/3")]
    [InlineData(" +5 ", "5")]
    [InlineData("1e-29", "1/100000000000000000000000000000")]
    [InlineData("-0.125", "-1/8")]
    [InlineData("2.5E2", "250")]
    public void Rationals_parse_and_print_in_lowest_terms(string text, string expected) =>
        Assert.Equal(expected, Exact.Format(Exact.Parse(text)));

    [Fact]
    public void Zero_of_either_sign_is_exactly_zero() => Assert.Equal(Fraction.Zero, Exact.FromDouble(-0.0));

    [Fact]
    public void Doubles_convert_exactly() => Assert.Equal("1/10", Exact.Format(Exact.FromDouble(0.5) / new Fraction(5)));

    [Fact]
    public void Tolerances_grow_with_the_work_and_the_magnitude()
    {
        Assert.True(Tolerance.Summation(100, 1).Bound > Tolerance.Summation(10, 1).Bound);
        Assert.Equal(2 * Tolerance.Summation(10, 1).Bound, Tolerance.Summation(10, 2).Bound, 15);
        Assert.True(Tolerance.Summation(10, 1).Bound < 1e-14);
    }
}
