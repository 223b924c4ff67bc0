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

    /// <summary>
    /// PENDING TWINS: built-in claims that the examples' file claims re-express but that are not in main's catalog yet, because
    /// their issue's branch is still to be merged. Each is checked by <see cref="Every_twin_is_in_the_catalog_with_the_same_verdict"/>
    /// as soon as its line is deleted here. TO ENABLE after merging issue 10 (DropConnect, DropBlock) or issue 12 (linear
    /// networks): delete its lines; <see cref="Pending_twins_are_not_in_the_catalog_yet"/> fails until you do.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PendingTwins = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["linear.risk-trace"] = "issue 12",
        ["linear.risk-trace.control"] = "issue 12",
    };

    /// <summary>Every (file claim, built-in twin) pair of the examples, the pending twins aside.</summary>
    public static Xunit.TheoryData<string, string> TwinPairs()
    {
        var data = new Xunit.TheoryData<string, string>();
        foreach (var m in ClaimsFile.Load(ExamplesFile.Path))
            foreach (var twin in m.Twins.Where(t => !PendingTwins.ContainsKey(t)))
                data.Add(m.Id, twin);
        return data;
    }

    /// <summary>The file claim and its built-in twin reach the same verdict; a twin missing from the catalog FAILS (it is not skipped).</summary>
    [Theory]
    [MemberData(nameof(TwinPairs))]
    public void Every_twin_is_in_the_catalog_with_the_same_verdict(string id, string twin)
    {
        Assert.True(Verification.Catalog.Contains(twin), $"{id} names the built-in twin {twin}, which is not in the catalog");
        var (file, builtIn) = (ExamplesFile.Report(id), CatalogRun.Report(twin));
        Assert.True(builtIn.Verdict == file.Verdict, $"{id} is {Names.Of(file.Verdict)} but its twin {twin} is {Names.Of(builtIn.Verdict)}");
        Assert.Equal(builtIn.Kind, file.Kind);
    }

    /// <summary>The pending list holds only twins the examples name and the catalog lacks: once merged, a twin must be enabled.</summary>
    [Fact]
    public void Pending_twins_are_not_in_the_catalog_yet()
    {
        foreach (var (twin, issue) in PendingTwins)
        {
            Assert.Contains(ExamplesFile.Models, m => m.Twins.Contains(twin));
            Assert.False(Verification.Catalog.Contains(twin),
                $"{twin} ({issue}) is in the catalog now: delete its line from ExamplesFileTests.PendingTwins so that its file twin is compared with it");
        }
    }

    /// <summary>
    /// The issue's identities are all re-expressed (the dropout identity with and without X, DropConnect on each layer, the
    /// DropBlock identity and its slide version, the linear risk trace), and at least six file claims have a twin in the catalog.
    /// </summary>
    [Fact]
    public void Six_catalog_identities_have_twins_in_the_file()
    {
        var twinned = ExamplesFile.Models.Where(m => m.Twins.Any(Verification.Catalog.Contains)).Select(m => m.Id).ToList();
        Assert.True(twinned.Count >= 6, string.Join(", ", twinned));
        foreach (var required in new[] { "dropout.expectation", "dropout.expectation-with-input", "dropconnect.output-layer", "dropconnect.input-layer", "dropblock.expectation", "dropblock.expectation.as-stated", "linear.risk-trace" })
            Assert.Contains(ExamplesFile.Models, m => m.Twins.Contains(required));
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

    /// <summary>
    /// Issue 9's magnitude class for the examples' theorems, as <see cref="MagnitudeTests"/> for the catalog's: the eval sample
    /// with every matrix entry scaled by 10^k (k = −320 … 300) holds, is inconclusive (overflow, lost precision) or is refused
    /// as bad input, never "holds": false.
    /// </summary>
    [Theory]
    [MemberData(nameof(ExamplesFile.TheoremIds), MemberType = typeof(ExamplesFile))]
    public void Extreme_magnitudes_never_refute_a_theorem(string id)
    {
        var claim = ExamplesFile.Find(id);
        foreach (var exponent in new[] { -320, -300, -150, 150, 200, 300 })
        {
            var json = MagnitudeTests.Scaled(Assert.IsType<string>(claim.SampleInput), exponent);
            Outcome outcome;
            try
            {
                outcome = claim.Evaluate(InputReader.FromJson(json, new EvalOptions())).Outcome;
            }
            catch (Exception e) when (e is InputException or ArgumentException or Verification.Numerics.LimitExceededException)
            {
                continue;
            }
            Assert.True(!outcome.IsConclusive || outcome.Holds, $"{id} at 10^{exponent}: {Names.Of(outcome.Status)}: {outcome.Explanation}\ninput: {json}");
        }
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
