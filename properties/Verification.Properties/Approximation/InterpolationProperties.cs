using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Approximation;
using Xunit;
using Outcome = Verification.Engine.Outcome;

namespace Verification.Properties.Approximation;

/// <summary>
/// The exact sup error by critical points against dense sampling (sampling can only find less), the exact Lipschitz constant,
/// ‖f″‖ and modulus against sampled values, the tight case, and a wrong variant the runner must refute.
/// </summary>
public class InterpolationProperties
{
    private static Arbitrary<InterpolationCase> Cases { get; } = InterpolationCases.Any.Arbitrary;

    [SeededProperty(casesDivisor: 2)]
    public Property The_certified_sup_is_above_every_sample_and_attained() => Prop.ForAll(Cases, c =>
    {
        var knots = Interpolation.Knots(c.A, c.B, c.N);
        var interpolant = Interpolation.Network(knots, knots.Select(c.F.Value).ToArray()).ToPiecewiseLinear(c.A, c.B);
        var sup = Interpolation.Sup(c.F, interpolant);
        var sampled = Enumerable.Range(0, 2001).Select(i => c.A + (c.B - c.A) * Rational.Of(i, 2000))
            .Max(x => Rational.Abs(c.F.Value(x) - interpolant.Evaluate(x)).ToDouble());
        // Every sample is at most the certified sup (exactly: a sample above it would be a larger candidate); the sup is reached
        // at its argmax, so a dense sample comes close to it (within the variation over a grid step, ≤ 2L·h_grid).
        var step = (c.B - c.A).ToDouble() / 2000;
        var lipschitz = c.F.Lipschitz(c.A, c.B).ToDouble() + interpolant.Slopes.Max(s => Math.Abs(s.ToDouble()));
        var ok = sampled <= sup.Approximate * (1 + 1e-12) + 1e-15 && sup.Approximate <= sampled + lipschitz * step + 1e-12;
        return ok.Label($"{c.F.Name}, N = {c.N}: sup {sup.Value} ≈ {sup.Approximate}, sampled {sampled}");
    });

    [SeededProperty(casesDivisor: 2)]
    public Property Lipschitz_constants_and_moduli_are_exact() => Prop.ForAll(Arb.From(TargetGenerators.Polynomial), f =>
    {
        var xs = Enumerable.Range(0, 401).Select(i => Rational.Of(i, 400)).ToArray();
        var lipschitz = f.Lipschitz(0, 1);
        var delta = Rational.Of(1, 8);
        var modulus = f.ExactModulus(delta, 0, 1);
        // Difference quotients never exceed L; the sampled modulus never exceeds ω(δ), and ω(δ) ≤ Lδ.
        var quotients = xs.Zip(xs.Skip(1), (x, y) => Rational.Abs((f.Value(y) - f.Value(x)) / (y - x))).Max();
        var sampledModulus = xs.Where(x => x + delta <= 1).Max(x => Rational.Abs(f.Value(x + delta) - f.Value(x)));
        var ok = quotients <= lipschitz && sampledModulus <= modulus && modulus <= lipschitz * delta
                 && lipschitz.ToDouble() - quotients.ToDouble() <= 6 * Math.Abs(f.Coefficients[3].ToDouble()) / 400 + 2 * Math.Abs(f.Coefficients[2].ToDouble()) / 400 + 1e-12;
        return ok.Label($"{f.Name}: L = {lipschitz}, quotients {quotients}, ω(1/8) = {modulus}, sampled {sampledModulus}");
    });

    [Fact]
    public void The_C2_bound_is_attained_by_x_squared_and_the_Lipschitz_bound_by_a_kink_at_a_midpoint()
    {
        foreach (var n in new[] { 1, 3, 64 })
        {
            var square = InterpolationCase(ApproximationFigures.Square, n);
            Assert.Contains("the C² bound is attained exactly", Detail(square, "attained"));
            var kink = InterpolationCase(PiecewiseTarget.Abs(Rational.Of(1, 2 * n)), n);
            Assert.Contains("the Lipschitz bound is attained exactly", Detail(kink, "attained"));
        }
    }

    private static InterpolationCase InterpolationCase(ExactTarget f, int n) => new(f, n, Rational.Zero, Rational.One);

    private static string Detail(InterpolationCase c, string name) =>
        ApproximationClaims.CheckInterpolation(c, Rational.Half, Rational.Of(1, 8)).Details.Single(d => d.Name == name).Value.ToString()!;

    /// <summary>A cubic's critical points are irrational: the sup is a quadratic surd and the comparison with the bound is exact.</summary>
    [Fact]
    public void A_cubic_sup_is_an_exact_surd()
    {
        var outcome = ApproximationClaims.CheckInterpolation(InterpolationCase(ApproximationFigures.Cubic, 1), Rational.Half, Rational.Of(1, 8));
        Assert.True(outcome.Holds);
        Assert.Equal("0 + 1/9·√(12)", outcome.Details.Single(d => d.Name == "supErrorExact").Value.ToString());
        Assert.Equal(2 / (3 * Math.Sqrt(3)), outcome.Details.Single(d => d.Name == "supError").Value.Approximate, 14);
    }

    [Fact]
    public void Surd_signs_are_exact()
    {
        var root2 = new QuadraticSurd(0, 1, 2);
        Assert.Equal(1, (root2 - Rational.Of(1414, 1000)).Sign);
        Assert.Equal(-1, (root2 - Rational.Of(1415, 1000)).Sign);
        Assert.Equal(0, new QuadraticSurd(3, -1, 9).Sign);
        Assert.Equal(-1, new QuadraticSurd(-2, 1, 3).Sign);
        Assert.Equal(Rational.Of(3, 2), QuadraticSurd.ExactSqrt(Rational.Of(9, 4)));
        Assert.Null(QuadraticSurd.ExactSqrt(Rational.Of(2)));
    }

    /// <summary>A deliberately wrong variant: "the C² bound holds for every Lipschitz f" with ‖f″‖ read as 0 for a kink. Refuted.</summary>
    [Fact]
    public void The_smooth_bound_for_a_kink_is_refuted()
    {
        var wrong = ApproximationClaims.ReluInterpolation with
        {
            Id = "approx.relu-interpolation.wrong-smooth-for-kinks",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var knots = Interpolation.Knots(c.A, c.B, c.N);
                var sup = Interpolation.Sup(c.F, Interpolation.Network(knots, knots.Select(c.F.Value).ToArray()).ToPiecewiseLinear(c.A, c.B));
                var bound = (c.F.SecondDerivativeSup(c.A, c.B) ?? Rational.Zero) * c.H * c.H / 8;
                return Outcome.Decide(sup.Exceeding(bound) is null, Value.Of(sup.Approximate), Value.Of(bound.ToDouble()), "sup ≤ h²‖f″‖/8 with ‖f″‖ = 0 off C² (false)");
            },
        };
        Assert.Equal(Verdict.Refuted, wrong.Run(TestSettings.Run).Verdict);
    }
}
