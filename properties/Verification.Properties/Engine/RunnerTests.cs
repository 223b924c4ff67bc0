using System.Text.RegularExpressions;
using Verification.Claims;
using Verification.Dropout;
using Xunit;

namespace Verification.Properties.Engine;

public class RunnerTests
{
    private static string WithoutTiming(string json) => Regex.Replace(json, "\"seconds\": [0-9.Ee+-]+", "\"seconds\": 0");

    [Fact]
    public void The_same_seed_gives_the_same_report_apart_from_timing()
    {
        RunReport RunAll() => new(1, 20, "managed", Catalog.All.Select(c => c.Run(new RunSettings(20, 1))).ToList());
        Assert.Equal(WithoutTiming(ReportFormats.Json(RunAll())), WithoutTiming(ReportFormats.Json(RunAll())));
    }

    [Fact]
    public void Different_seeds_draw_different_cases()
    {
        var a = ClaimRunner.Generate(DropoutClaims.Expectation.Generator, ClaimRunner.CaseSeed(1, 5), 50);
        var b = ClaimRunner.Generate(DropoutClaims.Expectation.Generator, ClaimRunner.CaseSeed(2, 5), 50);
        Assert.NotEqual(DropoutObjective.ClosedForm(a), DropoutObjective.ClosedForm(b));
    }

    [Fact]
    public void A_counterexample_replays_from_its_seed_and_size()
    {
        // Without the batch sweep, the counterexample comes from a random case, which Replay reproduces.
        var control = DropoutClaims.ExpectationControl with { BatchSweep = _ => Sweep<DropoutCase>.None };
        var report = control.Run(new RunSettings(50, 3));
        var x = Assert.IsType<Counterexample>(report.Counterexample);
        var replay = control.Replay(x.ReplaySeed, x.Size);
        Assert.False(replay.Outcome.Holds);
        Assert.Contains($"Replay({x.ReplaySeed}UL, {x.Size})", x.CSharpSnippet);
    }

    [Fact]
    public void Shrinking_reaches_a_one_by_one_instance_with_small_integers()
    {
        var x = DropoutClaims.ExpectationControl.Run(new RunSettings(50, 1)).Counterexample!;
        foreach (var v in x.Instance.Where(v => v.Value is MatrixValue))
        {
            var m = (MatrixValue)v.Value;
            Assert.Single(m.Rows);
            Assert.Single(m.Rows[0]);
            Assert.True(Math.Abs(m.Rows[0][0]) <= 1 && m.Rows[0][0] == Math.Round(m.Rows[0][0]), $"{v.Name} = {m}");
        }
    }

    [Fact]
    public void A_check_that_throws_is_a_failure_that_says_so()
    {
        var broken = DropoutClaims.Expectation with { Id = "engine.throws", Check = _ => throw new InvalidOperationException("boom") };
        var report = broken.Run(new RunSettings(5, 1));
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Assert.Contains("boom", report.Counterexample!.Explanation);
    }

    [Fact]
    public void Catalog_ids_are_unique_well_formed_and_sourced()
    {
        var ids = Catalog.All.Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var c in Catalog.All)
        {
            Assert.Matches("^[a-z0-9-]+(\\.[a-z0-9-]+)+$", c.Id);
            Assert.NotNull(Sources.Find(c.SourceKey));
            Assert.False(string.IsNullOrWhiteSpace(c.Statement));
            Assert.False(string.IsNullOrWhiteSpace(c.Evidence));
            if (c.Kind == ClaimKind.Control) Assert.Equal(Verdict.Refuted, c.Expected);
        }
    }

    [Fact]
    public void Every_catalog_id_outside_controls_is_a_THEORY_md_id()
    {
        var theory = TheoryIds();
        if (theory.Count == 0) return; // shared/THEORY.md is not beside this checkout
        foreach (var c in Catalog.All.Where(c => c.Kind != ClaimKind.Control))
            Assert.Contains(c.Id.EndsWith(SymbolicClaims.DerivationClaims.Suffix) ? c.Id[..^SymbolicClaims.DerivationClaims.Suffix.Length] : c.Id, theory);
    }

    private static HashSet<string> TheoryIds()
    {
        var path = Path.Combine(RepositoryRoot.Path, "..", "shared", "THEORY.md");
        if (!File.Exists(path)) return [];
        return Regex.Matches(File.ReadAllText(path), "^- `([a-z0-9.-]+)`", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
    }
}

public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Verification.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Verification.sln not found above " + AppContext.BaseDirectory);
    }
}

public class ShrinkingTests
{
    [Fact]
    public void A_shrinker_that_cycles_stops_at_a_visited_instance()
    {
        // θ shrinks 1 → 1/2 → 1 → … forever; the runner must notice and stop after at most two steps.
        var cycling = Verification.Dropout.DropoutClaims.ExpectationControl with
        {
            Id = "engine.cycling-shrinker",
            Shrink = c => [c with { Theta = c.Theta == 1 ? 0.5 : 1 }],
        };
        var report = cycling.Run(new RunSettings(5, 1));
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Assert.True(report.Counterexample!.ShrinkSteps <= 2, $"{report.Counterexample.ShrinkSteps} steps");
    }
}
