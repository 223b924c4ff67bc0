using Verification.Engine;
using Verification.Properties.CatalogDriven;
using Verification.Properties.Snapshots;
using Verification.Reporting;
using Verification.Topics.Dropout;
using Xunit;

namespace Verification.Properties.Findings;

/// <summary>
/// Theorems of THEORY.md that needed a hypothesis the suite found missing: each is a theorem with the hypothesis in the
/// catalog (verified), and here, without it, a refuted variant whose minimal counterexample is a snapshot. A change in
/// either direction fails a test.
/// </summary>
public class HypothesisFindings
{
    /// <summary>dropout.optimum-characterization without λ &gt; 0: at θ = 1 a global minimum need not have equal products.</summary>
    public static Claim<OptimumCase> CharacterizationWithoutPositiveLambda { get; } = DropoutClaims.OptimumCharacterization with
    {
        Id = "dropout.optimum-characterization.without-positive-lambda",
        Kind = ClaimKind.Control,
        Check = c => DropoutClaims.CheckCharacterization(c, asStated: false, withoutHypothesis: true),
        Examples = [DropoutClaims.UnequalMinimumAtThetaOne],
    };

    /// <summary>dropout.autoencoder-landscape without λ &gt; 0: at θ = 1 the unbalanced points are minima, not strict saddles.</summary>
    public static Claim<AutoencoderCase> LandscapeWithoutPositiveLambda { get; } = DropoutClaims.AutoencoderLandscape with
    {
        Id = "dropout.autoencoder-landscape.without-positive-lambda",
        Kind = ClaimKind.Control,
        Instances = AutoencoderCases.Any,
        Check = c => DropoutClaims.CheckAutoencoder(c, withoutHypothesis: true),
        Examples = [DropoutClaims.NoDropoutAutoencoder],
    };

    public static TheoryData<string> Variants() => [CharacterizationWithoutPositiveLambda.Id, LandscapeWithoutPositiveLambda.Id];

    private static ClaimReport Run(string id) => (id == CharacterizationWithoutPositiveLambda.Id
        ? (IClaim)CharacterizationWithoutPositiveLambda : LandscapeWithoutPositiveLambda).Run(new RunSettings(TestSettings.DefaultCases, TestSettings.DefaultSeed));

    [Theory]
    [MemberData(nameof(Variants))]
    public void Without_the_hypothesis_the_statement_is_refuted_by_its_minimal_counterexample(string id)
    {
        var report = Run(id);
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Snapshot.Match("dropout", id, CatalogTests.Text(report));
    }

    [Fact]
    public void With_the_hypothesis_the_lambda_zero_instances_are_discarded_not_passed()
    {
        Assert.Equal(OutcomeStatus.Discarded, DropoutClaims.OptimumCharacterization.Check(DropoutClaims.UnequalMinimumAtThetaOne).Status);
        Assert.Equal(OutcomeStatus.Discarded, DropoutClaims.AutoencoderLandscape.Check(DropoutClaims.NoDropoutAutoencoder).Status);
    }
}
