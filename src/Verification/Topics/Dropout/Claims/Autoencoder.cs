using Fractions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Dropout;

/// <summary>dropout.autoencoder-landscape.</summary>
public static partial class DropoutClaims
{
    /// <summary>λ = 0, w = (1, 0): at θ = 1 the unbalanced point is a global minimum, not a strict saddle (why THEORY.md needs λ &gt; 0).</summary>
    public static AutoencoderCase NoDropoutAutoencoder => new(Fraction.Zero, 1, 0);

    public static Claim<AutoencoderCase> AutoencoderLandscape { get; } = Claim.Theorem(
        id: "dropout.autoencoder-landscape",
        title: "Tied 1-2-1 autoencoder under dropout (λ > 0): balanced global minima λ/(2+λ), unbalanced strict saddles λ/(1+λ)",
        statement: @"\lambda > 0,\ f(w) = (1-\|w\|^2)^2 + \lambda(w_1^4 + w_2^4):\ \operatorname*{argmin} f = \{w_1^2 = w_2^2 = \tfrac{1}{2+\lambda}\},\ \min f = \tfrac{\lambda}{2+\lambda};\ (\pm(1+\lambda)^{-1/2}, 0) \text{ strict saddles with } f = \tfrac{\lambda}{1+\lambda}",
        source: "Mianjy2018",
        instances: AutoencoderCases.PositiveLambda,
        check: c => CheckAutoencoder(c),
        evidence: "exact, for λ > 0: at each critical point (complete list by case analysis) |∇f|² = 0, the values, and the sign of the Hessian's determinant and trace in exact rational arithmetic; floating point: f(w) ≥ λ/(2+λ) at the random point and along L-BFGS descent from it. λ = 0 is outside the hypothesis (discarded): there the unbalanced points have Hessian eigenvalues 8 and 0 and the whole unit circle is minimal, which is why THEORY.md needs λ > 0",
        sides: "lhs and rhs: the failing exact fact's sides (|∇f|² against 0, a critical value against its formula, Hessian eigenvalues), or f along descent against λ/(2+λ)") with
    {
        Modes = EvalModes.Exact,
    };

    public static Outcome CheckAutoencoder(AutoencoderCase c, bool withoutHypothesis = false)
    {
        var lambda = c.Lambda;
        if (!withoutHypothesis && lambda <= Fraction.Zero)
            return Outcome.Discard($"λ = {Exact.Format(lambda)} is outside the hypothesis λ > 0 (θ < 1)");
        var outcomes = new List<Outcome>();
        var minimum = Autoencoder.MinimumValue(lambda);
        var saddle = Autoencoder.SaddleValue(lambda);
        foreach (var p in Autoencoder.CriticalPoints(lambda))
        {
            var gradient = Autoencoder.GradientNormSquared(p, lambda);
            outcomes.Add(Outcome.Exact(gradient, Fraction.Zero, $"exact: ∇f = 0 at the {p.Kind} point"));
            var value = Autoencoder.Value(p, lambda);
            var claimed = p.Kind.StartsWith("origin") ? Fraction.One : p.Kind.StartsWith("unbalanced") ? saddle : minimum;
            outcomes.Add(Outcome.Exact(value, claimed, $"exact: the value at the {p.Kind} point"));
            var (h11, h12, h22) = Autoencoder.Hessian(p, lambda);
            var determinant = h11 * h22 - h12 * h12;
            var trace = h11 + h22;
            var (low, high) = Autoencoder.HessianEigenvalues(p, lambda);
            if (p.Kind.StartsWith("unbalanced"))
                outcomes.Add(Outcome.Decide(determinant < Fraction.Zero, Value.Of(low), Value.Of(high),
                    determinant < Fraction.Zero
                        ? $"exact: the {p.Kind} point is a strict saddle (det ∇²f = {Exact.Format(determinant)} < 0)"
                        : $"exact: the {p.Kind} point is not a strict saddle: Hessian eigenvalues {low:R} and {high:R} (det ∇²f = {Exact.Format(determinant)}); at λ = {Exact.Format(lambda)} it is a global minimum, value {Exact.Format(value)}",
                    Math.Max(0, determinant.ToDoubleAnyScale())));
            if (p.Kind.StartsWith("balanced"))
                outcomes.Add(Outcome.Decide(determinant > Fraction.Zero && trace > Fraction.Zero, Value.Of(low), Value.Of(high),
                    $"exact: the {p.Kind} point is a strict local minimum (det ∇²f = {Exact.Format(determinant)}, tr = {Exact.Format(trace)})", Math.Max(0, -determinant.ToDoubleAnyScale())));
        }
        // The listed points are the only global minima: the other critical values exceed λ/(2+λ) (the list is complete for λ > 0).
        outcomes.Add(Outcome.Decide(saddle > minimum && Fraction.One > minimum, Value.Of(saddle), Value.Of(minimum),
            "exact: every other critical value exceeds λ/(2+λ), so the balanced points are the only global minima", Math.Max(0, (minimum - saddle).ToDoubleAnyScale())));

        var l = lambda.ToDoubleAnyScale();
        var min = minimum.ToDoubleAnyScale();
        var tolerance = Tolerance.Summation(12, 1 + (1 + l) * Math.Pow(c.W1 * c.W1 + c.W2 * c.W2 + 1, 2));
        outcomes.Add(Outcome.AtLeast(Autoencoder.Value(c.W1, c.W2, l), min, tolerance, "f(w) ≥ λ/(2+λ) at the random point"));
        var lowest = double.PositiveInfinity;
        var objective = ObjectiveFunction.Gradient(w =>
        {
            var value = Autoencoder.Value(w[0], w[1], l);
            lowest = Math.Min(lowest, value);
            var (g1, g2) = Autoencoder.Gradient(w[0], w[1], l);
            return (value, Vector<double>.Build.Dense([g1, g2]));
        });
        try
        {
            new LimitedMemoryBfgsMinimizer(1e-12, 1e-15, 1e-15, 5, 500).FindMinimum(objective, Vector<double>.Build.Dense([c.W1, c.W2]));
        }
        catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArithmeticException)
        {
            // The lowest value evaluated before the optimizer stopped still counts.
        }
        outcomes.Add(Outcome.AtLeast(lowest, min, tolerance, "L-BFGS from the random point never goes below λ/(2+λ)"));
        var details = new List<NamedValue> { new("value", Value.Of(minimum)), new("saddleValue", Value.Of(saddle)) };
        foreach (var p in Autoencoder.CriticalPoints(lambda))
        {
            var (w1, w2) = p.Coordinates;
            var (low, high) = Autoencoder.HessianEigenvalues(p, lambda);
            details.Add(new(p.Kind, Value.Of($"w = ({w1:R}, {w2:R}), f = {Exact.Format(Autoencoder.Value(p, lambda))}, Hessian eigenvalues {low:R}, {high:R}")));
        }
        return Outcome.All(outcomes.ToArray()).WithDetails(details.ToArray());
    }
}
