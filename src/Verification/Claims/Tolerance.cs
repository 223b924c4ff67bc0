namespace Verification.Claims;

/// <summary>
/// A reasoned bound on the floating-point error of a computed residual (see CONTRIBUTING.md, "Tolerance model").
/// A sum of N products computed in double precision differs from the exact value by at most
/// γ_N · Σ|terms|, γ_N = Nu/(1 − Nu), u = 2⁻⁵³ (Higham, Accuracy and Stability, §3.1). Residuals compare two
/// such computations, hence the factor 2. Nothing here is tuned to make a claim pass.
/// </summary>
public sealed record Tolerance(double Bound, string Reason)
{
    public const double UnitRoundoff = 1.1102230246251565e-16; // 2^-53

    public static double Gamma(double n)
    {
        var nu = n * UnitRoundoff;
        return nu < 0.5 ? nu / (1 - nu) : double.PositiveInfinity;
    }

    /// <summary>Two sides each computed by sums of at most <paramref name="chain"/> rounded operations over terms of total magnitude <paramref name="magnitude"/>.</summary>
    public static Tolerance Summation(double chain, double magnitude) =>
        new(2 * Gamma(chain) * magnitude, $"2·γ_{chain:0}·{magnitude:G3} (summation bound)");

    /// <summary>
    /// Quantities read off a computed SVD of an m×n matrix of scale <paramref name="scale"/> (an upper bound on its spectral norm):
    /// backward stability gives |σ̂_i − σ_i| ≤ p(m,n)·u·‖X‖₂ with p(m,n) = m·n taken conservatively; a sum of min(m,n) of them,
    /// plus the formation error of the matrix itself (<paramref name="chain"/> operations), each side.
    /// </summary>
    public static Tolerance Spectral(int m, int n, double chain, double scale)
    {
        var k = Math.Min(m, n);
        var bound = 2 * (k * m * n * UnitRoundoff + Math.Sqrt(k) * Gamma(chain)) * scale * 4;
        return new(bound, $"SVD bound 8·(min(m,n)·m·n·u + √min(m,n)·γ_{chain:0})·{scale:G3}");
    }

    public static Tolerance Exact { get; } = new(0, "exact rational arithmetic");
}
