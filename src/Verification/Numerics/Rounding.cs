namespace Verification.Numerics;

/// <summary>
/// Floating-point error constants (Higham, Accuracy and Stability of Numerical Algorithms, §3.1): the unit roundoff
/// u = 2⁻⁵³ and γ_n = nu/(1 − nu), which bounds the relative error of n rounded operations.
/// </summary>
public static class Rounding
{
    public const double UnitRoundoff = 1.1102230246251565e-16; // 2^-53

    /// <summary>γ_n = nu/(1 − nu), or +∞ once nu ≥ 1/2 (the bound is then meaningless).</summary>
    public static double Gamma(double n)
    {
        var nu = n * UnitRoundoff;
        return nu < 0.5 ? nu / (1 - nu) : double.PositiveInfinity;
    }
}
