using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Numerics;
using Verification.Input;
using Verification.Reporting;
using Verification.Topics.Dropout;
using Xunit;

namespace Verification.Properties.Dropout;

public class DropoutExpectationProperties
{
    [SeededProperty]
    public Property Expectation_holds_exactly_at_random_rational_points() =>
        Prop.ForAll(Arb.From(DropoutCases.ExactGenerator(6)), c =>
        {
            var lhs = MaskEnumeration.Expectation(c);
            var rhs = DropoutObjective.ClosedForm(c);
            return (lhs == rhs).Label($"exact: {Exact.Format(lhs)} ≠ {Exact.Format(rhs)}");
        });

    [SeededProperty]
    public Property A_wrong_weight_is_caught_exactly_at_random_rational_points() =>
        Prop.ForAll(Arb.From(DropoutCases.ExactGenerator(6)), c =>
        {
            // λ replaced by 1/θ: differs exactly by Σ‖u_i‖²‖v_i‖², so equality must fail whenever that is nonzero.
            var wrong = DropoutObjective.ClosedForm(c, Fractions.Fraction.One / c.Theta);
            var regularizer = DropoutObjective.Regularizer(c.U, c.V);
            return (MaskEnumeration.Expectation(c) != wrong || regularizer.IsZero).ToProperty();
        });

    /// <summary>The straightforward expectation: build diag(z) for every mask and form the product again.</summary>
    private static double IndependentExpectation(DropoutCase c)
    {
        var r = c.Width;
        var total = 0.0;
        for (var mask = 0; mask < 1 << r; mask++)
        {
            var z = Matrix<double>.Build.Diagonal(r, r, k => ((mask >> k) & 1) == 1 ? 1.0 : 0.0);
            var residual = c.Y - c.U * z * c.V.Transpose() / c.Theta;
            var weight = 1.0;
            for (var k = 0; k < r; k++) weight *= ((mask >> k) & 1) == 1 ? c.Theta : 1 - c.Theta;
            total += weight * residual.FrobeniusNorm() * residual.FrobeniusNorm();
        }
        return total;
    }

    [SeededProperty]
    public Property Enumeration_agrees_with_an_independent_implementation_to_1e12_relative() =>
        Prop.ForAll(Arb.From(DropoutCases.Narrow(10).Generator, DropoutCases.Shrink), c =>
        {
            var fast = MaskEnumeration.Expectation(c);
            var reference = IndependentExpectation(c);
            // Relative to the value; where the value cancels far below the terms summed, relative to 1e-3 of their magnitude.
            var scale = Math.Max(Math.Abs(reference), 1e-3 * DropoutObjective.LossBound(c));
            return (Math.Abs(fast - reference) <= 1e-12 * scale).Label($"{fast:R} vs {reference:R}");
        });

    [Fact]
    public void Monte_Carlo_interval_contains_the_closed_form_at_width_40_and_excludes_the_control()
    {
        var gen = DropoutCases.WideGenerator(40, 40);
        var c = Verification.Engine.Runner.Generate(gen, 12345, 50);
        var estimate = MonteCarlo.Expectation(c, seed: 7, maxSamples: 1 << 18);
        Assert.True(estimate.Contains(DropoutObjective.ClosedForm(c)), $"{DropoutObjective.ClosedForm(c)} not in [{estimate.Lower}, {estimate.Upper}]");
        Assert.False(estimate.Contains(DropoutObjective.ClosedForm(c, 1 / c.Theta)));
        Assert.Equal(estimate, MonteCarlo.Expectation(c, seed: 7, maxSamples: 1 << 18));
    }

    [Fact]
    public void Enumeration_beyond_the_limit_says_to_use_Monte_Carlo()
    {
        var r = MaskEnumeration.MaxWidth + 1;
        var c = new DropoutCase(Matrix<double>.Build.Dense(1, 1), Matrix<double>.Build.Dense(1, r), Matrix<double>.Build.Dense(1, r), 0.5);
        var e = Assert.Throws<EnumerationLimitException>(() => MaskEnumeration.Expectation(c));
        Assert.Contains("Monte Carlo", e.Message);
    }

    [Fact]
    public void Theta_one_makes_the_regularizer_vanish()
    {
        var c = Verification.Engine.Runner.Generate(DropoutCases.Narrow(5).Generator, 3, 60) with { Theta = 1 };
        Assert.Equal(DropoutObjective.ClosedForm(c, 0), MaskEnumeration.Expectation(c), 12);
    }
}
