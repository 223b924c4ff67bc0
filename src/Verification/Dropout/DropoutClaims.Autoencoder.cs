using FsCheck;
using FsCheck.Fluent;
using Fractions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Verification.Claims;
using Verification.Generators;

namespace Verification.Dropout;

/// <summary>An exact dropout weight λ and a random point w from which local descent starts.</summary>
public sealed record AutoencoderCase(Fraction Lambda, double W1, double W2);

/// <summary>dropout.autoencoder-landscape.</summary>
public static partial class DropoutClaims
{
    public static Gen<AutoencoderCase> AutoencoderCases =>
        from lambda in Gen.Frequency(
            (4, Rationals.RetainRate.Select(DropoutObjective.Lambda)),
            (1, Gen.Elements(new Fraction(1, 10), new Fraction(1), new Fraction(10))))
        from w1 in Scalars.Gaussian
        from w2 in Scalars.Gaussian
        select new AutoencoderCase(lambda, w1, w2);

    public static IEnumerable<AutoencoderCase> ShrinkAutoencoder(AutoencoderCase c)
    {
        foreach (var l in new[] { Fraction.Zero, Fraction.One })
            if (l != c.Lambda) yield return c with { Lambda = l };
        if (c.W1 != 1 || c.W2 != 0) yield return c with { W1 = 1, W2 = 0 };
    }

    public static IReadOnlyList<NamedValue> DescribeAutoencoder(AutoencoderCase c) =>
        [new("lambda", Value.Of(c.Lambda)), new("w", Value.Of(Matrix<double>.Build.Dense(1, 2, [c.W1, c.W2])))];

    public static Claim<AutoencoderCase> AutoencoderLandscape { get; } = new(
        Id: "dropout.autoencoder-landscape",
        Title: "Tied 1-2-1 autoencoder under dropout: balanced global minima λ/(2+λ), unbalanced strict saddles λ/(1+λ)",
        Statement: @"f(w) = (1-\|w\|^2)^2 + \lambda(w_1^4 + w_2^4):\ \operatorname*{argmin} f = \{w_1^2 = w_2^2 = \tfrac{1}{2+\lambda}\},\ \min f = \tfrac{\lambda}{2+\lambda};\ (\pm(1+\lambda)^{-1/2}, 0) \text{ strict saddles with } f = \tfrac{\lambda}{1+\lambda}",
        Kind: ClaimKind.Theorem,
        SourceKey: "Mianjy2018",
        Expected: Verdict.Refuted,
        Evidence: "THEORY.md erratum, found by the suite: at θ = 1 (λ = 0, no dropout) the unbalanced points have Hessian eigenvalues 8 and 0, so they are not strict saddles, and the global minima are the whole unit circle. For λ > 0 everything holds, exactly: at each critical point (complete list by case analysis) |∇f|² = 0, the values, and the sign of the Hessian's determinant and trace in exact rational arithmetic; floating point: f(w) ≥ λ/(2+λ) at the random point and along L-BFGS descent from it",
        Generator: AutoencoderCases,
        Shrink: ShrinkAutoencoder,
        Check: CheckAutoencoder,
        Describe: DescribeAutoencoder)
    {
        Examples = [new AutoencoderCase(Fraction.Zero, 1, 0)],
        Evaluator = input =>
        {
            Fraction lambda;
            if (input.Has("lambda") == input.Has("theta")) throw new InputException("give exactly one of \"lambda\" (λ ≥ 0) or \"theta\" (retain probability in (0,1])");
            if (input.Has("theta"))
            {
                var theta = input.ExactScalar("theta");
                if (theta <= Fraction.Zero || theta > Fraction.One) throw new InputException($"theta must lie in (0,1], got {Exact.Format(theta)}");
                lambda = DropoutObjective.Lambda(theta);
            }
            else
            {
                lambda = input.ExactScalar("lambda");
                if (lambda < Fraction.Zero) throw new InputException($"lambda must be ≥ 0, got {Exact.Format(lambda)}");
            }
            var outcome = CheckAutoencoder(new AutoencoderCase(lambda, 0.3, 0.2));
            var details = new List<NamedValue> { new("value", Value.Of(Autoencoder.MinimumValue(lambda))), new("saddleValue", Value.Of(Autoencoder.SaddleValue(lambda))) };
            foreach (var p in Autoencoder.CriticalPoints(lambda))
            {
                var (w1, w2) = p.Coordinates;
                var (low, high) = Autoencoder.HessianEigenvalues(p, lambda);
                details.Add(new(p.Kind, Value.Of($"w = ({w1:R}, {w2:R}), f = {Exact.Format(Autoencoder.Value(p, lambda))}, Hessian eigenvalues {low:R}, {high:R}")));
            }
            return outcome.WithDetails(details.ToArray());
        },
    };

    public static CheckOutcome CheckAutoencoder(AutoencoderCase c)
    {
        var lambda = c.Lambda;
        var outcomes = new List<CheckOutcome>();
        var minimum = Autoencoder.MinimumValue(lambda);
        var saddle = Autoencoder.SaddleValue(lambda);
        foreach (var p in Autoencoder.CriticalPoints(lambda))
        {
            var gradient = Autoencoder.GradientNormSquared(p, lambda);
            outcomes.Add(new CheckOutcome(gradient.IsZero, Value.Of(gradient), Value.Of(Fraction.Zero), Math.Abs(gradient.ToDouble()), 0, $"exact: ∇f = 0 at the {p.Kind} point"));
            var value = Autoencoder.Value(p, lambda);
            var claimed = p.Kind.StartsWith("origin") ? Fraction.One : p.Kind.StartsWith("unbalanced") ? saddle : minimum;
            outcomes.Add(new CheckOutcome(value == claimed, Value.Of(value), Value.Of(claimed), Math.Abs((value - claimed).ToDouble()), 0, $"exact: the value at the {p.Kind} point"));
            var (h11, h12, h22) = Autoencoder.Hessian(p, lambda);
            var determinant = h11 * h22 - h12 * h12;
            var trace = h11 + h22;
            var (low, high) = Autoencoder.HessianEigenvalues(p, lambda);
            if (p.Kind.StartsWith("unbalanced"))
                outcomes.Add(new CheckOutcome(determinant < Fraction.Zero, Value.Of(low), Value.Of(high), Math.Max(0, determinant.ToDouble()), 0,
                    determinant < Fraction.Zero
                        ? $"exact: the {p.Kind} point is a strict saddle (det ∇²f = {Exact.Format(determinant)} < 0)"
                        : $"exact: the {p.Kind} point is not a strict saddle: Hessian eigenvalues {low:R} and {high:R} (det ∇²f = {Exact.Format(determinant)}); at λ = {Exact.Format(lambda)} it is a global minimum, value {Exact.Format(value)}"));
            if (p.Kind.StartsWith("balanced"))
                outcomes.Add(new CheckOutcome(determinant > Fraction.Zero && trace > Fraction.Zero, Value.Of(low), Value.Of(high), Math.Max(0, -determinant.ToDouble()), 0,
                    $"exact: the {p.Kind} point is a strict local minimum (det ∇²f = {Exact.Format(determinant)}, tr = {Exact.Format(trace)})"));
        }
        // The listed points are the only global minima: the other critical values exceed λ/(2+λ) (the list is complete for λ > 0).
        outcomes.Add(new CheckOutcome(saddle > minimum && Fraction.One > minimum, Value.Of(saddle), Value.Of(minimum), Math.Max(0, (minimum - saddle).ToDouble()), 0,
            "exact: every other critical value exceeds λ/(2+λ), so the balanced points are the only global minima"));

        var l = lambda.ToDouble();
        var min = minimum.ToDouble();
        var tolerance = Tolerance.Summation(12, 1 + (1 + l) * Math.Pow(c.W1 * c.W1 + c.W2 * c.W2 + 1, 2));
        outcomes.Add(CheckOutcome.AtLeast(Autoencoder.Value(c.W1, c.W2, l), min, tolerance, "f(w) ≥ λ/(2+λ) at the random point"));
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
        outcomes.Add(CheckOutcome.AtLeast(lowest, min, tolerance, "L-BFGS from the random point never goes below λ/(2+λ)"));
        return CheckOutcome.All(outcomes.ToArray());
    }
}
