using Verification.ClaimsFiles;
using Verification.Engine;
using Verification.Input;
using Verification.Properties.CatalogDriven;
using Verification.Properties.Snapshots;
using Xunit;

namespace Verification.Properties.ClaimsFiles;

/// <summary>
/// The proof that claims files work: every claim of examples/claims.yaml reaches its expected verdict, the same verdict as each
/// of its built-in twins in the catalog, with a minimal counterexample (snapshotted) when refuted; the controls refute one
/// deliberately wrong statement per relation; runs reach both ends of every declared dimension range; replays and eval work.
/// </summary>
public class ExamplesFileTests
{
    [Theory]
    [MemberData(nameof(ExamplesFile.Ids), MemberType = typeof(ExamplesFile))]
    public void The_verdict_is_the_expected_one(string id)
    {
        var report = ExamplesFile.Report(id);
        var detail = report.Counterexample?.Explanation ?? report.Error?.Explanation ?? report.Health ?? "";
        Assert.True(report.AsExpected, $"{id}: {Names.Of(report.Verdict)}, expected {Names.Of(report.Expected)}. {detail}");
    }

    [Theory]
    [MemberData(nameof(ExamplesFile.Ids), MemberType = typeof(ExamplesFile))]
    public void The_verdict_is_that_of_every_built_in_twin(string id)
    {
        var model = ExamplesFile.Models.Single(m => m.Id == id);
        foreach (var twin in model.Twins.Where(Verification.Catalog.Contains))
            Assert.True(CatalogRun.Report(twin).Verdict == ExamplesFile.Report(id).Verdict,
                $"{id} is {Names.Of(ExamplesFile.Report(id).Verdict)} but its twin {twin} is {Names.Of(CatalogRun.Report(twin).Verdict)}");
    }

    /// <summary>At least six catalog identities are re-expressed, and every twin named either is in the catalog or is one of the numerical claims still to come.</summary>
    [Fact]
    public void Six_catalog_identities_have_twins_in_the_file()
    {
        var twinned = ExamplesFile.Models.Where(m => m.Twins.Any(Verification.Catalog.Contains)).Select(m => m.Id).ToList();
        Assert.True(twinned.Count >= 6, string.Join(", ", twinned));
        foreach (var required in new[] { "dropout.expectation", "dropout.expectation-with-input", "dropconnect.output-layer", "dropconnect.input-layer", "dropblock.expectation", "dropblock.expectation.as-stated", "linear.risk-trace" })
            Assert.Contains(ExamplesFile.Models, m => m.Twins.Contains(required) && m.Twins.Any(Verification.Catalog.Contains));
    }

    /// <summary>A deliberately wrong statement in every relation (=, ≤, ≥) is refuted, on both evaluation paths.</summary>
    [Fact]
    public void A_wrong_statement_in_every_relation_is_refuted()
    {
        var controls = ExamplesFile.Models.Where(m => m.Kind == ClaimKind.Control).ToList();
        foreach (var relation in Enum.GetValues<Relation>())
            Assert.Contains(controls, m => m.Relation == relation && ExamplesFile.Report(m.Id).Verdict == Verdict.Refuted);
        Assert.Contains(controls, m => m.IsExact && ExamplesFile.Report(m.Id).Verdict == Verdict.Refuted);
        Assert.Contains(controls, m => !m.IsExact && ExamplesFile.Report(m.Id).Verdict == Verdict.Refuted);
    }

    [SnapshotTheory]
    [MemberData(nameof(ExamplesFile.RefutedIds), MemberType = typeof(ExamplesFile))]
    public void A_refuted_claim_keeps_its_minimal_counterexample(string id)
    {
        var report = ExamplesFile.Report(id);
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Snapshot.Match("claims-files", id, CatalogTests.Text(report));
    }

    [Theory]
    [MemberData(nameof(ExamplesFile.RefutedIds), MemberType = typeof(ExamplesFile))]
    public void The_replay_reproduces_the_counterexample(string id)
    {
        var claim = ExamplesFile.Find(id);
        var x = Assert.IsType<Verification.Reporting.Counterexample>(ExamplesFile.Report(id).Counterexample);
        Assert.True(x.Residual > 0, $"{id}: residual {x.Residual}");
        var replay = x.Origin.Kind == Verification.Reporting.ReplayKind.Example ? claim.ReplayExample(x.Origin.Example) : claim.Replay(x.Origin.Seed, x.Origin.Size);
        Assert.True(replay.Outcome.Fails, $"{id}: {replay.Outcome.Explanation}");
    }

    [Theory]
    [MemberData(nameof(ExamplesFile.Ids), MemberType = typeof(ExamplesFile))]
    public void A_run_reaches_both_ends_of_every_dimension_range(string id)
    {
        var claim = ExamplesFile.Find(id);
        Assert.NotEmpty(claim.Instances.Sizes);
        foreach (var c in claim.Coverage(TestSettings.Run))
            Assert.True(c.Covers, $"{id}: {c.Documented.Name} declared {c.Documented.Min}..{c.Documented.Max}, reached {c.Min}..{c.Max}");
    }

    [Theory]
    [MemberData(nameof(ExamplesFile.Ids), MemberType = typeof(ExamplesFile))]
    public void The_eval_sample_is_read_and_settled(string id)
    {
        var claim = ExamplesFile.Find(id);
        var sample = Assert.IsType<string>(claim.SampleInput);
        var outcome = claim.Evaluate(InputReader.FromJson(sample, new EvalOptions())).Outcome;
        Assert.True(outcome.IsConclusive, $"{id}: {Names.Of(outcome.Status)}: {outcome.Explanation}");
        if (claim.Kind == ClaimKind.Theorem) Assert.True(outcome.Holds, $"{id}: {outcome.Explanation}");
    }

    /// <summary>The symbolic decision is the engine's own: the file's dropout identity at m=2, n=3, r=3 is the catalog's derivation.</summary>
    [Fact]
    public void The_symbolic_sides_are_those_of_the_built_in_derivation()
    {
        var model = ExamplesFile.Models.Single(m => m.Id == "paper.dropout-expectation");
        var dims = new Dictionary<string, int> { ["m"] = 2, ["n"] = 3, ["r"] = 3 };
        var values = model.Deterministic.ToDictionary(s => s.Name, s => ExactEvaluator.Variables(s, dims));
        var evaluator = new ExactEvaluator(model, dims, values);
        var derivation = Verification.Symbolic.Derivations.Derivations.Find("dropout.expectation");
        Assert.Equal(derivation.Lhs, evaluator.Evaluate(model.Lhs)[0, 0]);
        Assert.Equal(derivation.Rhs, evaluator.Evaluate(model.Rhs)[0, 0]);
    }
}
