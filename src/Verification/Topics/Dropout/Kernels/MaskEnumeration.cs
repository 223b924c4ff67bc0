using Fractions;
using Verification.LinearAlgebra;
using Verification.Numerics;

namespace Verification.Topics.Dropout;

/// <summary>
/// The exact expectation E_z ‖Y − θ⁻¹U diag(z) Vᵀ‖_F² by visiting all 2^r masks, weighted θ^{|z|}(1 − θ)^{r−|z|}: dropout's
/// units (contributions u_k v_kᵀ) on the shared kernels, the Gray-code walk over Gram terms in floating point
/// (<see cref="GrayCodeEnumeration"/>) and the integer walk in exact rational arithmetic (<see cref="ExactMaskEnumeration"/>).
/// </summary>
public static class MaskEnumeration
{
    /// <summary>The largest width enumerated exactly; beyond it use the Monte Carlo estimate.</summary>
    public const int MaxWidth = GrayCodeEnumeration.MaxWidth;

    public const int RefreshInterval = GrayCodeEnumeration.RefreshInterval;

    /// <summary>The largest width enumerated in exact rational arithmetic (big-integer sums per mask are ~50× slower).</summary>
    public const int ExactMaxWidth = ExactMaskEnumeration.MaxWidth;

    public static void CheckExactWidth(int r) => ExactMaskEnumeration.CheckWidth(r);

    public static void CheckWidth(int r) => GrayCodeEnumeration.CheckWidth(r);

    /// <summary>
    /// The longest chain of rounded operations behind one enumerated value: a Gram entry (max(m, n)), a state
    /// re-formation (r), up to <see cref="RefreshInterval"/> updates, the loss and the weighting (a few more).
    /// With <see cref="DropoutObjective.LossBound"/> it gives the summation tolerance of the enumeration.
    /// </summary>
    public static int Chain(int m, int n, int r) => GrayCodeEnumeration.Chain(Math.Max(m, n), r);

    public static double Expectation(DropoutCase c) => Expectation(GramTerms.Of(c), c.Theta);

    /// <summary>The expectation from precomputed Gram terms (for batches that share them).</summary>
    public static double Expectation(GramTerms g, double theta) => GrayCodeEnumeration.Expectation(g, theta);

    /// <summary>The same expectation in exact rational arithmetic (θ enters once, at the end).</summary>
    public static Fraction Expectation(ExactDropoutCase c) =>
        ExactMaskEnumeration.Expectation(ExactContributions.OfUnits(c.Y, c.U, c.V), c.Theta);
}
