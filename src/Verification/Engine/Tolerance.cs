using Verification.Numerics;

namespace Verification.Engine;

/// <summary>
/// A reasoned bound on the floating-point error of a computed residual, with the reason (which bound, from which
/// computation) that reaches the reports (CONTRIBUTING.md, "Tolerance model"). A sum of N products computed in double
/// precision differs from the exact value by at most γ_N · Σ|terms| (Higham §3.1); residuals compare two such
/// computations, hence the factor 2. Nothing here is tuned to make a claim pass.
/// </summary>
public sealed record Tolerance(double Bound, string Reason)
{
    public static Tolerance Exact { get; } = new(0, "exact rational arithmetic");

    /// <summary>
    /// Below this magnitude of the terms (the smallest normal double divided by u), the terms reach the subnormal range,
    /// where rounding errors are absolute, not relative: the γ_n bounds no longer hold, and a bound built on them is
    /// meaningless. A zero magnitude (an all-zero instance) is exact and keeps the bound 0.
    /// </summary>
    public const double SubnormalMagnitude = 2.2250738585072014e-308 / Rounding.UnitRoundoff;

    private static Tolerance? Meaningless(double magnitude) =>
        magnitude > 0 && magnitude < SubnormalMagnitude
            ? new Tolerance(double.NaN, $"none: terms of magnitude {magnitude:G3} reach the subnormal range, where relative rounding bounds do not hold")
            : null;

    /// <summary>Two sides each computed by sums of at most <paramref name="chain"/> rounded operations over terms of total magnitude <paramref name="magnitude"/>.</summary>
    public static Tolerance Summation(double chain, double magnitude) =>
        Meaningless(magnitude) ?? new(2 * Rounding.Gamma(chain) * magnitude, $"2·γ_{chain:0}·{magnitude:G3} (summation bound)");

    /// <summary>
    /// Quantities read off a computed SVD of an m×n matrix of scale <paramref name="scale"/> (an upper bound on its spectral norm):
    /// backward stability gives |σ̂_i − σ_i| ≤ p(m,n)·u·‖X‖₂ with p(m,n) = m·n taken conservatively; a sum of min(m,n) of them,
    /// plus the formation error of the matrix itself (<paramref name="chain"/> operations), each side.
    /// </summary>
    public static Tolerance Spectral(int m, int n, double chain, double scale)
    {
        if (Meaningless(scale) is { } none) return none;
        var k = Math.Min(m, n);
        var bound = 2 * (k * m * n * Rounding.UnitRoundoff + Math.Sqrt(k) * Rounding.Gamma(chain)) * scale * 4;
        return new(bound, $"SVD bound 8·(min(m,n)·m·n·u + √min(m,n)·γ_{chain:0})·{scale:G3}");
    }

    /// <summary>The sum of two bounds (two error sources on one residual), with both reasons.</summary>
    public Tolerance Plus(Tolerance other) => new(Bound + other.Bound, $"{Reason} + {other.Reason}");

    /// <summary>True when the bound has lost its meaning (non-finite, or terms in the subnormal range): a comparison against it is no evidence.</summary>
    public bool IsMeaningless => !double.IsFinite(Bound);
}
