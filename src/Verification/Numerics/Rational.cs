using System.Numerics;
using Fractions;

namespace Verification.Numerics;

/// <summary>
/// An exact rational number for hot exact paths (piecewise-linear arithmetic over millions of pieces). Values whose numerator
/// and denominator (in lowest terms) stay below 2⁶² in magnitude are stored inline as two longs, and every operation on them
/// runs on 128-bit intermediates (which cannot overflow below 2⁶²) with one or two binary GCDs; anything larger falls back to
/// big integers, exactly. The representation is canonical (lowest terms, positive denominator, inline whenever it fits), so
/// equality is a comparison of fields. <see cref="Fraction"/> (the Fractions package) costs about 0.5 µs per operation on
/// this machine even for small values; this type costs a few tens of nanoseconds. Convert with <see cref="ToFraction"/> and
/// <see cref="FromFraction"/>; the default value is 0.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    /// <summary>Inline values have |numerator| and denominator below this bound (so products fit in 124 bits, sums in 125).</summary>
    private const long Limit = 1L << 62;

    private readonly long numerator;
    private readonly long denominatorMinusOne; // so that default(Rational) is 0/1
    private readonly Big? big;

    private sealed class Big(BigInteger numerator, BigInteger denominator)
    {
        public readonly BigInteger Numerator = numerator;
        public readonly BigInteger Denominator = denominator;
    }

    private Rational(long numerator, long denominator)
    {
        this.numerator = numerator;
        denominatorMinusOne = denominator - 1;
        big = null;
    }

    private Rational(Big big)
    {
        numerator = 0;
        denominatorMinusOne = 0;
        this.big = big;
    }

    public static Rational Zero => default;
    public static Rational One { get; } = new(1, 1);
    public static Rational MinusOne { get; } = new(-1, 1);
    public static Rational Half { get; } = new(1, 2);

    private long Den => denominatorMinusOne + 1;

    public BigInteger Numerator => big is null ? numerator : big.Numerator;
    public BigInteger Denominator => big is null ? Den : big.Denominator;

    public int Sign => big is null ? Math.Sign(numerator) : big.Numerator.Sign;
    public bool IsZero => big is null && numerator == 0;
    public bool IsInteger => big is null ? denominatorMinusOne == 0 : big.Denominator.IsOne;

    /// <summary>True when the value is stored inline (numerator and denominator below 2⁶²).</summary>
    public bool IsSmall => big is null;

    public static Rational Of(long value) => value > -Limit && value < Limit ? new Rational(value, 1) : Create(value, BigInteger.One);

    /// <summary>p/q in lowest terms; q ≠ 0.</summary>
    public static Rational Of(long p, long q) => Create(p, q);

    public static Rational Create(BigInteger p, BigInteger q)
    {
        if (q.IsZero) throw new DivideByZeroException("zero denominator");
        if (q.Sign < 0) { p = -p; q = -q; }
        var g = BigInteger.GreatestCommonDivisor(p, q);
        if (!g.IsOne && !g.IsZero) { p /= g; q /= g; }
        if (p.IsZero) return Zero;
        return p > -Limit && p < Limit && q < Limit ? new Rational((long)p, (long)q) : new Rational(new Big(p, q));
    }

    public static implicit operator Rational(int value) => new(value, 1);
    public static implicit operator Rational(long value) => Of(value);

    public static Rational FromFraction(Fraction x) => Create(x.Numerator, x.Denominator);

    public Fraction ToFraction() => new(Numerator, Denominator);

    /// <summary>The exact value of a finite double.</summary>
    public static Rational FromDouble(double x) => FromFraction(Exact.FromDouble(x));

    /// <summary>The nearest double (exact when numerator and denominator are below 2⁵³).</summary>
    public double ToDouble()
    {
        if (big is null)
        {
            const long exact = 1L << 53;
            if (numerator > -exact && numerator < exact && Den < exact) return (double)numerator / Den;
        }
        return ToFraction().ToDoubleAnyScale();
    }

    /// <summary>A double at least this value (the nearest double, moved up one step when it rounded down; ±∞ beyond the doubles).</summary>
    public double UpperDouble()
    {
        var d = ToDouble();
        if (double.IsInfinity(d)) return d > 0 ? d : -double.MaxValue;
        return CompareTo(FromDouble(d)) > 0 ? Math.BitIncrement(d) : d;
    }

    // Normalized 128-bit results: already in lowest terms, denominator positive.
    private static Rational FromReduced(Int128 p, Int128 q)
    {
        if (p > -Limit && p < Limit && q < Limit) return p == 0 ? Zero : new Rational((long)p, (long)q);
        return new Rational(new Big((BigInteger)p, (BigInteger)q));
    }

    private static long Gcd(long a, long b) => (long)Gcd((ulong)Math.Abs(a), (ulong)Math.Abs(b));

    private static ulong Gcd(ulong a, ulong b)
    {
        if (a == 0) return b;
        if (b == 0) return a;
        if (a == 1 || b == 1) return 1;
        var shift = BitOperations.TrailingZeroCount(a | b);
        a >>= BitOperations.TrailingZeroCount(a);
        while (b != 0)
        {
            b >>= BitOperations.TrailingZeroCount(b);
            if (a > b) (a, b) = (b, a);
            b -= a;
        }
        return a << shift;
    }

    private static (BigInteger N, BigInteger D) Parts(Rational x) => x.big is null ? (x.numerator, x.Den) : (x.big.Numerator, x.big.Denominator);

    public static Rational operator +(Rational a, Rational b)
    {
        if (a.big is null && b.big is null)
        {
            if (a.numerator == 0) return b;
            if (b.numerator == 0) return a;
            long da = a.Den, db = b.Den;
            if (da == db)
            {
                var sum = a.numerator + b.numerator; // both below 2^62: no overflow
                if (da == 1) return FromLong(sum);
                if (sum == 0) return Zero;
                var gs = Gcd(sum, da);
                return gs == 1 ? FromReduced(sum, da) : FromReduced(sum / gs, da / gs);
            }
            var g = Gcd(da, db);
            if (g == 1) return FromReduced((Int128)a.numerator * db + (Int128)b.numerator * da, (Int128)da * db);
            long dag = da / g, dbg = db / g;
            var t = (Int128)a.numerator * dbg + (Int128)b.numerator * dag;
            if (t == 0) return Zero;
            // 128-bit division is slow in .NET (~100 ns): divide in 64 bits whenever t fits.
            if (t >= long.MinValue + 1 && t <= long.MaxValue)
            {
                var tl = (long)t;
                var g2 = Gcd(tl % g, g);
                return FromReduced(tl / g2, (Int128)dag * (db / g2));
            }
            var g3 = (long)Gcd((ulong)(Int128.Abs(t) % g), (ulong)g);
            return FromReduced(t / g3, (Int128)dag * (db / g3));
        }
        var (an, ad) = Parts(a);
        var (bn, bd) = Parts(b);
        return Create(an * bd + bn * ad, ad * bd);
    }

    private static Rational FromLong(long value) => value > -Limit && value < Limit ? new Rational(value, 1) : Create(value, BigInteger.One);

    public static Rational operator -(Rational a) =>
        a.big is null ? (a.numerator == 0 ? a : new Rational(-a.numerator, a.Den)) : new Rational(new Big(-a.big.Numerator, a.big.Denominator));

    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator *(Rational a, Rational b)
    {
        if (a.big is null && b.big is null)
        {
            if (a.numerator == 0 || b.numerator == 0) return Zero;
            long da = a.Den, db = b.Den;
            if (da == 1 && db == 1) return FromReduced((Int128)a.numerator * b.numerator, 1);
            var g1 = db == 1 ? 1 : Gcd(a.numerator, db);
            var g2 = da == 1 ? 1 : Gcd(b.numerator, da);
            if (g1 == 1 && g2 == 1) return FromReduced((Int128)a.numerator * b.numerator, (Int128)da * db);
            return FromReduced((Int128)(a.numerator / g1) * (b.numerator / g2), (Int128)(da / g2) * (db / g1));
        }
        var (an, ad) = Parts(a);
        var (bn, bd) = Parts(b);
        return Create(an * bn, ad * bd);
    }

    public Rational Reciprocal()
    {
        if (IsZero) throw new DivideByZeroException("the reciprocal of 0");
        if (big is null) return numerator > 0 ? new Rational(Den, numerator) : new Rational(-Den, -numerator);
        return Create(big.Denominator, big.Numerator);
    }

    public static Rational operator /(Rational a, Rational b) => a * b.Reciprocal();

    public static Rational Abs(Rational a) => a.Sign < 0 ? -a : a;
    public static Rational Max(Rational a, Rational b) => a.CompareTo(b) >= 0 ? a : b;
    public static Rational Min(Rational a, Rational b) => a.CompareTo(b) <= 0 ? a : b;

    /// <summary>2^e exactly (e may be negative).</summary>
    public static Rational PowerOfTwo(int e) => e >= 0 ? Create(BigInteger.One << e, BigInteger.One) : Create(BigInteger.One, BigInteger.One << -e);

    public int CompareTo(Rational other)
    {
        if (big is null && other.big is null)
        {
            long da = Den, db = other.Den;
            if (da == db) return numerator.CompareTo(other.numerator);
            return ((Int128)numerator * db).CompareTo((Int128)other.numerator * da);
        }
        var (an, ad) = Parts(this);
        var (bn, bd) = Parts(other);
        return (an * bd).CompareTo(bn * ad);
    }

    public bool Equals(Rational other) =>
        big is null
            ? other.big is null && numerator == other.numerator && denominatorMinusOne == other.denominatorMinusOne
            : other.big is not null && big.Numerator == other.big.Numerator && big.Denominator == other.big.Denominator;

    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    public override int GetHashCode() => big is null ? HashCode.Combine(numerator, denominatorMinusOne) : HashCode.Combine(big.Numerator, big.Denominator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>"p/q" in lowest terms, or "p" for an integer (as <see cref="Exact.Format"/>).</summary>
    public override string ToString() => big is null
        ? (denominatorMinusOne == 0 ? numerator.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{numerator}/{Den}")
        : (big.Denominator.IsOne ? big.Numerator.ToString() : $"{big.Numerator}/{big.Denominator}");

    /// <summary>Parses an integer, "p/q" or a decimal (read exactly), as <see cref="Exact.Parse"/>.</summary>
    public static Rational Parse(string text) => FromFraction(Exact.Parse(text));
}
