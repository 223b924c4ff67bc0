using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Approximation;
using Xunit;
using Outcome = Verification.Engine.Outcome;

namespace Verification.Properties.Approximation;

/// <summary>The certified sup of the sigmoid staircase against dense sampling, the stated bound's pieces, and a wrong variant.</summary>
public class StaircaseProperties
{
    /// <summary>The enclosure contains every sampled |f − G| (up to the evaluation error) and its lower end is a sampled value.</summary>
    [SeededProperty(casesDivisor: 4)]
    public Property The_enclosure_contains_the_sampled_maximum() => Prop.ForAll(StaircaseCases.Any.Arbitrary, c =>
    {
        var g = new SigmoidStaircase(c.F, c.N, c.K);
        var sup = g.CertifiedSupError();
        var sampled = Enumerable.Range(0, 4001).Select(i => i / 4000.0).Max(x => Math.Abs(c.F.Evaluate(x) - g.Evaluate(x)) - g.EvaluationError(x, c.F.Evaluate(x)));
        var ok = sampled <= sup.Upper && sup.Lower <= sup.Upper && (!sup.Converged || sup.Upper <= Math.Max(sup.Lower, 0) * (1 + 1e-3) + 1e-300);
        return ok.Label($"{c.F.Name}, N = {c.N}, k = {c.K}: [{sup.Lower}, {sup.Upper}], sampled {sampled}");
    });

    /// <summary>The windowed evaluation of G against the plain sum over all N sigmoids.</summary>
    [SeededProperty(casesDivisor: 4)]
    public Property The_windowed_staircase_is_the_full_sum() => Prop.ForAll(StaircaseCases.Any.Arbitrary, c =>
    {
        var g = new SigmoidStaircase(c.F, c.N, c.K);
        var values = Enumerable.Range(0, c.N + 1).Select(i => c.F.Evaluate((double)i / c.N)).ToArray();
        double Full(double x) => values[0] + Enumerable.Range(1, c.N).Sum(i => (values[i] - values[i - 1]) * SigmoidStaircase.Sigmoid(c.K * (x - (i - 0.5) / c.N)));
        var worst = Enumerable.Range(0, 101).Select(i => i / 100.0).Max(x => Math.Abs(Full(x) - g.Evaluate(x)) - g.EvaluationError(x, c.F.Evaluate(x)));
        return (worst <= 0).Label($"{c.F.Name}, N = {c.N}, k = {c.K}: {worst}");
    });

    [Fact]
    public void The_tail_factor_tends_to_one_half_when_the_steps_sharpen()
    {
        Assert.Equal(0.5 + 1 / (1 + Math.E) + 2 / (Math.E - 1), SigmoidStaircase.TailFactor(8, 8), 12);
        Assert.Equal(0.5, SigmoidStaircase.TailFactor(64 * 64, 64), 12);
        Assert.Equal(Math.Sqrt(0.5), SquareRootTarget.Instance.Modulus(Rational.Half), 12);
        Assert.Equal(2 * Math.Sin(Math.PI / 4), new SineTarget(1).Modulus(Rational.Of(1, 4)), 12);
        Assert.Equal(2.0, new SineTarget(3).Modulus(Rational.Half), 12);
    }

    /// <summary>A constant target is matched exactly (every step 0): decided without a floating-point enclosure.</summary>
    [Fact]
    public void A_constant_is_approximated_exactly()
    {
        var outcome = ApproximationClaims.CheckStaircase(new StaircaseCase(new PolynomialTarget([Rational.Of(2, 3)]), 5, 25), control: false);
        Assert.True(outcome.Holds, outcome.Explanation);
    }

    /// <summary>A deliberately wrong variant: the bound without ω(1/(2N)) (the tails alone). Refuted.</summary>
    [Fact]
    public void The_bound_without_the_staircase_term_is_refuted()
    {
        var wrong = ApproximationClaims.SigmoidStaircaseClaim with
        {
            Id = "approx.sigmoid-staircase.wrong-no-staircase-term",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var g = new SigmoidStaircase(c.F, c.N, c.K);
                var sup = g.CertifiedSupError();
                var bound = c.F.Modulus(Rational.Of(1, c.N)) * (SigmoidStaircase.TailFactor(c.K, c.N) - 0.5);
                return Outcome.AtMost(sup.Lower, bound, new Tolerance(1e-12, "test"), "sup ≤ ω(1/N)(C − ½) (false)");
            },
        };
        Assert.Equal(Verdict.Refuted, wrong.Run(new RunSettings(40, TestSettings.Seed)).Verdict);
    }
}
