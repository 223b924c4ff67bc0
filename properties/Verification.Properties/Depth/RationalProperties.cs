using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Fractions;
using Verification.Numerics;
using Xunit;

namespace Verification.Properties.Depth;

/// <summary>The fast exact rationals against the Fractions package (big integers), including values at and beyond the 2⁶² inline limit.</summary>
public class RationalProperties
{
    /// <summary>Numerators and denominators of every magnitude: small, near 2³¹, near 2⁶² (the inline limit) and beyond 2⁶³.</summary>
    private static Gen<BigInteger> Integer { get; } = Gen.Frequency(
        (4, Gen.Choose(-20, 20).Select(i => (BigInteger)i)),
        (2, Gen.Choose(int.MinValue, int.MaxValue).Select(i => (BigInteger)i)),
        (2, Gen.Zip(Gen.Choose(-64, 64), Gen.Elements(60, 61, 62, 63, 64)).Select(t => (BigInteger.One << t.Item2) + t.Item1)),
        (1, Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue)).Select(t => (BigInteger)t.Item1 * t.Item2 * 3)));

    private static Gen<(BigInteger P, BigInteger Q)> Pair { get; } =
        from p in Integer
        from q in Integer.Where(q => !q.IsZero)
        select (p, q);

    private static Arbitrary<((BigInteger P, BigInteger Q) A, (BigInteger P, BigInteger Q) B)> Pairs { get; } = Arb.From(Gen.Zip(Pair, Pair));

    [SeededProperty]
    public Property Arithmetic_and_order_agree_with_big_integer_fractions() => Prop.ForAll(Pairs, t =>
    {
        var (a, b) = (Rational.Create(t.A.P, t.A.Q), Rational.Create(t.B.P, t.B.Q));
        var (fa, fb) = (new Fraction(t.A.P, t.A.Q), new Fraction(t.B.P, t.B.Q));
        bool Same(Rational r, Fraction f) => r.ToFraction() == f && r == Rational.FromFraction(f) && r.ToString() == Exact.Format(f);
        var ok = Same(a + b, fa + fb) && Same(a - b, fa - fb) && Same(a * b, fa * fb) && Same(-a, -fa)
                 && (b.IsZero || Same(a / b, fa / fb))
                 && Math.Sign(a.CompareTo(b)) == Math.Sign(fa.CompareTo(fb)) && (a == b) == (fa == fb)
                 && (a != b || a.GetHashCode() == b.GetHashCode())
                 && a.IsSmall == (BigInteger.Abs(fa.Numerator) < (BigInteger.One << 62) && BigInteger.Abs(fa.Denominator) < (BigInteger.One << 62));
        return ok.Label($"a = {a}, b = {b}");
    });

    [Fact]
    public void Values_cross_the_inline_limit_and_come_back()
    {
        var big = Rational.Of(1L << 61) * 4;
        Assert.False(big.IsSmall);
        Assert.Equal("9223372036854775808", big.ToString());
        Assert.Equal("18446744073709551616", (big * 2).ToString());
        var back = big / Rational.Of(1L << 61);
        Assert.True(back.IsSmall);
        Assert.Equal(Rational.Of(4), back);
        Assert.Equal(Rational.Zero, default);
        Assert.Equal(Rational.Of(-3, 7), Rational.Parse("-3/7"));
        Assert.Equal(Rational.Of(1, 4), Rational.Parse("0.25"));
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
    }

    [Fact]
    public void Upper_doubles_are_never_below_the_value()
    {
        foreach (var x in new[] { Rational.Of(1, 3), Rational.Of(-1, 3), Rational.Of(2, 7), Rational.Create(BigInteger.Pow(10, 30) + 1, 3) })
            Assert.True(Rational.FromDouble(x.UpperDouble()) >= x);
    }
}
