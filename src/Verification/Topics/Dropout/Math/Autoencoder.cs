using Verification.Numerics;
using Fractions;

namespace Verification.Topics.Dropout;

/// <summary>
/// A critical point of the tied 1-2-1 autoencoder objective, described exactly by the squares of its coordinates and their
/// product (w₁², w₂², w₁w₂), which is all that f, ∇f and ∇²f depend on once the signs are fixed.
/// </summary>
public sealed record AutoencoderPoint(string Kind, Fraction W1Squared, Fraction W2Squared, Fraction W1W2)
{
    public (double W1, double W2) Coordinates => (Math.Sqrt(W1Squared.ToDoubleAnyScale()), (W1W2 < Fractions.Fraction.Zero ? -1 : 1) * Math.Sqrt(W2Squared.ToDoubleAnyScale()));
}

/// <summary>
/// The tied autoencoder with one input, two hidden units and one output, E x² = 1, under dropout of the hidden layer:
/// f(w) = (1 − ‖w‖²)² + λ(w₁⁴ + w₂⁴) (Mianjy, Arora, Vidal 2018). ∂f/∂w_i = 4 w_i(‖w‖² − 1 + λ w_i²);
/// ∂²f/∂w_i² = 4(‖w‖² − 1 + (2 + 3λ) w_i²), ∂²f/∂w₁∂w₂ = 8 w₁w₂.
/// </summary>
public static class Autoencoder
{
    public static double Value(double w1, double w2, double lambda)
    {
        var t = 1 - w1 * w1 - w2 * w2;
        return t * t + lambda * (w1 * w1 * w1 * w1 + w2 * w2 * w2 * w2);
    }

    public static (double G1, double G2) Gradient(double w1, double w2, double lambda)
    {
        var s = w1 * w1 + w2 * w2 - 1;
        return (4 * w1 * (s + lambda * w1 * w1), 4 * w2 * (s + lambda * w2 * w2));
    }

    public static Fraction Value(AutoencoderPoint p, Fraction lambda)
    {
        var t = Fraction.One - p.W1Squared - p.W2Squared;
        return t * t + lambda * (p.W1Squared * p.W1Squared + p.W2Squared * p.W2Squared);
    }

    /// <summary>|∇f|² exactly: 16 w_i² (‖w‖² − 1 + λ w_i²)² summed.</summary>
    public static Fraction GradientNormSquared(AutoencoderPoint p, Fraction lambda)
    {
        var s = p.W1Squared + p.W2Squared - Fraction.One;
        var a = s + lambda * p.W1Squared;
        var b = s + lambda * p.W2Squared;
        return 16 * (p.W1Squared * a * a + p.W2Squared * b * b);
    }

    /// <summary>The Hessian (h11, h12, h22), exactly.</summary>
    public static (Fraction H11, Fraction H12, Fraction H22) Hessian(AutoencoderPoint p, Fraction lambda)
    {
        var s = p.W1Squared + p.W2Squared - Fraction.One;
        var c = 2 + 3 * lambda;
        return (4 * (s + c * p.W1Squared), 8 * p.W1W2, 4 * (s + c * p.W2Squared));
    }

    /// <summary>The Hessian's eigenvalues (in floating point, from its exact entries).</summary>
    public static (double Low, double High) HessianEigenvalues(AutoencoderPoint p, Fraction lambda)
    {
        var (a, b, d) = Hessian(p, lambda);
        double x = a.ToDoubleAnyScale(), y = b.ToDoubleAnyScale(), z = d.ToDoubleAnyScale();
        var mean = (x + z) / 2;
        var radius = Math.Sqrt((x - z) * (x - z) / 4 + y * y);
        return (mean - radius, mean + radius);
    }

    /// <summary>
    /// The critical points as THEORY.md lists them (up to the signs of the coordinates): the origin, the unbalanced points
    /// (±(1+λ)^{-1/2}, 0) and (0, ±(1+λ)^{-1/2}), and the balanced points w₁² = w₂² = 1/(2+λ). For λ &gt; 0 these are all of them:
    /// ∇f = 0 needs w_i = 0 or ‖w‖² − 1 + λw_i² = 0 for each i, and when both coordinates are nonzero the two equations give
    /// λ(w₁² − w₂²) = 0. For λ = 0 the second case is the whole unit circle.
    /// </summary>
    public static IReadOnlyList<AutoencoderPoint> CriticalPoints(Fraction lambda)
    {
        var a = Fraction.One / (Fraction.One + lambda);
        var s = Fraction.One / (2 + lambda);
        return
        [
            new("origin", Fraction.Zero, Fraction.Zero, Fraction.Zero),
            new("unbalanced (w1 axis)", a, Fraction.Zero, Fraction.Zero),
            new("unbalanced (w2 axis)", Fraction.Zero, a, Fraction.Zero),
            new("balanced (w1 = w2)", s, s, s),
            new("balanced (w1 = -w2)", s, s, -s),
        ];
    }

    /// <summary>The global minimum value λ/(2+λ) claimed by THEORY.md.</summary>
    public static Fraction MinimumValue(Fraction lambda) => lambda / (2 + lambda);

    /// <summary>The value λ/(1+λ) claimed at the unbalanced critical points.</summary>
    public static Fraction SaddleValue(Fraction lambda) => lambda / (1 + lambda);
}
