using System.Numerics;

namespace Verification.Numerics;

/// <summary>
/// An exact number A + B√D with rational A, B and a rational radicand D ≥ 0 (the roots of a quadratic with rational
/// coefficients, and polynomials evaluated there). Signs and comparisons with rationals are decided exactly: the sign of
/// A + B√D is the common sign of A and B, or, when they differ, the sign of the larger of A² and B²D.
/// </summary>
public readonly record struct QuadraticSurd(Rational A, Rational B, Rational D)
{
    public static QuadraticSurd Of(Rational a) => new(a, Rational.Zero, Rational.Zero);

    public bool IsRational => B.IsZero || D.IsZero;

    public static QuadraticSurd operator +(QuadraticSurd x, Rational y) => x with { A = x.A + y };
    public static QuadraticSurd operator -(QuadraticSurd x, Rational y) => x with { A = x.A - y };
    public static QuadraticSurd operator *(QuadraticSurd x, Rational y) => x with { A = x.A * y, B = x.B * y };

    /// <summary>The product of two numbers of the same field Q(√D) (or a rational one).</summary>
    public static QuadraticSurd operator *(QuadraticSurd x, QuadraticSurd y)
    {
        if (y.IsRational) return x * y.A;
        if (x.IsRational) return y * x.A;
        if (x.D != y.D) throw new ArgumentException("products of surds with different radicands are not supported");
        return new(x.A * y.A + x.B * y.B * x.D, x.A * y.B + x.B * y.A, x.D);
    }

    public static QuadraticSurd operator +(QuadraticSurd x, QuadraticSurd y)
    {
        if (y.IsRational) return x + y.A;
        if (x.IsRational) return y + x.A;
        if (x.D != y.D) throw new ArgumentException("sums of surds with different radicands are not supported");
        return new(x.A + y.A, x.B + y.B, x.D);
    }

    public static QuadraticSurd operator -(QuadraticSurd x) => new(-x.A, -x.B, x.D);

    /// <summary>The exact sign.</summary>
    public int Sign
    {
        get
        {
            int sa = A.Sign, sb = IsRational ? 0 : B.Sign;
            if (sb == 0) return sa;
            if (sa == 0 || sa == sb) return sb;
            var c = (A * A).CompareTo(B * B * D);
            return c > 0 ? sa : c < 0 ? sb : 0;
        }
    }

    public int CompareTo(Rational y) => (this - y).Sign;

    public QuadraticSurd Abs() => Sign < 0 ? -this : this;

    public double ToDouble() => IsRational ? A.ToDouble() : A.ToDouble() + B.ToDouble() * Math.Sqrt(D.ToDouble());

    /// <summary>√x when x is the square of a rational, else null.</summary>
    public static Rational? ExactSqrt(Rational x)
    {
        if (x.Sign < 0) return null;
        var p = Isqrt(x.Numerator);
        var q = Isqrt(x.Denominator);
        return p * p == x.Numerator && q * q == x.Denominator ? Rational.Create(p, q) : null;
    }

    private static BigInteger Isqrt(BigInteger n)
    {
        if (n.Sign <= 0) return BigInteger.Zero;
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2); // at least √n
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    public override string ToString() => IsRational ? A.ToString() : $"{A} {(B.Sign < 0 ? "-" : "+")} {Rational.Abs(B)}·√({D})";
}
