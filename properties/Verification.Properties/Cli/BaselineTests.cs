using System.Text.Json;
using System.Xml.Linq;
using Verification.Engine;
using Verification.Properties.CatalogDriven;
using Verification.Reporting;
using Xunit;

namespace Verification.Properties.Cli;

/// <summary>
/// The regression guard: a run compared with a stored report lists every kind of regression (a verdict changed, a claim
/// disappeared, a counterexample changed for a refuted claim, a residual grew by more than the factor), in every format,
/// and `check --baseline` exits 1 on any; an unchanged run, a new claim and a residual within the factor are not regressions.
/// </summary>
[Collection("Console")]
public class BaselineTests
{
    private static readonly string[] Ids = ["dropout.expectation", "dropout.expectation.control", "nuclear.variational"];

    private static RunReport Current() => new(TestSettings.Seed, TestSettings.Cases, "managed", Ids.Select(CatalogRun.Report).ToArray());

    private static RunReport Edit(RunReport report, string id, Func<ClaimReport, ClaimReport> edit) =>
        report with { Claims = report.Claims.Select(c => c.Id == id ? edit(c) : c).ToArray() };

    private static BaselineComparison Compare(RunReport baseline, double factor = 10) =>
        Baseline.Compare(Current(), baseline, factor, "old.json", Verification.Catalog.Contains);

    [Fact]
    public void The_same_run_has_no_regression()
    {
        var comparison = Compare(Current());
        Assert.Empty(comparison.Regressions);
        Assert.Empty(comparison.NewClaims);
        Assert.Empty(comparison.Notes);
    }

    [Fact]
    public void A_changed_verdict_is_a_regression()
    {
        var regression = Assert.Single(Compare(Edit(Current(), "nuclear.variational", c => c with { Verdict = Verdict.Inconclusive })).Regressions);
        Assert.Equal(RegressionKind.Verdict, regression.Kind);
        Assert.Equal(("nuclear.variational", "inconclusive", "verified"), (regression.Id, regression.Before, regression.After));
    }

    [Fact]
    public void A_claim_that_disappeared_is_a_regression_but_one_not_run_is_not()
    {
        var gone = CatalogRun.Report("nuclear.variational") with { Id = "nuclear.no-longer-in-the-catalog" };
        var notRun = CatalogRun.Report(Verification.Catalog.All.First(c => !Ids.Contains(c.Id)).Id);
        var baseline = Current() with { Claims = [.. Current().Claims, gone, notRun] };
        var regression = Assert.Single(Compare(baseline).Regressions);
        Assert.Equal((RegressionKind.Disappeared, "nuclear.no-longer-in-the-catalog"), (regression.Kind, regression.Id));
    }

    [Fact]
    public void A_changed_counterexample_of_a_refuted_claim_is_a_regression()
    {
        var baseline = Edit(Current(), "dropout.expectation.control", c => c with
        {
            Counterexample = c.Counterexample! with { Instance = c.Counterexample.Instance.Select(v => v.Name == "theta" ? v with { Value = Value.Of(0.25) } : v).ToArray() },
        });
        var regression = Assert.Single(Compare(baseline).Regressions);
        Assert.Equal(RegressionKind.Counterexample, regression.Kind);
        Assert.Contains("theta = 0.25", regression.Before);
        Assert.Contains("theta = 0.5", regression.After);
    }

    [Fact]
    public void A_residual_that_grew_beyond_the_factor_is_a_regression_and_within_it_is_not()
    {
        var now = CatalogRun.Report("nuclear.variational").MaxResidual;
        Assert.True(now > 0);
        var grown = Assert.Single(Compare(Edit(Current(), "nuclear.variational", c => c with { MaxResidual = now / 20 })).Regressions);
        Assert.Equal(RegressionKind.Residual, grown.Kind);
        Assert.Empty(Compare(Edit(Current(), "nuclear.variational", c => c with { MaxResidual = now / 5 })).Regressions);
        Assert.Single(Compare(Edit(Current(), "nuclear.variational", c => c with { MaxResidual = now / 5 }), factor: 2).Regressions);
        Assert.True(Baseline.Grew(0, 1e-300, 10));
        Assert.True(Baseline.Grew(1, double.NaN, 10));
        Assert.False(Baseline.Grew(double.NaN, double.NaN, 10));
    }

    [Fact]
    public void A_new_claim_and_another_seed_are_reported_but_are_not_regressions()
    {
        var baseline = Current() with { Seed = TestSettings.Seed + 1, Claims = Current().Claims.Where(c => c.Id != "nuclear.variational").ToArray() };
        var comparison = Compare(baseline);
        Assert.Empty(comparison.Regressions);
        Assert.Equal(["nuclear.variational"], comparison.NewClaims);
        Assert.Contains("seed", Assert.Single(comparison.Notes));
    }

    /// <summary>A baseline with one regression of each kind, against the three stable claims, written to a file.</summary>
    private static string BaselineWithEveryRegression()
    {
        var baseline = Current();
        baseline = Edit(baseline, "dropout.expectation", c => c with { Verdict = Verdict.Inconclusive, Health = "test" });
        baseline = Edit(baseline, "nuclear.variational", c => c with { MaxResidual = c.MaxResidual / 1000 });
        baseline = Edit(baseline, "dropout.expectation.control", c => c with
        {
            Counterexample = c.Counterexample! with { Instance = c.Counterexample.Instance.Select(v => v.Name == "theta" ? v with { Value = Value.Of(0.25) } : v).ToArray() },
        });
        baseline = baseline with { Claims = [.. baseline.Claims, CatalogRun.Report("nuclear.variational") with { Id = "nuclear.gone" }] };
        var path = Path.Combine(Path.GetTempPath(), $"baseline-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, ReportFormats.Json(baseline));
        return path;
    }

    private static string[] Check(params string[] more) =>
        ["check", .. Ids, "--seed", TestSettings.Seed.ToString(), "--cases", TestSettings.Cases.ToString(), .. more];

    [Fact]
    public void Check_with_a_baseline_lists_every_regression_in_every_format_and_exits_1()
    {
        var baseline = BaselineWithEveryRegression();
        var kinds = new[] { "verdict", "residual", "counterexample", "disappeared" };

        var (code, table, _) = CliRun.Capture(Check("--baseline", baseline));
        Assert.Equal(1, code);
        foreach (var kind in kinds) Assert.Contains($"regression ({kind})", table);
        Assert.Contains("4 regressions against", table);

        var (jsonCode, json, _) = CliRun.Capture(Check("--baseline", baseline, "--format", "json"));
        Assert.Equal(1, jsonCode);
        using (var doc = JsonDocument.Parse(json))
        {
            var b = doc.RootElement.GetProperty("baseline");
            Assert.True(b.GetProperty("regressed").GetBoolean());
            Assert.Equal(kinds.Order(), b.GetProperty("regressions").EnumerateArray().Select(r => r.GetProperty("kind").GetString()!).Order());
            Assert.Equal(10, b.GetProperty("residualFactor").GetDouble());
        }

        var (_, markdown, _) = CliRun.Capture(Check("--baseline", baseline, "--format", "markdown"));
        Assert.Contains("#### Against the baseline", markdown);
        foreach (var kind in kinds) Assert.Contains($"- ❌ {kind}:", markdown);

        var (_, junit, _) = CliRun.Capture(Check("--baseline", baseline, "--format", "junit"));
        var xml = XDocument.Parse(junit);
        Assert.Equal(4, (int)xml.Root!.Attribute("failures")!);
        Assert.Equal(4, xml.Descendants("failure").Count(f => (string)f.Attribute("type")! == "regression"));
        Assert.Contains(xml.Descendants("testcase"), t => (string)t.Attribute("name")! == "nuclear.gone");
    }

    [Fact]
    public void Check_against_its_own_report_exits_0_and_a_larger_factor_forgives_a_residual()
    {
        var path = Path.Combine(Path.GetTempPath(), $"baseline-{Guid.NewGuid():N}.json");
        Assert.Equal(0, CliRun.Capture(Check("--format", "json", "--out", path)).Code);
        var (code, output, _) = CliRun.Capture(Check("--baseline", path));
        Assert.Equal(0, code);
        Assert.Contains("no regression", output);

        var grown = ReportReader.Read(File.ReadAllText(path));
        File.WriteAllText(path, ReportFormats.Json(Edit(grown, "nuclear.variational", c => c with { MaxResidual = c.MaxResidual / 50 })));
        Assert.Equal(1, CliRun.Capture(Check("--baseline", path)).Code);
        Assert.Equal(0, CliRun.Capture(Check("--baseline", path, "--residual-factor", "100")).Code);
    }

    [Theory]
    [InlineData("--baseline", "/no/such/old.json")]
    [InlineData("--residual-factor", "0.5", "--baseline", "x.json")]
    [InlineData("--shard", "5/4")]
    [InlineData("--shard", "1/4", "--format", "markdown")]
    public void Bad_baseline_and_shard_arguments_get_exit_code_2(params string[] args)
    {
        var (code, _, err) = CliRun.Capture(["check", "nuclear.variational", .. args]);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_report_that_is_not_a_report_is_bad_input()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-report-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"hello\": 1}");
        var (code, _, err) = CliRun.Capture("merge", path);
        Assert.Equal(2, code);
        Assert.Contains("is not a report", err);
        var (baselineCode, _, baselineErr) = CliRun.Capture("check", "nuclear.variational", "--baseline", path);
        Assert.Equal(2, baselineCode);
        Assert.Contains("is not a report", baselineErr);
    }
}
