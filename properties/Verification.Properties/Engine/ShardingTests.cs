using System.Text.RegularExpressions;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Reporting;
using Xunit;

namespace Verification.Properties.Engine;

/// <summary>
/// Sharded runs: every split of a run into N shards, run, written as JSON, read back and merged, gives the report of the
/// whole run (timing aside), wherever the first failure falls (an example, the sweep, a random case of any shard) and
/// whatever the verdict (verified, refuted, error, inconclusive with its health message).
/// </summary>
public class ShardingTests
{
    public static string WithoutTiming(string json) => Regex.Replace(json, "\"(seconds|casesPerSecond)\": [0-9.Ee+-]+", "\"$1\": 0");

    private static Outcome Holds(int n) => Outcome.Within(n, n + 1e-3 * (n % 7), new Tolerance(1, "test"), "n ≈ n");

    /// <summary>A claim over integers 0..size with a check, fixed examples and a sweep of its own.</summary>
    private static Claim<int> OnSizes(string id, Func<int, Outcome> check, int[]? examples = null, int[]? suspects = null) =>
        new Claim<int>(id, "sizes", "n", ClaimKind.Theorem, Sources.Suite,
            InstanceType.Create("integer up to the size", Gen.Sized(s => Gen.Choose(0, s)), n => n > 0 ? [n - 1, n / 2] : [], n => [new NamedValue("n", Value.Of((long)n))]),
            check)
        {
            Evidence = "test",
            Examples = examples ?? [],
            BatchSweep = _ => new Sweep<int>(suspects is null ? 0 : 64, suspects ?? []),
        };

    public static TheoryData<string> Claims => new()
    {
        "verified", "fails-at-example", "fails-in-sweep", "fails-late", "fails-early", "fails-twice", "error", "inconclusive", "examples-only",
    };

    private static Claim<int> Named(string name) => name switch
    {
        "verified" => OnSizes(name, Holds, examples: [3, 4], suspects: [5]),
        "fails-at-example" => OnSizes(name, n => n == 4 ? Outcome.Decide(false, Value.Of(4L), Value.Of(0L), "n ≠ 4") : Holds(n), examples: [3, 4, 5]),
        "fails-in-sweep" => OnSizes(name, n => n == 1000 ? Outcome.Decide(false, Value.Of(1000L), Value.Of(0L), "n < 1000") : Holds(n), examples: [2], suspects: [7, 1000]),
        "fails-late" => OnSizes(name, n => Outcome.Decide(n < 90, Value.Of((long)n), Value.Of(90L), "n < 90", residual: n)),
        "fails-early" => OnSizes(name, n => n is > 20 and < 40 ? Outcome.Decide(false, Value.Of((long)n), Value.Of(0L), "n outside (20, 40)") : Holds(n)),
        "fails-twice" => OnSizes(name, n => n % 17 == 16 ? Outcome.Decide(false, Value.Of((long)n), Value.Of(0L), "n mod 17 ≠ 16") : Holds(n)),
        "error" => OnSizes(name, n => n >= 30 ? throw new InvalidOperationException("boom") : Holds(n)),
        "inconclusive" => OnSizes(name, n => n % 3 == 0 ? Outcome.Discard("n is a multiple of 3") : n % 5 == 0 ? Outcome.Inconclusive("n is a multiple of 5") : Holds(n), examples: [1]),
        "examples-only" => OnSizes(name, Holds, examples: [1, 2, 3]) with { CaseBudget = _ => 0 },
        _ => throw new ArgumentException(name),
    };

    /// <summary>The N shard reports of a run, each written as JSON and read back, merged.</summary>
    private static RunReport ShardedRun(IReadOnlyList<IClaim> claims, RunSettings settings, int count) =>
        Sharding.Merge(Enumerable.Range(1, count).Reverse().Select(k =>
        {
            var shard = new ShardSpec(k, count);
            var report = new RunReport(settings.Seed, settings.Cases, "managed", claims.Select(c => c.Run(settings with { Shard = shard })).ToArray()) { Shard = shard };
            return ReportReader.Read(ReportFormats.Json(report));
        }).ToArray());

    [Theory]
    [MemberData(nameof(Claims))]
    public void Merged_shards_equal_the_whole_run(string name)
    {
        var claim = Named(name);
        var settings = new RunSettings(100, TestSettings.Seed);
        var whole = ReportFormats.Json(new RunReport(settings.Seed, settings.Cases, "managed", [claim.Run(settings)]));
        foreach (var count in new[] { 1, 2, 3, 4, 7, 150 })
            Assert.Equal(WithoutTiming(whole), WithoutTiming(ReportFormats.Json(ShardedRun([claim], settings, count))));
    }

    [Fact]
    public void The_cases_are_the_whole_runs_and_each_is_checked_once()
    {
        var settings = new RunSettings(100, 5);
        var seen = new List<(ulong, int)>();
        foreach (var k in Enumerable.Range(1, 4))
        {
            var report = OnSizes("x", Holds).Run(settings with { Shard = new ShardSpec(k, 4) });
            Assert.Equal(25, report.Counts.Checked);
            Assert.Equal(Verdict.Verified, report.Verdict);
            Assert.Equal(25, report.Shard!.Random.Length);
            seen.AddRange(Enumerable.Range(0, 25).Select(j => report.Shard.RandomIndex(j)).Select(i => (Runner.CaseSeed(5, i), Runner.SizeOf(i, 100))));
        }
        var whole = Enumerable.Range(0, 100).Select(i => (Runner.CaseSeed(5, i), Runner.SizeOf(i, 100)));
        Assert.Equal(whole.Order(), seen.Order());
    }

    [Fact]
    public void Examples_and_the_sweep_run_in_shard_1_only()
    {
        var claim = Named("verified");
        var first = claim.Run(new RunSettings(100, 1) { Shard = new ShardSpec(1, 3) });
        var second = claim.Run(new RunSettings(100, 1) { Shard = new ShardSpec(2, 3) });
        Assert.Equal("hh", first.Shard!.Examples);
        Assert.Equal(64, first.Counts.Screened);
        Assert.Equal("", second.Shard!.Examples);
        Assert.Equal(0, second.Counts.Screened);
    }

    [Fact]
    public void The_merge_keeps_the_failure_with_the_smallest_case_index()
    {
        // n mod 17 = 16 fails at several indices, in several shards: the whole run stops at the first.
        var claim = Named("fails-twice");
        var settings = new RunSettings(100, 1);
        var shards = Enumerable.Range(1, 4).Select(k => claim.Run(settings with { Shard = new ShardSpec(k, 4) })).ToArray();
        Assert.True(shards.Count(s => s.Shard!.Stop is not null) >= 2, "the test needs failures in two shards");
        var merged = Sharding.Merge(shards);
        var earliest = shards.Where(s => s.Shard!.Stop is not null).MinBy(s => s.Shard!.Stop!.Value)!;
        Assert.Equal(earliest.Counterexample, merged.Counterexample);
        Assert.Equal(claim.Run(settings).Counts, merged.Counts);
    }

    [Fact]
    public void The_catalogs_stable_claims_merge_to_the_whole_run()
    {
        var claims = new[] { "dropout.expectation", "dropout.expectation.control", "nuclear.variational" }.Select(Verification.Catalog.Find).ToArray();
        var settings = new RunSettings(40, TestSettings.Seed);
        var whole = ReportFormats.Json(new RunReport(settings.Seed, settings.Cases, "managed", claims.Select(c => c.Run(settings)).ToArray()));
        Assert.Equal(WithoutTiming(whole), WithoutTiming(ReportFormats.Json(ShardedRun(claims, settings, 4))));
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    [InlineData("-1/4")]
    public void A_malformed_shard_is_refused(string text) => Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text));

    [Fact]
    public void Merging_refuses_missing_duplicate_or_mismatched_shards()
    {
        var claim = Named("verified");
        RunReport Shard(int k, int n, int cases = 100) =>
            new(1, cases, "managed", [claim.Run(new RunSettings(cases, 1) { Shard = new ShardSpec(k, n) })]) { Shard = new ShardSpec(k, n) };
        Assert.Throws<ArgumentException>(() => Sharding.Merge([Shard(1, 3), Shard(2, 3)]));
        Assert.Throws<ArgumentException>(() => Sharding.Merge([Shard(1, 2), Shard(1, 2)]));
        Assert.Throws<ArgumentException>(() => Sharding.Merge([Shard(1, 2), Shard(2, 2, cases: 50)]));
        Assert.Throws<ArgumentException>(() => Sharding.Merge([Shard(1, 2) with { Shard = null }, Shard(2, 2)]));
        Assert.Equal(Verdict.Verified, Sharding.Merge([Shard(2, 2), Shard(1, 2)]).Claims.Single().Verdict);
    }
}
