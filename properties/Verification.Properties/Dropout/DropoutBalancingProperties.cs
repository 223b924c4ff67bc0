using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Claims;
using Verification.Dropout;
using Xunit;
using Style = Verification.Dropout.MinimizerGenerators.CandidateStyle;

namespace Verification.Properties.Dropout;

/// <summary>dropout.balance-rotation, dropout.balance-gram, dropout.optimum-*, dropout.autoencoder-landscape.</summary>
public class DropoutBalancingProperties
{
    [SeededProperty]
    public Property Every_pair_is_equalized_by_a_rotation() => ClaimProperty.Of(DropoutClaims.BalanceRotation);

    [Fact]
    public void Balance_rotation_is_verified_with_no_inconclusive_search()
    {
        var report = ClaimProperty.Run(DropoutClaims.BalanceRotation);
        Assert.Equal(Verdict.Verified, report.Verdict);
        Assert.Equal(0, report.InconclusiveCases);
    }

    [SeededProperty]
    public Property Gram_balancing_equalizes_with_products_nuclear_over_r() => ClaimProperty.Of(DropoutClaims.BalanceGram);

    [Fact]
    public void Balance_gram_is_verified_by_the_runner() => Assert.Equal(Verdict.Verified, ClaimProperty.Run(DropoutClaims.BalanceGram).Verdict);

    [Fact]
    public void Gram_rotation_of_diag_3_2_1_has_constant_diagonal_2()
    {
        var g = Matrix<double>.Build.DenseOfDiagonalArray([3.0, 2.0, 1.0]);
        var q = Balancing.GramRotation(g);
        var d = (q.Transpose() * g * q).Diagonal();
        foreach (var x in d) Assert.Equal(2.0, x, 14);
    }

    [Fact]
    public void Balance_gram_eval_rejects_a_pair_that_is_not_gram_balanced()
    {
        var e = Assert.Throws<InputException>(() => DropoutClaims.BalanceGram.Evaluate(ClaimInput.FromJson("{\"U\": [[1, 0]], \"V\": [[2, 0]]}", new EvalOptions())));
        Assert.Contains("not Gram-balanced", e.Message);
    }

    /// <summary>The characterization with dropout actually on (θ &lt; 1): both directions hold on every candidate style.</summary>
    [SeededProperty]
    public Property Optimum_characterization_holds_for_positive_lambda() =>
        Prop.ForAll(Arb.From(MinimizerGenerators.Candidates(Enum.GetValues<Style>()).Where(c => c.Lambda > 0)), c =>
        {
            var o = DropoutClaims.CheckCharacterization(c, asStated: false);
            return o.Holds.Label(o.Explanation);
        });

    [SeededProperty]
    public Property Optimum_construction_attains_the_minimum() => ClaimProperty.Of(DropoutClaims.OptimumConstruction);

    [Fact]
    public void Optimum_construction_is_verified_by_the_runner() =>
        Assert.Equal(Verdict.Verified, ClaimProperty.Run(DropoutClaims.OptimumConstruction).Verdict);

    /// <summary>Beyond the hand-found example: the generated factorizations (mixed, with cancelling pairs) also refute the slide's algorithm.</summary>
    [Fact]
    public void Optimum_construction_as_stated_is_refuted_by_generated_factorizations_too()
    {
        var claim = DropoutClaims.OptimumConstructionAsStated with { Examples = [] };
        Assert.Equal(Verdict.Refuted, ClaimProperty.Run(claim).Verdict);
    }

    [SeededProperty]
    public Property Autoencoder_landscape_holds_for_positive_lambda() =>
        Prop.ForAll(Arb.From(DropoutClaims.AutoencoderCases.Where(c => c.Lambda > Fractions.Fraction.Zero)), c =>
        {
            var o = DropoutClaims.CheckAutoencoder(c);
            return o.Holds.Label(o.Explanation);
        });

}
