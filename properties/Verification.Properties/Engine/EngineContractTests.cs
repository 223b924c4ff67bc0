using Check = FsCheck.Check;
using Config = FsCheck.Config;
using FsCheck.Fluent;
using Fractions;
using Verification.Engine;
using Verification.Input;
using Verification.Numerics;
using Verification.Reporting;
using Xunit;

namespace Verification.Properties.Engine;

/// <summary>Small claims over integers whose instance is the FsCheck size itself: case i of N is the integer 1 + 99·i/(N−1).</summary>
internal static class Tiny
{
    public static InstanceType<int> Sized { get; } =
        InstanceType.Create("the size itself", Gen.Sized(Gen.Constant), n => n > 0 ? [n - 1] : [], n => [new NamedValue("n", Value.Of((long)n))]);

    public static Claim<int> On(string id, Func<int, Outcome> check, ClaimKind kind = ClaimKind.Theorem, string source = Sources.Suite) =>
        new(id, "tiny", "n", kind, source, Sized, check) { Evidence = "test" };

    public static Outcome Holds(int n) => Outcome.Decide(true, Value.Of((long)n), Value.Of(0L), "holds");

    public static Outcome Fails(int n) => Outcome.Decide(false, Value.Of((long)n), Value.Of(0L), "fails", residual: n);

    public static InputReader Json(string json, bool monteCarlo = false) => InputReader.FromJson(json, new EvalOptions(MonteCarlo: monteCarlo));
}

/// <summary>The documented contract of the engine's values: names, outcome factories, tolerances, claims and catalogs.</summary>
public class EngineContractTests
{
    private static readonly Value Dash = Value.Of("—");

    // ---- Kinds ----

    [Theory]
    [InlineData(ClaimKind.Theorem, "theorem")]
    [InlineData(ClaimKind.AsStated, "as-stated")]
    [InlineData(ClaimKind.Open, "open")]
    [InlineData(ClaimKind.Control, "control")]
    public void Claim_kinds_have_their_documented_names(ClaimKind kind, string name) => Assert.Equal(name, Names.Of(kind));

    [Theory]
    [InlineData(Verdict.Verified, "verified")]
    [InlineData(Verdict.Refuted, "refuted")]
    [InlineData(Verdict.Inconclusive, "inconclusive")]
    [InlineData(Verdict.Error, "error")]
    public void Verdicts_have_their_documented_names(Verdict verdict, string name) => Assert.Equal(name, Names.Of(verdict));

    [Theory]
    [InlineData(OutcomeStatus.Holds, "holds")]
    [InlineData(OutcomeStatus.Fails, "fails")]
    [InlineData(OutcomeStatus.Discarded, "discarded")]
    [InlineData(OutcomeStatus.Inconclusive, "inconclusive")]
    [InlineData(OutcomeStatus.Error, "error")]
    public void Outcome_statuses_have_their_documented_names(OutcomeStatus status, string name) => Assert.Equal(name, Names.Of(status));

    [Fact]
    public void Names_are_distinct_within_each_enumeration()
    {
        Assert.Equal(Enum.GetValues<ClaimKind>().Length, Enum.GetValues<ClaimKind>().Select(Names.Of).Distinct().Count());
        Assert.Equal(Enum.GetValues<Verdict>().Length, Enum.GetValues<Verdict>().Select(Names.Of).Distinct().Count());
        Assert.Equal(Enum.GetValues<OutcomeStatus>().Length, Enum.GetValues<OutcomeStatus>().Select(Names.Of).Distinct().Count());
    }

    // ---- Outcome factories ----

    [Fact]
    public void An_exact_comparison_reports_the_distance_of_the_sides()
    {
        var holds = Outcome.Exact(new Fraction(1, 3), new Fraction(2, 6), "1/3 = 2/6");
        Assert.Equal((OutcomeStatus.Holds, 0.0), (holds.Status, holds.Residual));
        Assert.Same(Tolerance.Exact, holds.Tolerance);
        var fails = Outcome.Exact(new Fraction(1, 2), new Fraction(1, 3), "1/2 = 1/3");
        Assert.Equal(OutcomeStatus.Fails, fails.Status);
        Assert.Equal(1.0 / 6, fails.Residual, 15);
        Assert.Equal("1/2", fails.Lhs.ToString());
    }

    [Fact]
    public void A_decision_reports_its_violation_only_when_it_fails_and_never_a_negative_one()
    {
        Assert.Equal(3.0, Outcome.Decide(false, Value.Of(1L), Value.Of(4L), "1 ≥ 4", residual: 3).Residual);
        Assert.Equal(0.0, Outcome.Decide(false, Value.Of(1L), Value.Of(4L), "1 ≥ 4", residual: -2).Residual);
        Assert.Equal(0.0, Outcome.Decide(true, Value.Of(5L), Value.Of(4L), "5 ≥ 4", residual: 5).Residual);
        Assert.True(Outcome.Decide(false, Value.Of(1L), Value.Of(4L), "1 ≥ 4").Fails);
    }

    [Fact]
    public void Floating_comparisons_report_the_documented_violation()
    {
        var tol = new Tolerance(0.5, "half");
        Assert.Equal((OutcomeStatus.Holds, 0.25), (Outcome.Within(1, 1.25, tol, "").Status, Outcome.Within(1, 1.25, tol, "").Residual));
        Assert.Equal((OutcomeStatus.Fails, 2.0), (Outcome.Within(3, 1, tol, "").Status, Outcome.Within(3, 1, tol, "").Residual));
        Assert.Equal((OutcomeStatus.Fails, 2.0), (Outcome.AtLeast(1, 3, tol, "").Status, Outcome.AtLeast(1, 3, tol, "").Residual));
        Assert.Equal((OutcomeStatus.Holds, 0.0), (Outcome.AtLeast(3, 1, tol, "").Status, Outcome.AtLeast(3, 1, tol, "").Residual));
        Assert.Equal((OutcomeStatus.Fails, 2.0), (Outcome.AtMost(3, 1, tol, "").Status, Outcome.AtMost(3, 1, tol, "").Residual));
        Assert.Equal((OutcomeStatus.Holds, 0.0), (Outcome.AtMost(1, 3, tol, "").Status, Outcome.AtMost(1, 3, tol, "").Residual));
    }

    [Fact]
    public void A_distance_is_held_to_its_tolerance()
    {
        var tol = new Tolerance(1, "one");
        var holds = Outcome.Distance(Value.Of(1.0), Value.Of(2.0), 0.5, tol, "close");
        Assert.Equal((OutcomeStatus.Holds, 0.5), (holds.Status, holds.Residual));
        Assert.Equal(OutcomeStatus.Fails, Outcome.Distance(Value.Of(1.0), Value.Of(2.0), 1.5, tol, "far").Status);
    }

    [Fact]
    public void A_non_finite_distance_alone_is_inconclusive()
    {
        var o = Outcome.Distance(Value.Of(1.0), Value.Of(2.0), double.NaN, new Tolerance(1, "one"), "the distance");
        Assert.Equal(OutcomeStatus.Inconclusive, o.Status);
        Assert.True(o.Overflowed);
        Assert.Equal(Value.Of(1.0), o.Lhs);
        Assert.Equal(Value.Of(2.0), o.Rhs);
        Assert.Equal("none: non-finite values", o.Tolerance.Reason);
        Assert.StartsWith("the distance: ", o.Explanation);
        Assert.Contains("overflowed or lost all precision", o.Explanation);
        Assert.Equal(OutcomeStatus.Inconclusive, Outcome.Distance(Value.Of(1.0), Value.Of(2.0), double.PositiveInfinity, new Tolerance(1, "one"), "").Status);
    }

    [Fact]
    public void A_meaningless_tolerance_alone_makes_a_distance_inconclusive()
    {
        var o = Outcome.Distance(Value.Of(1.0), Value.Of(1.0), 0, new Tolerance(double.NaN, "none: subnormal"), "the distance");
        Assert.Equal(OutcomeStatus.Inconclusive, o.Status);
        Assert.True(o.Overflowed);
    }

    [Fact]
    public void A_value_outside_its_interval_reports_its_distance_to_the_interval()
    {
        var below = Outcome.InInterval(0, -1, 1, -3, "CLT bound", "in the interval");
        Assert.Equal((OutcomeStatus.Fails, 2.0), (below.Status, below.Residual));
        var above = Outcome.InInterval(0, -1, 1, 4, "CLT bound", "in the interval");
        Assert.Equal((OutcomeStatus.Fails, 3.0), (above.Status, above.Residual));
        var inside = Outcome.InInterval(0.25, -1, 1, 0.5, "CLT bound", "in the interval");
        Assert.Equal((OutcomeStatus.Holds, 0.0), (inside.Status, inside.Residual));
        Assert.Equal(new Tolerance(1, "CLT bound"), inside.Tolerance);
        Assert.Equal(Value.Of(0.25), inside.Lhs);
        Assert.Equal(Value.Of(0.5), inside.Rhs);
        Assert.Equal(OutcomeStatus.Inconclusive, Outcome.InInterval(double.NaN, -1, 1, 0, "CLT bound", "").Status);
    }

    [Fact]
    public void An_overflow_is_inconclusive_with_its_reason_and_placeholders()
    {
        var o = Outcome.Overflow("exp(800) overflowed");
        Assert.Equal(OutcomeStatus.Inconclusive, o.Status);
        Assert.True(o.Overflowed);
        Assert.Equal(Dash, o.Lhs);
        Assert.Equal(Dash, o.Rhs);
        Assert.True(double.IsNaN(o.Residual));
        Assert.Equal("none: non-finite values", o.Tolerance.Reason);
        Assert.Contains("overflowed or lost all precision (exp(800) overflowed)", o.Explanation);
        Assert.False(o.IsConclusive);
    }

    [Fact]
    public void A_discard_carries_its_reason_and_placeholders()
    {
        var o = Outcome.Discard("the premise needs n > 0");
        Assert.Equal(OutcomeStatus.Discarded, o.Status);
        Assert.Equal("the premise needs n > 0", o.Explanation);
        Assert.Equal(Dash, o.Lhs);
        Assert.Equal(Dash, o.Rhs);
        Assert.Equal(0.0, o.Residual);
        Assert.False(o.IsConclusive);
    }

    [Fact]
    public void An_inconclusive_outcome_carries_its_reason_and_the_sides_it_was_given()
    {
        var bare = Outcome.Inconclusive("the search did not settle");
        Assert.Equal((OutcomeStatus.Inconclusive, "the search did not settle"), (bare.Status, bare.Explanation));
        Assert.Equal(Dash, bare.Lhs);
        Assert.Equal(Dash, bare.Rhs);
        var sided = Outcome.Inconclusive("the search did not settle", Value.Of(1L), Value.Of(2L));
        Assert.Equal(Value.Of(1L), sided.Lhs);
        Assert.Equal(Value.Of(2L), sided.Rhs);
    }

    [Fact]
    public void An_error_names_the_exception_and_its_message()
    {
        var o = Outcome.Error(new InvalidOperationException("boom"));
        Assert.Equal(OutcomeStatus.Error, o.Status);
        Assert.Equal(Value.Of("error"), o.Lhs);
        Assert.Equal(Value.Of("error"), o.Rhs);
        Assert.True(double.IsNaN(o.Residual));
        Assert.Contains("InvalidOperationException", o.Explanation);
        Assert.Contains("boom", o.Explanation);
    }

    [Fact]
    public void All_of_nothing_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Outcome.All());
        Assert.Contains("at least one outcome", e.Message);
    }

    // ---- Tolerance ----

    [Fact]
    public void Tolerances_give_their_reasons()
    {
        Assert.Contains("(summation bound)", Tolerance.Summation(10, 1).Reason);
        Assert.StartsWith("SVD bound", Tolerance.Spectral(3, 4, 10, 1).Reason);
        Assert.Equal(0.0, Tolerance.Summation(10, 0).Bound);
        foreach (var t in new[] { Tolerance.Summation(10, 1e-300), Tolerance.Spectral(3, 4, 10, 1e-300) })
        {
            Assert.True(t.IsMeaningless);
            Assert.StartsWith("none: terms of magnitude", t.Reason);
            Assert.Contains("subnormal", t.Reason);
        }
    }

    [Fact]
    public void Plus_adds_the_bounds_and_joins_the_reasons()
    {
        var sum = new Tolerance(1, "rounding").Plus(new Tolerance(0.5, "sampling"));
        Assert.Equal(1.5, sum.Bound);
        Assert.Equal("rounding + sampling", sum.Reason);
    }

    // ---- Figure ----

    [Fact]
    public void A_panel_has_square_units_unless_told_otherwise()
    {
        Assert.True(new Panel("p", "x", "y", 0, 1, 0, 1).SquareUnits);
        Assert.False((new Panel("p", "x", "y", 0, 1, 0, 1) with { SquareUnits = false }).SquareUnits);
    }

    // ---- Claim ----

    [Fact]
    public void The_expected_verdict_follows_the_kind_or_the_recorded_decision()
    {
        Assert.Equal(Verdict.Verified, Tiny.On("engine.t", Tiny.Holds).Expected);
        Assert.Equal(Verdict.Refuted, Tiny.On("engine.c", Tiny.Holds, ClaimKind.Control).Expected);
        Assert.Equal(Verdict.Inconclusive, (Tiny.On("engine.a", Tiny.Holds, ClaimKind.AsStated) with { Decision = Verdict.Inconclusive }).Expected);
    }

    [Theory]
    [InlineData(ClaimKind.AsStated, "as-stated")]
    [InlineData(ClaimKind.Open, "open")]
    public void A_decided_kind_without_its_decision_is_refused(ClaimKind kind, string name)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tiny.On("engine.undecided", Tiny.Holds, kind).Expected);
        Assert.Contains("'engine.undecided'", e.Message);
        Assert.Contains(name, e.Message);
        Assert.Contains("Decision", e.Message);
    }

    [Fact]
    public void Eval_inputs_are_listed_only_for_a_type_that_can_be_read()
    {
        var field = new InputField("n", "an integer");
        var readable = Tiny.On("engine.r", Tiny.Holds) with { Instances = Tiny.Sized with { Reader = _ => 3, Inputs = [field] } };
        Assert.True(readable.HasEval);
        Assert.Equal(new[] { field }, readable.Inputs);
        var unreadable = Tiny.On("engine.u", Tiny.Holds) with { Instances = Tiny.Sized with { Inputs = [field] } };
        Assert.False(unreadable.HasEval);
        Assert.Empty(unreadable.Inputs);
    }

    private static Claim<int> Readable(Func<int, Outcome> check, EvalModes modes = EvalModes.None) =>
        Tiny.On("engine.eval", check) with { Instances = Tiny.Sized with { Reader = _ => 7 }, Modes = modes };

    [Fact]
    public void Eval_checks_the_users_instance()
    {
        var report = Readable(n => Outcome.Decide(n == 7, Value.Of((long)n), Value.Of(7L), "n = 7")).Evaluate(Tiny.Json("{}"));
        Assert.True(report.Outcome.Holds);
        Assert.Equal(ReplayKind.Evaluation, report.Origin.Kind);
        Assert.Equal("7", report.Instance.Single().Value.ToString());
    }

    [Fact]
    public void Eval_of_a_type_without_a_reader_is_refused_with_the_types_name()
    {
        var e = Assert.Throws<InputException>(() => Tiny.On("engine.x", Tiny.Holds).Evaluate(Tiny.Json("{}")));
        Assert.Contains("'the size itself' cannot be read", e.Message);
    }

    [Fact]
    public void Eval_refuses_exact_monte_carlo_even_when_both_modes_exist()
    {
        var claim = Readable(Tiny.Holds, EvalModes.Exact | EvalModes.MonteCarlo);
        var e = Assert.Throws<InputException>(() => claim.Evaluate(Tiny.Json("{\"exact\": true}", monteCarlo: true)));
        Assert.Contains("--monte-carlo estimates in floating point", e.Message);
        Assert.True(claim.Evaluate(Tiny.Json("{\"exact\": true}")).Outcome.Holds);
        Assert.True(claim.Evaluate(Tiny.Json("{}", monteCarlo: true)).Outcome.Holds);
    }

    [Fact]
    public void Eval_refuses_a_mode_the_claim_lacks()
    {
        var claim = Readable(Tiny.Holds);
        Assert.Contains("'engine.eval' has no Monte Carlo evaluation", Assert.Throws<InputException>(() => claim.Evaluate(Tiny.Json("{}", monteCarlo: true))).Message);
        Assert.Contains("'engine.eval' evaluates in floating point", Assert.Throws<InputException>(() => claim.Evaluate(Tiny.Json("{\"exact\": true}"))).Message);
    }

    [Fact]
    public void Eval_reports_an_overflow_as_inconclusive_a_throw_as_an_error_and_lets_input_errors_through()
    {
        var overflow = Readable(_ => throw new NonFiniteException("exp overflowed")).Evaluate(Tiny.Json("{}")).Outcome;
        Assert.Equal(OutcomeStatus.Inconclusive, overflow.Status);
        Assert.True(overflow.Overflowed);
        Assert.Contains("exp overflowed", overflow.Explanation);
        var error = Readable(_ => throw new InvalidOperationException("boom")).Evaluate(Tiny.Json("{}")).Outcome;
        Assert.Equal(OutcomeStatus.Error, error.Status);
        Assert.Contains("boom", error.Explanation);
        Assert.Throws<InputException>(() => Readable(_ => throw new InputException("bad n")).Evaluate(Tiny.Json("{}")));
        Assert.Throws<LimitExceededException>(() => Readable(_ => throw new LimitExceededException("too much work")).Evaluate(Tiny.Json("{}")));
    }

    [Fact]
    public void A_check_that_overflows_is_inconclusive_not_an_error()
    {
        var o = Tiny.On("engine.o", _ => throw new NonFiniteException("exp overflowed")).SafeCheck(1);
        Assert.Equal(OutcomeStatus.Inconclusive, o.Status);
        Assert.True(o.Overflowed);
        Assert.Contains("exp overflowed", o.Explanation);
        Assert.Equal(OutcomeStatus.Error, Tiny.On("engine.e", _ => throw new InputException("bad")).SafeCheck(1).Status);
    }

    [Fact]
    public void As_a_property_discarded_and_inconclusive_cases_are_discards_not_failures()
    {
        var claim = Tiny.On("engine.p", n => n % 3 == 1 ? Outcome.Discard("n ≡ 1 mod 3") : n % 3 == 2 ? Outcome.Inconclusive("n ≡ 2 mod 3") : Tiny.Holds(n));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30).WithMaxRejected(1000), claim.ToProperty());
    }

    [Fact]
    public void As_a_property_a_failure_is_labelled_with_the_claim_outcome_and_instance()
    {
        var claim = Tiny.On("engine.p", n => Outcome.Decide(n < 5, Value.Of((long)n), Value.Of(5L), "n < 5")) with
        {
            Instances = Tiny.Sized with { Describe = n => [new NamedValue("n", Value.Of((long)n)), new NamedValue("2n", Value.Of(2L * n))] },
        };
        var e = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), claim.ToProperty()));
        Assert.Contains("engine.p: fails: n < 5; lhs ", e.Message);
        Assert.Contains("rhs 5", e.Message);
        Assert.Matches(@"instance n = (\d+), 2n = \d+", e.Message);
    }

    // ---- Instance types ----

    [Fact]
    public void A_size_range_is_covered_only_when_both_ends_are_reached()
    {
        var range = new SizeRange("n", 1, 5);
        Assert.True(new SizeCoverage(range, 1, 5).Covers);
        Assert.False(new SizeCoverage(range, 1, 4).Covers);
        Assert.False(new SizeCoverage(range, 2, 5).Covers);
        Assert.False(new SizeCoverage(range, 2, 4).Covers);
        Assert.False(new SizeCoverage(range, null, null).Covers);
    }

    // ---- Catalog ----

    private sealed record TestTopic(string Name, IReadOnlyList<IClaim> Claims, IReadOnlyList<Source> Sources) : ITopic
    {
        public IReadOnlyList<Figure> Figures => [];
    }

    [Fact]
    public void A_catalog_finds_claims_and_sources_by_key()
    {
        var claim = Tiny.On("engine.cited", Tiny.Holds, source: "Book");
        var catalog = new ClaimCatalog([new TestTopic("t", [claim, Tiny.On("engine.control", Tiny.Holds, ClaimKind.Control)], [new Source("Book", "A book, 2020"), new Source("Paper", "A paper")])]);
        Assert.Same(claim, catalog.Find("engine.cited"));
        Assert.Equal("A book, 2020", catalog.FindSource("Book").Reference);
        Assert.Equal("A paper", catalog.FindSource("Paper").Reference);
        Assert.Same(Sources.SuiteSource, catalog.FindSource(Sources.Suite));
        Assert.Contains("unknown claim id 'engine.none'", Assert.Throws<KeyNotFoundException>(() => catalog.Find("engine.none")).Message);
        Assert.Contains("unknown source key 'None'", Assert.Throws<KeyNotFoundException>(() => catalog.FindSource("None")).Message);
    }

    [Fact]
    public void A_catalog_refuses_duplicate_ids_conflicting_sources_and_unknown_sources()
    {
        var a = Tiny.On("engine.same", Tiny.Holds);
        Assert.Contains("claim id 'engine.same' appears twice",
            Assert.Throws<InvalidOperationException>(() => new ClaimCatalog([new TestTopic("t", [a], []), new TestTopic("u", [a], [])])).Message);
        Assert.Contains("source 'Book' is registered twice",
            Assert.Throws<InvalidOperationException>(() => new ClaimCatalog([new TestTopic("t", [], [new Source("Book", "one")]), new TestTopic("u", [], [new Source("Book", "two")])])).Message);
        Assert.Contains("claim 'engine.cites' cites unknown source 'Nowhere'",
            Assert.Throws<InvalidOperationException>(() => new ClaimCatalog([new TestTopic("t", [Tiny.On("engine.cites", Tiny.Holds, source: "Nowhere")], [])])).Message);
        Assert.Single(new ClaimCatalog([new TestTopic("t", [], [new Source("Book", "one")]), new TestTopic("u", [], [new Source("Book", "one")])]).Sources, s => s.Key == "Book");
    }

    [Fact]
    public void The_librarys_catalog_stays_the_default_once_registered()
    {
        var stranger = Tiny.On("dropout.expectation", Tiny.Holds);
        ClaimCatalog.RegisterDefault(() => new ClaimCatalog([new TestTopic("t", [stranger], [])]));
        Assert.False(ClaimCatalog.IsInDefault(stranger));
        Assert.True(ClaimCatalog.IsInDefault(Verification.Catalog.Find("dropout.expectation")));
    }
}

/// <summary>The runner's documented contract: health messages, shard shares, replays, coverage and the shrink budget.</summary>
public class RunnerContractTests
{
    [Fact]
    public void The_health_message_counts_reasons_most_frequent_first_ties_by_name()
    {
        // Case i of 100 checks n = i + 1.
        var claim = Tiny.On("engine.health", n => n switch
        {
            <= 40 => Outcome.Discard("zeta"),
            <= 60 => Outcome.Inconclusive("alpha"),
            <= 80 => Outcome.Discard("beta"),
            <= 90 => Outcome.Discard("aaa"),
            _ => Tiny.Holds(n),
        });
        var report = claim.Run(new RunSettings(100, 1));
        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.Contains("only 10 of 100 budgeted cases were conclusive", report.Health);
        Assert.Contains("70 discarded and 20 inconclusive", report.Health);
        Assert.Contains("(40× discarded: zeta; 20× discarded: beta; 20× inconclusive: alpha)", report.Health);
        Assert.DoesNotContain("aaa", report.Health);
        Assert.Contains("'the size itself'", report.Health);
    }

    public static TheoryData<int, int> Splits()
    {
        var data = new TheoryData<int, int>();
        foreach (var cases in new[] { 0, 1, 5, 7, 10, 13 })
            foreach (var count in new[] { 1, 2, 3, 4, 7 })
                data.Add(cases, count);
        return data;
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void Shard_K_of_N_decides_on_the_cases_i_equal_to_K_minus_1_mod_N_and_the_shards_cover_the_budget(int cases, int count)
    {
        // Every case is discarded: a shard's health names its own share of the budget, and it checked exactly that share.
        var claim = Tiny.On("engine.share", _ => Outcome.Discard("premise")) with { Examples = [1, 2, 3], CaseBudget = _ => cases };
        var total = 0;
        for (var k = 1; k <= count; k++)
        {
            var report = claim.Run(new RunSettings(100, 1) { Shard = new ShardSpec(k, count) });
            var expected = (k == 1 ? 3 : 0) + Enumerable.Range(0, cases).Count(i => i % count == k - 1);
            Assert.Equal(expected, report.Counts.Checked);
            Assert.Equal(3 + cases, report.Counts.Budget);
            if (expected > 0) Assert.Contains($"only 0 of {expected} budgeted cases", report.Health);
            else Assert.Equal(Verdict.Verified, report.Verdict);
            total += expected;
        }
        Assert.Equal(3 + cases, total);
    }

    [Fact]
    public void Replaying_an_example_out_of_range_is_refused()
    {
        var claim = Tiny.On("engine.examples", n => Outcome.Decide(n != 7, Value.Of((long)n), Value.Of(7L), "n ≠ 7")) with { Examples = [3, 7] };
        foreach (var index in new[] { -1, 2 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => claim.ReplayExample(index));
            Assert.Contains("'engine.examples' has 2 fixed examples", e.Message);
        }
        var first = claim.ReplayExample(0);
        Assert.True(first.Outcome.Holds);
        Assert.Equal(0, first.Origin.Example);
        Assert.True(claim.ReplayExample(1).Outcome.Fails);
    }

    [Fact]
    public void Size_coverage_reports_the_ends_reached_and_nothing_for_a_run_without_cases()
    {
        var claim = Tiny.On("engine.coverage", Tiny.Holds) with
        {
            Instances = Tiny.Sized.WithSizes([new SizeRange("n", 1, 100), new SizeRange("unmeasured", 0, 3)], n => new Dictionary<string, int> { ["n"] = n }),
        };
        var coverage = claim.Coverage(new RunSettings(100, 1));
        Assert.Equal((1, 100, true), (coverage[0].Min!.Value, coverage[0].Max!.Value, coverage[0].Covers));
        Assert.Null(coverage[1].Min);
        Assert.Null(coverage[1].Max);
        var none = (claim with { CaseBudget = _ => 0 }).Coverage(new RunSettings(100, 1));
        Assert.All(none, c => Assert.True(c.Min is null && c.Max is null));
    }

    [Fact]
    public void Shrinking_checks_at_most_its_budget_of_candidates()
    {
        var checks = 0;
        var (instance, _, steps) = Shrinking.Greedy(100, Tiny.Fails(100), n => Enumerable.Range(0, 20),
            n => { checks++; return Tiny.Holds(n); }, o => o.Fails, n => n.ToString(), 5);
        Assert.Equal(5, checks);
        Assert.Equal((100, 0), (instance, steps));
    }
}

/// <summary>Sharding's documented contract: the K/N syntax, case positions, shard records and the refusals of a merge.</summary>
public class ShardingContractTests
{
    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/4", 2, 4)]
    [InlineData("4/4", 4, 4)]
    public void A_shard_parses_and_prints_as_K_slash_N(string text, int k, int n)
    {
        var shard = ShardSpec.Parse(text);
        Assert.Equal(new ShardSpec(k, n), shard);
        Assert.Equal(text, shard.ToString());
        Assert.Equal(k == 1, shard.HasExamples);
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("-1/2")]
    [InlineData("+1/2")]
    [InlineData("1/b")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void A_malformed_shard_is_refused_with_the_syntax(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text));
        Assert.Contains("a shard is K/N with 1 ≤ K ≤ N", e.Message);
        Assert.Contains($"'{text}'", e.Message);
    }

    [Fact]
    public void Case_positions_order_examples_then_the_sweep_then_random_cases_by_index()
    {
        CasePosition[] order = [new(ReplayKind.Example, 0), new(ReplayKind.Example, 5), CasePosition.Sweep, new(ReplayKind.Random, 0), new(ReplayKind.Random, 3)];
        for (var i = 0; i < order.Length; i++)
            for (var j = 0; j < order.Length; j++)
            {
                var (a, b) = (order[i], order[j]);
                Assert.Equal(Math.Sign(i.CompareTo(j)), Math.Sign(a.CompareTo(b)));
                Assert.Equal(i < j, a < b);
                Assert.Equal(i > j, a > b);
                Assert.Equal(i <= j, a <= b);
                Assert.Equal(i >= j, a >= b);
            }
    }

    [Fact]
    public void Case_positions_print_as_sweep_or_kind_and_index()
    {
        Assert.Equal("sweep", CasePosition.Sweep.ToString());
        Assert.Equal("example 3", new CasePosition(ReplayKind.Example, 3).ToString());
        Assert.Equal("random 7", new CasePosition(ReplayKind.Random, 7).ToString());
    }

    [Fact]
    public void A_shard_records_where_the_maximum_of_the_held_residuals_grew_and_nothing_else()
    {
        // n = i + 1; held residuals (n mod 7)/10 grow and fall; overflowed (NaN residual) and discarded cases are not held.
        Outcome Check(int n) => n % 10 == 5 ? Outcome.Within(double.NaN, 0, new Tolerance(1, "one"), "overflow")
            : n % 10 == 0 ? Outcome.Discard("n ≡ 0 mod 10")
            : Outcome.Distance(Value.Of((long)n), Value.Of((long)n), n % 7 / 10.0, new Tolerance(1, "one"), "close");
        var claim = Tiny.On("engine.residuals", Check);
        var settings = new RunSettings(100, 1);
        var shards = Enumerable.Range(1, 3).Select(k => claim.Run(settings with { Shard = new ShardSpec(k, 3) })).ToArray();
        foreach (var shard in shards)
        {
            var record = shard.Shard!;
            var expected = new List<ResidualRecord>();
            var max = 0.0;
            for (var j = 0; j < record.Random.Length; j++)
            {
                var i = record.RandomIndex(j);
                var o = Check(i + 1);
                if (!o.Holds || o.Residual <= max) continue;
                max = o.Residual;
                expected.Add(new ResidualRecord(new CasePosition(ReplayKind.Random, i), max));
            }
            Assert.Equal(expected, record.Residuals);
        }
        var whole = claim.Run(settings);
        Assert.Equal(0.6, whole.MaxResidual);
        Assert.Equal(whole.MaxResidual, Sharding.Merge(shards).MaxResidual);
    }

    // ---- Merging one claim's shard reports ----

    private static ClaimReport Part(Claim<int> claim, int k, int n, int cases = 20) => claim.Run(new RunSettings(cases, 1) { Shard = new ShardSpec(k, n) });

    private static readonly Claim<int> Verified = Tiny.On("engine.v", Tiny.Holds) with { Examples = [3, 4] };

    private static string ClaimRefusal(params ClaimReport[] shards) => Assert.Throws<ArgumentException>(() => Sharding.Merge(shards)).Message;

    [Fact]
    public void A_claim_merge_refuses_what_is_not_one_complete_split_of_one_claim()
    {
        Assert.Contains("nothing to merge", ClaimRefusal());
        Assert.Contains("the report of 'engine.v' is not a shard's", ClaimRefusal(Verified.Run(new RunSettings(20, 1))));
        Assert.Contains("different claims: 'engine.v' and 'engine.w'", ClaimRefusal(Part(Verified, 1, 2), Part(Verified with { Id = "engine.w" }, 2, 2)));
        Assert.Contains("shards of different splits (1/2, 2/3)", ClaimRefusal(Part(Verified, 1, 2), Part(Verified, 2, 3)));
        Assert.Contains("the shards of a 3-way split are 1 to 3, each once; got 1/3, 2/3", ClaimRefusal(Part(Verified, 1, 3), Part(Verified, 2, 3)));
        Assert.Contains("got 1/2, 1/2", ClaimRefusal(Part(Verified, 1, 2), Part(Verified, 1, 2)));
        Assert.Contains("shards planned different budgets (22, 12)", ClaimRefusal(Part(Verified, 1, 2), Part(Verified, 2, 2, cases: 10)));
    }

    [Fact]
    public void A_claim_merge_sums_the_seconds_and_counts_no_failure_or_error_when_verified()
    {
        var merged = Sharding.Merge([Part(Verified, 2, 2) with { Seconds = 2.5 }, Part(Verified, 1, 2) with { Seconds = 1.25 }]);
        Assert.Equal(3.75, merged.Seconds);
        Assert.Equal(Verdict.Verified, merged.Verdict);
        Assert.Equal((0, 0, 22, 22), (merged.Counts.Failed, merged.Counts.Errors, merged.Counts.Checked, merged.Counts.Held));
    }

    [Fact]
    public void A_claim_merge_counts_one_refutation_or_one_error_at_the_earliest_stop()
    {
        var refuted = Tiny.On("engine.refuted", n => n >= 8 ? Tiny.Fails(n) : Tiny.Holds(n));
        var merged = Sharding.Merge([Part(refuted, 1, 2), Part(refuted, 2, 2)]);
        Assert.Equal(refuted.Run(new RunSettings(20, 1)).Counts, merged.Counts);
        Assert.Equal((Verdict.Refuted, 1, 0), (merged.Verdict, merged.Counts.Failed, merged.Counts.Errors));
        var error = Tiny.On("engine.error", n => n >= 8 ? throw new InvalidOperationException("boom") : Tiny.Holds(n));
        var errored = Sharding.Merge([Part(error, 2, 2), Part(error, 1, 2)]);
        Assert.Equal((Verdict.Error, 0, 1), (errored.Verdict, errored.Counts.Failed, errored.Counts.Errors));
        Assert.Contains("boom", errored.Error!.Explanation);
    }

    // ---- Merging whole shard runs ----

    private static RunReport Run(int k, int n, int cases = 20, ulong seed = 1, string backend = "managed", Claim<int>? claim = null) =>
        new(seed, cases, backend, [(claim ?? Verified).Run(new RunSettings(cases, seed) { Shard = new ShardSpec(k, n) })]) { Shard = new ShardSpec(k, n) };

    private static string RunRefusal(params RunReport[] shards) => Assert.Throws<ArgumentException>(() => Sharding.Merge(shards)).Message;

    [Fact]
    public void A_run_merge_refuses_reports_that_are_not_one_split_of_one_run()
    {
        Assert.Contains("no reports to merge", RunRefusal());
        Assert.Contains("not a shard's", RunRefusal(Run(1, 2) with { Shard = null }, Run(2, 2)));
        Assert.Contains("different seeds (1, 2)", RunRefusal(Run(1, 2), Run(2, 2, seed: 2)));
        var fixedBudget = Verified with { CaseBudget = _ => 10 };
        Assert.Contains("different --cases (20, 10)", RunRefusal(Run(1, 2, claim: fixedBudget), Run(2, 2, cases: 10, claim: fixedBudget)));
        Assert.Contains("the shards of a 2-way split are 1/2 to 2/2, each once; got 1/2, 2/3", RunRefusal(Run(1, 2), Run(2, 3)));
        Assert.Contains("the shards of a 2-way split are 1/2 to 2/2, each once; got 2/2, 1/3", RunRefusal(Run(2, 2), Run(1, 3)));
        Assert.Contains("the shards of a 3-way split are 1/3 to 3/3, each once; got 1/3, 2/3", RunRefusal(Run(1, 3), Run(2, 3)));
        Assert.Contains("shard 2/2 checked other claims than shard 1/2", RunRefusal(Run(2, 2, claim: Verified with { Id = "engine.other" }), Run(1, 2)));
    }

    [Fact]
    public void A_run_merge_joins_the_distinct_backends_in_shard_order()
    {
        var merged = Sharding.Merge([Run(3, 3, backend: "managed"), Run(2, 3, backend: "native"), Run(1, 3, backend: "native")]);
        Assert.Equal("native,managed", merged.Backend);
        Assert.Equal((1UL, 20), (merged.Seed, merged.Cases));
        Assert.Equal(Verdict.Verified, merged.Claims.Single().Verdict);
    }
}
