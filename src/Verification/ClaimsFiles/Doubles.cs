using System.Numerics;
using Fractions;

namespace Verification.ClaimsFiles;

/// <summary>
/// An exact rational in double precision at any magnitude. The numerator and denominator of a tiny or huge value are far
/// beyond double range (the square of 1e-150 has a denominator near 2^1000), where converting each of them first gives 0 or
/// NaN; here the quotient is taken with 64 significant bits and scaled by its power of two, so the result is within one
/// rounding of the exact value (plus half the smallest subnormal below 2^-1022), and ±∞ past the double range.
/// </summary>
public static class Doubles
{
    public static double Of(Fraction x)
    {
        var (n, d) = (BigInteger.Abs(x.Numerator), BigInteger.Abs(x.Denominator));
        if (n.IsZero) return 0;
        var negative = x.Numerator.Sign * x.Denominator.Sign < 0;
        var shift = (long)n.GetBitLength() - (long)d.GetBitLength() - 64;
        if (shift > 2000) return negative ? double.NegativeInfinity : double.PositiveInfinity;
        if (shift < -2200) return negative ? -0.0 : 0.0;
        var q = shift >= 0 ? n / (d << (int)shift) : (n << (int)-shift) / d;
        var v = Math.ScaleB((double)q, (int)shift);
        return negative ? -v : v;
    }
}
