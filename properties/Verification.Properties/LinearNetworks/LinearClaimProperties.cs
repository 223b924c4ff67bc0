using Fractions;
using Verification.Engine;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.LinearNetworks;
using Xunit;

namespace Verification.Properties.LinearNetworks;

/// <summary>
/// Every check of Part I can fail: deliberately wrong variants are refuted by the runner. Hypothesis failures are discards that
/// name the hypothesis; the worked examples give the values computed by hand.
/// </summary>
public class LinearClaimProperties
{
    private static ClaimReport Run<T>(Claim<T> claim) => claim.Run(TestSettings.Run);

    [Fact]
    public void Baldi_Hornik_with_the_smallest_eigenvalues_is_refuted()
    {
        var wrong = LinearClaims.BaldiHornikMinimum with
        {
            Id = "linear.baldi-hornik.wrong-end",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var (spectrum, premise) = LinearClaims.ShallowPremises(c, distinct: true);
                if (premise is not null) return premise;
                var n1 = c.HiddenWidths[0];
                var bottom = Enumerable.Range(spectrum!.Dimension - n1, n1).ToArray();
                var top = Enumerable.Range(0, n1).ToArray();
                // "min R = tr Σ_yy − Σ of the n₁ smallest eigenvalues", checked at the top point's value.
                var check = LinearClaims.ShallowPoint(c, spectrum, top, CurvatureRequirement.None);
                if (spectrum.Exact is { } e)
                    return Outcome.Exact(BaldiHornik.CriticalPoint(c.Moments, e, top).Value, BaldiHornik.ClaimedValue(c.Moments, e.Eigenvalues, bottom), "min R against the smallest eigenvalues");
                return check.Outcome;
            },
        };
        Assert.Equal(Verdict.Refuted, Run(wrong).Verdict);
    }

    [Fact]
    public void Every_critical_point_a_minimum_is_refuted_by_an_exact_negative_eigenvalue()
    {
        var wrong = LinearClaims.CriticalPoints with
        {
            Id = "linear.critical-points.wrong-all-minima",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var (spectrum, premise) = LinearClaims.ShallowPremises(c, distinct: true);
                if (premise is not null) return premise;
                return Outcome.All(BaldiHornik.IndexSets(spectrum!.Dimension, c.HiddenWidths[0])
                    .Select(set => LinearClaims.ShallowPoint(c, spectrum, set, CurvatureRequirement.NoNegative).Outcome).ToArray());
            },
        };
        var report = Run(wrong);
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Assert.Contains("no negative Hessian eigenvalue", report.Counterexample!.Explanation);
    }

    [Fact]
    public void The_optimal_product_without_the_inverse_of_Sigma_xx_is_refuted()
    {
        var wrong = LinearClaims.OptimalProduct with
        {
            Id = "linear.optimal-product.wrong-product",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                // "U = [Σ_yx 0], V = [I 0] is a critical point": true only when Σ_xx acts as the identity.
                var s = c.Moments;
                var n1 = c.HiddenWidths[0];
                var u = s.Syx.Embed(s.OutputDimension, n1);
                var v = ExactLinearAlgebra.Identity(s.InputDimension).Embed(s.InputDimension, n1);
                var gradient = DeepLinearRisk.Gradient(s.Exact(), [FieldMatrices.Of(v.Transpose()), FieldMatrices.Of(u)]);
                return Outcome.Decide(gradient.All(g => g.IsZero()), Value.Of("∇R"), Value.Of(0L), "exact: ∇R = 0 at UVᵀ = Σ_yx", 1);
            },
        };
        Assert.Equal(Verdict.Refuted, Run(wrong).Verdict);
    }

    [Fact]
    public void A_flat_origin_at_depth_2_is_refuted()
    {
        var wrong = LinearClaims.DeepNonstrictSaddle with
        {
            Id = "linear.deep-nonstrict-saddle.wrong-depth",
            Kind = ClaimKind.Control,
            Instances = OriginProblems.Shallow,
            Check = c =>
            {
                if (c.Moments.Syx.IsZero()) return Outcome.Discard("YXᵀ = 0");
                var zeros = Enumerable.Range(0, c.Widths.Count - 1).Select(k => FieldMatrices.Of(ExactLinearAlgebra.Zero(c.Widths[k + 1], c.Widths[k]))).ToArray();
                var h = DeepLinearRisk.Hessian(c.Moments.Exact(), zeros);
                return Outcome.Decide(h.IsZero(), Value.Of("∇²R(0)"), Value.Of("0"), "exact: the Hessian at 0 vanishes at depth 2", 1);
            },
        };
        Assert.Equal(Verdict.Refuted, Run(wrong).Verdict);
    }

    [Fact]
    public void The_slide_holds_when_the_eigenvalues_are_distinct()
    {
        var onDistinct = LinearClaims.BaldiHornikAsStated with { Instances = LinearProblems.Distinct, Examples = [] };
        Assert.Equal(Verdict.Verified, Run(onDistinct).Verdict);
    }

    [Fact]
    public void The_slide_fails_on_the_minimal_counterexample()
    {
        var outcome = LinearClaims.CheckBaldiHornikAsStated(LinearClaims.TiedSpectrumExample);
        Assert.True(outcome.Fails, outcome.Explanation);
        Assert.Equal("[1, 0; 0, 0]", outcome.Lhs.ToString());
        Assert.Equal("[0, 0; 0, 1]", outcome.Rhs.ToString());
        Assert.Contains("λ_1 = λ_2 = 1/2", outcome.Explanation);
    }

    [Fact]
    public void A_singular_input_moment_and_repeated_eigenvalues_are_discarded_with_the_hypothesis_named()
    {
        var singular = LinearProblem.FromSamples(ExactMatrix.Create(2, 2, (i, j) => i == 0 && j == 0 ? Fraction.One : Fraction.Zero), ExactLinearAlgebra.Identity(2), [1], true, 1);
        foreach (var check in new Func<LinearProblem, Outcome>[] { LinearClaims.CheckBaldiHornik, LinearClaims.CheckCriticalPoints, LinearClaims.CheckOptimalProduct, LinearClaims.CheckDeepOptimalProduct })
        {
            var o = check(singular with { HiddenWidths = [2] });
            Assert.Equal(OutcomeStatus.Discarded, o.Status);
            Assert.Contains("Σ_xx invertible", o.Explanation);
        }
        var tied = LinearClaims.CheckBaldiHornik(LinearClaims.TiedSpectrumExample);
        Assert.Equal(OutcomeStatus.Discarded, tied.Status);
        Assert.Contains("distinct eigenvalues", tied.Explanation);
        Assert.Contains("min R = tr Σ_yy − Σ_{i≤n₁} λ_i = 1/2", tied.Explanation);
    }

    /// <summary>X = Y = I₂·2-style worked example: X = I₂, Y = diag(2, 1), N = 2 gives Σ = diag(2, 1/2), so min R (n₁ = 1) = 5/2 − 2 = 1/2.</summary>
    [Fact]
    public void Worked_example_gives_the_hand_computed_values()
    {
        var c = LinearProblem.FromSamples(ExactLinearAlgebra.Identity(2), ExactLinearAlgebra.Diagonal([new Fraction(2), Fraction.One]), [1], true, 1);
        var o = LinearClaims.CheckCriticalPoints(c);
        Assert.True(o.Holds, o.Explanation);
        string Detail(string name) => o.Details.Single(d => d.Name == name).Value.ToString()!;
        Assert.Equal("1/2", Detail("value"));
        Assert.Equal("(2, 1/2)", Detail("eigenvalues"));
        Assert.StartsWith("R = 1/2, Hessian inertia (0 negative, 1 zero, 3 positive)", Detail("I = {1}"));
        Assert.StartsWith("R = 2, Hessian inertia (1 negative, 1 zero, 2 positive)", Detail("I = {2}"));
        Assert.Equal("[2, 0; 0, 0]", Detail("optimalProduct"));
    }

    [Fact]
    public void The_deep_origin_descends_exactly_along_the_rational_direction()
    {
        var c = LinearProblem.FromSamples(ExactLinearAlgebra.Identity(2), ExactLinearAlgebra.Diagonal([new Fraction(2), Fraction.One]), [1, 1], true, 1);
        var o = LinearClaims.CheckDeepOrigin(c);
        Assert.True(o.Holds, o.Explanation);
        // Σ_yx = diag(1, 1/2): a = 1, b = Σ_xx[0, 0] = 1/2, t₀ = 1 (b·1 ≤ a): decrease −2 + 1/2 = −3/2.
        Assert.Equal("-3/2", o.Details.Single(d => d.Name == "decrease").Value.ToString());
        Assert.Equal("1", o.Details.Single(d => d.Name == "step").Value.ToString());
    }

    [Fact]
    public void The_Kawaguchi_check_needs_its_rank_condition()
    {
        var origin = LinearProblem.FromSamples(ExactLinearAlgebra.Identity(2), ExactLinearAlgebra.Diagonal([new Fraction(2), Fraction.One]), [1, 1], true, 1);
        Assert.True(LinearClaims.CheckOriginIsStrict(origin).Fails);
        Assert.True(LinearClaims.CheckKawaguchi(origin).Holds);
    }

    [Fact]
    public void The_critical_values_figure_marks_one_minimum_and_five_strict_saddles()
    {
        var panel = LinearNetworksTopic.CriticalValuesPanel();
        Assert.Single(panel.Markers[0].Points);
        Assert.Equal(5, panel.Markers[1].Points.Count + panel.Markers[2].Points.Count);
        Assert.Equal(1.25, panel.Markers[0].Points[0].Y, 12); // 15/2 − 4 − 9/4
        var depth3 = LinearNetworksTopic.Depth3Panel();
        Assert.NotNull(depth3.Heatmap);
    }

    [Fact]
    public void Eval_reads_samples_or_moments_and_names_the_failed_hypothesis()
    {
        var fromMoments = InputReader.FromJson("""{ "exact": true, "Sigma_xx": [["1/2", 0], [0, "1/2"]], "Sigma_yx": [[1, 0], [0, "1/2"]], "Sigma_yy": [[2, 0], [0, "1/2"]], "n1": 1 }""", new EvalOptions());
        var o = Verification.Catalog.Find("linear.baldi-hornik").Evaluate(fromMoments).Outcome;
        Assert.True(o.Holds, o.Explanation);
        Assert.Equal("1/2", o.Details.Single(d => d.Name == "value").Value.ToString());
        Assert.Throws<InputException>(() => Verification.Catalog.Find("linear.baldi-hornik").Evaluate(
            InputReader.FromJson("""{ "Sigma_xx": [[1, 0], [0, 1]], "Sigma_yx": [[3, 0]], "Sigma_yy": [[1]], "n1": 1 }""", new EvalOptions())));
    }
}
