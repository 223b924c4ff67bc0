using System.Text.RegularExpressions;
using Verification.Engine;
using Verification.Reporting;
using Verification.Properties.Snapshots;
using Xunit;

namespace Verification.Properties.CatalogDriven;

/// <summary>
/// The catalog, driven from one run: every claim's verdict is its expected verdict, on the cases the report counts; every
/// refuted claim keeps its minimal counterexample as a snapshot and its replay reproduces it.
/// </summary>
public class CatalogTests
{
    [Theory]
    [MemberData(nameof(CatalogRun.Ids), MemberType = typeof(CatalogRun))]
    public void The_verdict_is_the_expected_one(string id)
    {
        var report = CatalogRun.Report(id);
        var detail = report.Counterexample?.Explanation ?? report.Error?.Explanation ?? report.Health ?? "";
        Assert.True(report.AsExpected, $"{id}: {Names.Of(report.Verdict)}, expected {Names.Of(report.Expected)}. {detail}");
        if (report.Verdict == Verdict.Verified)
            Assert.True(report.Counts.Held >= Math.Ceiling(Runner.ConclusiveShare * report.Counts.Budget),
                $"{id}: verified on {report.Counts.Held} of {report.Counts.Budget} budgeted cases");
    }

    [SnapshotTheory]
    [MemberData(nameof(CatalogRun.RefutedIds), MemberType = typeof(CatalogRun))]
    public void A_refuted_claim_keeps_its_minimal_counterexample(string id)
    {
        var report = CatalogRun.Report(id);
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Snapshot.Match(id.Split('.')[0], id, Text(report));
    }

    [Theory]
    [MemberData(nameof(CatalogRun.RefutedIds), MemberType = typeof(CatalogRun))]
    public void The_replay_snippet_reproduces_the_counterexample(string id)
    {
        var claim = Verification.Catalog.Find(id);
        var x = Assert.IsType<Counterexample>(CatalogRun.Report(id).Counterexample);
        switch (x.Origin.Kind)
        {
            case ReplayKind.Example:
                Assert.Contains($"Catalog.Find(\"{id}\").ReplayExample({x.Origin.Example})", x.CSharpSnippet);
                Assert.True(claim.ReplayExample(x.Origin.Example).Outcome.Fails);
                break;
            case ReplayKind.Random:
                Assert.Contains($"Catalog.Find(\"{id}\").Replay({x.Origin.Seed}UL, {x.Origin.Size})", x.CSharpSnippet);
                Assert.True(claim.Replay(x.Origin.Seed, x.Origin.Size).Outcome.Fails);
                break;
            case ReplayKind.Sweep:
                Assert.Contains($"Catalog.Find(\"{id}\").Run(new RunSettings(Seed: {x.Origin.Seed}UL))", x.CSharpSnippet);
                var again = claim.Run(new RunSettings(1, x.Origin.Seed)).Counterexample;
                Assert.Equal(Text(x), Text(Assert.IsType<Counterexample>(again)));
                break;
            default:
                Assert.Fail($"unexpected origin {x.Origin.Kind}");
                break;
        }
    }

    public static TheoryData<string> WithEval()
    {
        var data = new TheoryData<string>();
        foreach (var c in Verification.Catalog.All.Where(c => c.HasEval)) data.Add(c.Id);
        return data;
    }

    /// <summary>Every claim with eval reads its instance type's sample input and settles it (holds or fails, never an error or a discard).</summary>
    [Theory]
    [MemberData(nameof(WithEval))]
    public void The_eval_sample_is_read_and_settled(string id)
    {
        var claim = Verification.Catalog.Find(id);
        var sample = Assert.IsType<string>(claim.SampleInput);
        var outcome = claim.Evaluate(Verification.Input.InputReader.FromJson(sample, new Verification.Input.EvalOptions())).Outcome;
        Assert.True(outcome.IsConclusive, $"{id}: {Names.Of(outcome.Status)}: {outcome.Explanation}");
        if (claim.Kind == ClaimKind.Theorem) Assert.True(outcome.Holds, $"{id}: {outcome.Explanation}");
    }

    /// <summary>A refutation's residual is the violation that refutes it: nonzero for every refuted claim of the catalog.</summary>
    [Theory]
    [MemberData(nameof(CatalogRun.RefutedIds), MemberType = typeof(CatalogRun))]
    public void A_refutation_reports_a_nonzero_violation(string id)
    {
        var x = Assert.IsType<Counterexample>(CatalogRun.Report(id).Counterexample);
        Assert.True(x.Residual > 0, $"{id}: residual {x.Residual}");
    }

    [Fact]
    public void The_catalog_is_run_at_most_once_per_test_run()
    {
        _ = CatalogRun.All.Count();
        Assert.Equal(1, CatalogRun.Runs);
    }

    [Fact]
    public void Ids_are_unique_well_formed_sourced_and_explained()
    {
        var ids = Verification.Catalog.All.Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var c in Verification.Catalog.All)
        {
            Assert.Matches("^[a-z0-9-]+(\\.[a-z0-9-]+)+$", c.Id);
            Assert.NotNull(Verification.Catalog.Instance.FindSource(c.Source));
            Assert.False(string.IsNullOrWhiteSpace(c.Statement), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Evidence), c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Sides), $"{c.Id} does not say what its lhs and rhs are");
        }
    }

    [Fact]
    public void Expected_verdicts_follow_from_kinds_and_no_theorem_is_expected_refuted()
    {
        foreach (var c in Verification.Catalog.All)
        {
            if (c.Kind == ClaimKind.Theorem) Assert.Equal(Verdict.Verified, c.Expected);
            if (c.Kind == ClaimKind.Control) Assert.Equal(Verdict.Refuted, c.Expected);
        }
        var asStated = Claim.AsStated("x.as-stated", "t", "s", Sources.Suite, InstanceType.Create("n", FsCheck.Fluent.Gen.Constant(1), _ => [], _ => []),
            _ => Outcome.Decide(true, Value.Of(1L), Value.Of(1L), "e"), Verdict.Refuted, "evidence");
        Assert.Equal(Verdict.Refuted, asStated.Expected);
        Assert.Throws<InvalidOperationException>(() => (asStated with { Decision = null }).Expected);
    }

    [TheoryFileFact]
    public void Every_catalog_id_outside_controls_is_a_THEORY_md_id()
    {
        var theory = Regex.Matches(File.ReadAllText(TheoryFileFactAttribute.Path), "^- `([a-z0-9.-]+)`", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        const string suffix = Verification.Topics.Symbolic.DerivationClaims.Suffix;
        foreach (var c in Verification.Catalog.All.Where(c => c.Kind != ClaimKind.Control))
        {
            var id = c.Id.EndsWith(suffix) ? c.Id[..^suffix.Length] : c.Id;
            if (theory.Contains(id)) continue;
            // A corrected theorem: a THEORY.md id the suite refuted (kept as-stated) plus a suffix naming the added hypothesis.
            var parent = id[..id.LastIndexOf('.')];
            Assert.True(theory.Contains(parent), $"{c.Id} is not a THEORY.md id");
            var refuted = Verification.Catalog.Find(parent);
            Assert.True(c.Kind == ClaimKind.Theorem && refuted.Kind == ClaimKind.AsStated && refuted.Expected == Verdict.Refuted,
                $"{c.Id} extends {parent}, which is not a refuted as-stated claim: only corrected theorems may add a suffix");
        }
    }

    /// <summary>The text of a shrunk counterexample as snapshots keep it: the claim, the instance, both sides, the explanation.</summary>
    public static string Text(ClaimReport report) => $"claim: {report.Id}\nverdict: {Names.Of(report.Verdict)}\n" + Text(Assert.IsType<Counterexample>(report.Counterexample));

    public static string Text(Counterexample x)
    {
        var lines = new List<string> { "instance:" };
        lines.AddRange(x.Instance.Select(v => $"  {v.Name} = {v.Value}"));
        lines.Add($"lhs: {x.Lhs}");
        lines.Add($"rhs: {x.Rhs}");
        lines.Add($"explanation: {x.Explanation}");
        return string.Join("\n", lines);
    }
}
