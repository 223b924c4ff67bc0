using System.Text.RegularExpressions;
using FsCheck.Fluent;
using Verification.Engine;
using Verification.Generators;
using Verification.Reporting;
using Verification.Topics.Dropout;
using Xunit;

namespace Verification.Properties.Engine;

/// <summary>The runner: sizes, seeds, verdict rules that cannot pass vacuously, errors, shrinking and replay.</summary>
public class RunnerTests
{
    private static string WithoutTiming(string json) => ShardingTests.WithoutTiming(json);

    /// <summary>A claim over integers 0..size whose check is given: the smallest claim the engine can run.</summary>
    private static Claim<int> OnSizes(Func<int, Outcome> check, ClaimKind kind = ClaimKind.Theorem) =>
        new("engine.sizes", "sizes", "n", kind, Sources.Suite,
            InstanceType.Create("integer up to the size", Gen.Sized(s => Gen.Choose(0, s)), n => n > 0 ? [n - 1, n / 2] : [], n => [new NamedValue("n", Value.Of((long)n))]),
            check) { Evidence = "test" };

    private static Outcome Holds => Outcome.Decide(true, Value.Of(0L), Value.Of(0L), "holds");

    [Fact]
    public void A_case_is_drawn_at_the_size_the_runner_gives()
    {
        var sized = Gen.Sized(Gen.Constant);
        foreach (var size in new[] { 1, 37, 100 }) Assert.Equal(size, Runner.Generate(sized, 12345, size));
        var sizes = Runner.RandomCases(OnSizes(_ => Holds) with { Instances = OnSizes(_ => Holds).Instances.WithGenerator("size", sized) }, new RunSettings(100, 1))
            .Select(c => c.Instance).ToList();
        Assert.Equal(1, sizes.Min());
        Assert.Equal(100, sizes.Max());
    }

    [Fact]
    public void A_statement_false_only_on_large_instances_is_refuted()
    {
        var report = OnSizes(n => Outcome.Decide(n < 60, Value.Of((long)n), Value.Of(60L), "n < 60")).Run(new RunSettings(100, 1));
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Assert.Equal("60", report.Counterexample!.Instance.Single().Value.ToString());
    }

    [Fact]
    public void The_same_seed_gives_the_same_report_apart_from_timing()
    {
        var claims = new IClaim[] { DropoutClaims.Expectation, DropoutClaims.ExpectationControl, DropoutClaims.RegularizerBound, Verification.Topics.Factorization.NuclearNormClaims.Control };
        RunReport RunAll() => new(3, 20, "managed", claims.Select(c => c.Run(new RunSettings(20, 3))).ToList());
        Assert.Equal(WithoutTiming(ReportFormats.Json(RunAll())), WithoutTiming(ReportFormats.Json(RunAll())));
    }

    [Fact]
    public void Different_seeds_draw_different_cases()
    {
        var gen = DropoutClaims.Expectation.Instances.Generator;
        var a = Runner.Generate(gen, Runner.CaseSeed(1, 5), 50);
        var b = Runner.Generate(gen, Runner.CaseSeed(2, 5), 50);
        Assert.NotEqual(DropoutObjective.ClosedForm(a), DropoutObjective.ClosedForm(b));
    }

    [Fact]
    public void Discarded_cases_are_counted_apart_and_too_many_make_the_verdict_inconclusive()
    {
        var report = OnSizes(n => n % 4 == 0 ? Outcome.Discard("premise: n is not a multiple of 4") : Holds).Run(new RunSettings(100, 1));
        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.True(report.Counts.Discarded > 10, $"{report.Counts.Discarded} discarded");
        Assert.Equal(report.Counts.Checked, report.Counts.Held + report.Counts.Discarded);
        Assert.Contains("integer up to the size", report.Health);
        Assert.Contains("premise: n is not a multiple of 4", report.Health);
        Assert.Null(report.Counterexample);
    }

    [Fact]
    public void A_few_discards_still_verify()
    {
        var report = OnSizes(n => n == 1 ? Outcome.Discard("n = 1") : Holds).Run(new RunSettings(100, 1));
        Assert.Equal(Verdict.Verified, report.Verdict);
        Assert.True(report.Counts.Held >= 90);
    }

    [Fact]
    public void An_inconclusive_fixed_example_is_not_a_refutation()
    {
        var claim = OnSizes(n => n == -1 ? Outcome.Inconclusive("the search did not settle") : Holds) with { Examples = [-1] };
        var report = claim.Run(new RunSettings(100, 1));
        Assert.Equal(Verdict.Verified, report.Verdict);
        Assert.Equal(1, report.Counts.Inconclusive);
    }

    [Fact]
    public void A_check_that_throws_is_an_error_not_a_refutation()
    {
        var report = OnSizes(n => n >= 3 ? throw new InvalidOperationException("boom") : Holds).Run(new RunSettings(100, 1));
        Assert.Equal(Verdict.Error, report.Verdict);
        Assert.Null(report.Counterexample);
        var error = Assert.IsType<Counterexample>(report.Error);
        Assert.Contains("boom", error.Explanation);
        Assert.Equal(OutcomeStatus.Error, error.Outcome.Status);
        Assert.Equal("3", error.Instance.Single().Value.ToString());
        Assert.False(report.AsExpected);
    }

    [Fact]
    public void Overflow_is_inconclusive_never_a_failure()
    {
        var o = Outcome.Within(double.PositiveInfinity, 1, new Tolerance(1e-12, "test"), "overflow");
        Assert.Equal(OutcomeStatus.Inconclusive, o.Status);
        Assert.Equal(OutcomeStatus.Inconclusive, Outcome.AtLeast(double.NaN, 0, new Tolerance(0, "test"), "nan").Status);
        Assert.Equal(OutcomeStatus.Inconclusive, Outcome.Within(1, 1, new Tolerance(double.PositiveInfinity, "γ beyond 1/2"), "meaningless").Status);
    }

    [Fact]
    public void The_tolerance_reason_reaches_the_counterexample_and_the_JSON_report()
    {
        var claim = OnSizes(n => Outcome.Within(n, 0, new Tolerance(0.5, "half a unit, by construction"), "n = 0"));
        var report = claim.Run(new RunSettings(100, 1));
        Assert.Equal("half a unit, by construction", report.Counterexample!.ToleranceReason);
        Assert.Contains("\"toleranceReason\": \"half a unit, by construction\"", ReportFormats.Json(new RunReport(1, 100, "managed", [report])));
    }

    [Fact]
    public void A_users_claim_gets_a_snippet_that_calls_the_claim_object()
    {
        var report = OnSizes(n => Outcome.Decide(n < 5, Value.Of((long)n), Value.Of(5L), "n < 5")).Run(new RunSettings(100, 1));
        var x = report.Counterexample!;
        Assert.StartsWith($"var replay = claim.Replay({x.Origin.Seed}UL, {x.Origin.Size});", x.CSharpSnippet);
        Assert.DoesNotContain("Catalog.Find", x.CSharpSnippet);
    }

    [Fact]
    public void A_counterexample_from_a_fixed_example_replays_that_example()
    {
        var claim = OnSizes(n => Outcome.Decide(n != 7, Value.Of((long)n), Value.Of(7L), "n ≠ 7")) with { Examples = [3, 7] };
        var x = claim.Run(new RunSettings(100, 1)).Counterexample!;
        Assert.Equal(ReplayKind.Example, x.Origin.Kind);
        Assert.StartsWith("var replay = claim.ReplayExample(1);", x.CSharpSnippet);
        Assert.True(claim.ReplayExample(1).Outcome.Fails);
    }

    [Fact]
    public void A_random_counterexample_replays_from_its_seed_and_size()
    {
        var control = DropoutClaims.ExpectationControl with { BatchSweep = _ => Sweep<DropoutCase>.None };
        var x = control.Run(new RunSettings(50, 3)).Counterexample!;
        Assert.Equal(ReplayKind.Random, x.Origin.Kind);
        Assert.True(control.Replay(x.Origin.Seed, x.Origin.Size).Outcome.Fails);
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
    public void A_shrinker_that_cycles_stops_at_a_visited_instance()
    {
        // θ shrinks 1 → 1/2 → 1 → … forever; the runner must notice and stop after at most two steps.
        var cycling = DropoutClaims.ExpectationControl with
        {
            Id = "engine.cycling-shrinker",
            Instances = InstanceType.Create("cycling", DropoutClaims.ExpectationControl.Instances.Generator,
                c => [c with { Theta = c.Theta == 1 ? 0.5 : 1 }], DropoutCases.Describe),
        };
        var report = cycling.Run(new RunSettings(5, 1));
        Assert.Equal(Verdict.Refuted, report.Verdict);
        Assert.True(report.Counterexample!.ShrinkSteps <= 2, $"{report.Counterexample.ShrinkSteps} steps");
    }

    [Fact]
    public void Widths_reach_both_ends_of_a_shape_range()
    {
        var shapes = Enumerable.Range(0, 200).Select(i => Runner.Generate(Gen.Sized(s => Shapes.Factors(s, 5, 8)), Runner.CaseSeed(9, i), 100)).ToList();
        Assert.Contains(shapes, s => s.M == 5 && s.N == 5 && s.R == 8);
        Assert.All(shapes, s => Assert.InRange(s.R, 1, 8));
    }
}
