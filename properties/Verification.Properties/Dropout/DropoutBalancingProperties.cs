using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Input;
using Verification.LinearAlgebra;
using Verification.Reporting;
using Verification.Topics.Dropout;
using Xunit;
using Style = Verification.Topics.Dropout.OptimumCases.CandidateStyle;

namespace Verification.Properties.Dropout;

/// <summary>dropout.balance-gram, dropout.optimum-*: what the catalog run does not show.</summary>
public class DropoutBalancingProperties
{
    [Fact]
    public void Gram_rotation_of_diag_3_2_1_has_constant_diagonal_2()
    {
        var g = Matrix<double>.Build.DenseOfDiagonalArray([3.0, 2.0, 1.0]);
        var q = Balancing.GramRotation(g);
        var d = (q.Transpose() * g * q).Diagonal();
        foreach (var x in d) Assert.Equal(2.0, x, 14);
    }

    [Fact]
    public void Balance_gram_discards_a_pair_that_is_not_gram_balanced()
    {
        var report = DropoutClaims.BalanceGram.Evaluate(InputReader.FromJson("{\"U\": [[1, 0]], \"V\": [[2, 0]]}", new EvalOptions()));
        Assert.Equal(OutcomeStatus.Discarded, report.Outcome.Status);
        Assert.Contains("not Gram-balanced", report.Outcome.Explanation);
    }

    /// <summary>The characterization with dropout on (λ &gt; 0) over every candidate style, the arbitrary factorizations included.</summary>
    [Fact]
    public void Optimum_characterization_holds_on_every_candidate_style()
    {
        var claim = DropoutClaims.OptimumCharacterization with
        {
            Instances = OptimumCases.Candidates("every style, λ > 0", ShrinkageCases.PositiveLambda, Enum.GetValues<Style>()),
        };
        Assert.Equal(Verdict.Verified, claim.Run(TestSettings.Run).Verdict);
    }

    /// <summary>Beyond the hand-found example: the generated factorizations (mixed, with cancelling pairs) also refute the slide's algorithm.</summary>
    [Fact]
    public void Optimum_construction_as_stated_is_refuted_by_generated_factorizations_too()
    {
        var claim = DropoutClaims.OptimumConstructionAsStated with { Examples = [] };
        Assert.Equal(Verdict.Refuted, claim.Run(TestSettings.Run).Verdict);
    }

    /// <summary>A deliberately wrong characterization: "a minimum iff UVᵀ = S_τ(Y)" (no condition on the products). Refuted.</summary>
    [Fact]
    public void A_characterization_without_the_product_condition_is_refuted()
    {
        var wrong = DropoutClaims.OptimumCharacterization with
        {
            Id = "dropout.optimum-characterization.wrong",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var facts = DropoutClaims.Facts(c);
                return Outcome.Decide(facts.IsMinimum == facts.IsThresholding, Value.Of(facts.F), Value.Of(facts.Minimum), "minimum iff UVᵀ = S_τ(Y) (false)");
            },
        };
        Assert.Equal(Verdict.Refuted, wrong.Run(TestSettings.Run).Verdict);
    }
}
