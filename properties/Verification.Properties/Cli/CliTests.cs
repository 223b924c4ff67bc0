using System.Text.Json;
using Verification.Engine;
using Verification.Reporting;
using Xunit;

namespace Verification.Properties.Cli;

[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>Runs the command line in-process with stdout and stderr captured (tests in the "Console" collection only).</summary>
public static class CliRun
{
    public static (int Code, string Out, string Err) Capture(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        var o = new StringWriter();
        var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            return (Verification.Cli.Cli.Run(args), o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}

/// <summary>The command line run in-process: exit codes, JSON shapes, and one clear stderr line for bad input.</summary>
[Collection("Console")]
public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Capture(args);

    private static string Input(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Example(string name) => Path.Combine(Snapshots.Snapshot.RepositoryRoot, "examples", name);

    [Fact]
    public void Check_json_has_the_documented_fields()
    {
        var (code, output, _) = Run("check", "dropout.expectation", "nuclear.variational", "dropout.expectation.control", "--format", "json", "--seed", "1", "--cases", "30");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1UL, json.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(30, json.RootElement.GetProperty("cases").GetInt32());
        var claims = json.RootElement.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal("verified", claims["dropout.expectation"].GetProperty("verdict").GetString());
        Assert.Equal(30, claims["dropout.expectation"].GetProperty("cases").GetInt32());
        Assert.Equal(8192, claims["dropout.expectation"].GetProperty("screened").GetInt32());
        Assert.Equal("verified", claims["nuclear.variational"].GetProperty("verdict").GetString());
        var control = claims["dropout.expectation.control"];
        Assert.Equal("refuted", control.GetProperty("verdict").GetString());
        var x = control.GetProperty("counterexample");
        Assert.Equal(JsonValueKind.Array, x.GetProperty("instance").GetProperty("Y").ValueKind);
        foreach (var key in new[] { "status", "lhs", "rhs", "residual", "tolerance", "toleranceReason", "explanation", "replay", "replaySeed", "size", "shrinkSteps", "snippets" })
            Assert.True(x.TryGetProperty(key, out _), key);
        foreach (var c in claims.Values)
            foreach (var key in new[] { "id", "kind", "title", "verdict", "expected", "asExpected", "budget", "cases", "held", "discardedCases", "inconclusiveCases", "screened", "maxResidual", "seconds", "casesPerSecond", "evidence", "health", "counterexample", "error" })
                Assert.True(c.TryGetProperty(key, out _), key);
    }

    [Fact]
    public void Check_exits_1_when_a_verdict_differs_from_its_expected_one()
    {
        var claims = CatalogDriven.CatalogRun.All.ToList();
        var asExpected = new RunReport(1, 100, "managed", claims);
        Assert.Equal(0, Verification.Cli.Checking.ExitCodeFor(asExpected));
        var flipped = claims.Select((c, i) => i == 0 ? c with { Verdict = Verdict.Refuted } : c).ToList();
        Assert.Equal(1, Verification.Cli.Checking.ExitCodeFor(asExpected with { Claims = flipped }));
    }

    [Fact]
    public void Eval_exit_codes_are_0_holds_1_does_not_hold_2_bad_input()
    {
        const string instance = "{\"Y\": [[1]], \"U\": [[1]], \"V\": [[1]], \"theta\": 0.5}";
        Assert.Equal(0, Run("eval", "dropout.expectation", "--input", Input(instance)).Code);
        var (code, output, _) = Run("eval", "dropout.expectation.control", "--input", Input(instance));
        Assert.Equal(1, code);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.False(json.RootElement.GetProperty("holds").GetBoolean());
            Assert.Equal("fails", json.RootElement.GetProperty("status").GetString());
        }
        var discarded = Run("eval", "dropout.balance-gram", "--input", Input("{\"U\": [[1, 0]], \"V\": [[2, 0]]}"));
        Assert.Equal(2, discarded.Code);
        Assert.Contains("premise", discarded.Err);
        Assert.Equal("", discarded.Out);
    }

    [Fact]
    public void Eval_exact_gives_equal_fractions()
    {
        var (code, output, err) = Run("eval", "dropout.expectation", "--input", Example("dropout-expectation-exact.json"));
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var lhs = json.RootElement.GetProperty("lhs").GetString();
        Assert.Matches("^-?[0-9]+(/[0-9]+)?$", lhs!);
        Assert.Equal(lhs, json.RootElement.GetProperty("rhs").GetString());
        Assert.Equal("0", json.RootElement.GetProperty("residual").GetString());
        Assert.True(json.RootElement.GetProperty("holds").GetBoolean());
    }

    [Fact]
    public void Eval_floating_agrees_with_the_closed_form_computed_here()
    {
        var (code, output, _) = Run("eval", "dropout.expectation", "--input", Example("dropout-expectation.json"));
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var lhs = json.RootElement.GetProperty("lhs").GetDouble();
        // Independent: the closed form of the example, computed by hand-written loops.
        double[,] y = { { 1.0, -0.4 }, { 0.7, 0.0 }, { 5.0, 0.5 } };
        double[,] u = { { 0.5, -1.2, 2.0 }, { 0.1, 0.75, 1.0 }, { 1.0, 1.3, -0.4 } };
        double[,] v = { { 2.0, 0.33, 0.0 }, { -1.0, 1.0, 0.8 } };
        const double theta = 0.7;
        double fit = 0, reg = 0;
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 2; j++)
            {
                var p = 0.0;
                for (var k = 0; k < 3; k++) p += u[i, k] * v[j, k];
                fit += (y[i, j] - p) * (y[i, j] - p);
            }
        for (var k = 0; k < 3; k++)
        {
            double a = 0, b = 0;
            for (var i = 0; i < 3; i++) a += u[i, k] * u[i, k];
            for (var j = 0; j < 2; j++) b += v[j, k] * v[j, k];
            reg += a * b;
        }
        var expected = fit + (1 - theta) / theta * reg;
        Assert.True(Math.Abs(lhs - expected) <= 1e-12 * Math.Abs(expected), $"{lhs} vs {expected}");
    }

    [Fact]
    public void Eval_monte_carlo_reports_an_interval()
    {
        var (code, output, _) = Run("eval", "dropout.expectation", "--input", Example("dropout-expectation.json"), "--monte-carlo", "--samples", "20000");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("lower").GetDouble() < json.RootElement.GetProperty("upper").GetDouble());
        Assert.Equal(20000, json.RootElement.GetProperty("samples").GetInt64());
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "{\"Y\": [[1]], \"U\": [[1]], ", "malformed JSON" },
        { "{\"Y\": [[1]], \"U\": [[1]], \"V\": [[1]], \"theta\": \"NaN\"}", "not finite" },
        { "{\"Y\": [[1e999]], \"U\": [[1]], \"V\": [[1]], \"theta\": 0.5}", "not finite" },
        { "{\"Y\": [[1, 2], [3]], \"U\": [[1], [1]], \"V\": [[1], [1]], \"theta\": 0.5}", "ragged" },
        { "{\"Y\": [[1, 2]], \"U\": [[1]], \"V\": [[1]], \"theta\": 0.5}", "mismatched shapes" },
        { "{\"Y\": [[1]], \"U\": [[1]], \"V\": [[1]]}", "missing key \"theta\"" },
        { "{\"Y\": [[1]], \"U\": [[1]], \"V\": [[1]], \"theta\": 0}", "theta must lie in (0,1]" },
        { "{\"Y\": [[1]], \"U\": [[1]], \"V\": [[1]], \"theta\": 1.5}", "theta must lie in (0,1]" },
        { "{\"exact\": true, \"Y\": [[1]], \"U\": [[1]], \"V\": [[1]], \"theta\": \"3/2\"}", "theta must lie in (0,1]" },
        { "{\"exact\": true, \"Y\": [[\"1/0\"]], \"U\": [[1]], \"V\": [[1]], \"theta\": \"1/2\"}", "not an exact number" },
        { "[1, 2]", "must be a JSON object" },
        { "{\"exact\": true, \"Y\": [[1]], \"U\": [[" + string.Join(",", Enumerable.Repeat("1", 25)) + "]], \"V\": [[" + string.Join(",", Enumerable.Repeat("1", 25)) + "]], \"theta\": \"1/2\"}", "--monte-carlo" },
        { "{\"Y\": [[1]], \"U\": [[" + string.Join(",", Enumerable.Repeat("1", 29)) + "]], \"V\": [[" + string.Join(",", Enumerable.Repeat("1", 29)) + "]], \"theta\": 0.5}", "--monte-carlo" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gets_one_clear_line_and_exit_code_2(string json, string message)
    {
        var (code, output, err) = Run("eval", "dropout.expectation", "--input", Input(json));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", err);
    }

    [Theory]
    [InlineData("eval", "no.such.claim", "--input", "x.json")]
    [InlineData("check", "no.such.claim")]
    [InlineData("check", "--cases", "many")]
    [InlineData("check", "--format", "yaml")]
    [InlineData("eval", "dropout.expectation", "--input", "/no/such/file.json")]
    public void Bad_arguments_get_exit_code_2(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", err);
    }

    [Fact]
    public void List_names_every_claim()
    {
        var (code, output, _) = Run("list", "--format", "json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var ids = json.RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(Verification.Catalog.All.Select(c => c.Id), ids);
    }
}

[Collection("Console")]
public class SymbolicCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Capture(args);

    [Fact]
    public void Expand_takes_the_expectation_over_Bernoulli_masks()
    {
        var (code, output, _) = Run("symbolic", "expand", "(z1*u/theta)^2", "--bernoulli", "z1");
        Assert.Equal(0, code);
        Assert.Equal("u^2/theta", output.Trim());
    }

    [Fact]
    public void Expand_with_another_retain_symbol()
    {
        var (code, output, _) = Run("symbolic", "expand", "z1*z2*a", "--bernoulli", "z1,z2", "--retain", "p");
        Assert.Equal(0, code);
        Assert.Equal("a*p^2", output.Trim());
    }

    [Theory]
    [InlineData("(a+")]
    [InlineData("a**b")]
    [InlineData("3/0")]
    [InlineData("")]
    public void A_malformed_expression_is_one_line_and_exit_2(string expression)
    {
        var (code, output, err) = Run("symbolic", "expand", expression);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Derive_json_has_the_documented_fields()
    {
        var (code, output, _) = Run("derive", "dropout.expectation", "--size", "2,2,2", "--format", "json");
        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        foreach (var key in new[] { "id", "size", "lhs", "rhs", "difference", "holds" })
            Assert.True(json.RootElement.TryGetProperty(key, out _), key);
        Assert.True(json.RootElement.GetProperty("holds").GetBoolean());
        Assert.Equal("0", json.RootElement.GetProperty("difference").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("size").GetProperty("r").GetInt32());
    }

    [Fact]
    public void Derive_reports_the_as_stated_finding()
    {
        var (code, output, _) = Run("derive", "dropblock.expectation.as-stated", "--format", "text");
        Assert.Equal(0, code);
        Assert.Contains("DOES NOT HOLD", output);
    }

    [Theory]
    [InlineData("derive", "no.such.id")]
    [InlineData("derive", "dropout.expectation", "--size", "1,x,2")]
    [InlineData("derive", "dropout.expectation", "--size", "1,2,3,4")]
    [InlineData("derive", "dropout.expectation", "--size", "q=2")]
    public void Bad_derive_arguments_get_exit_code_2(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", err);
    }
}

[Collection("Console")]
public class PlotCliTests
{
    private static int Run(params string[] args) => CliRun.Capture(args).Code;

    [Fact]
    public void The_autoencoder_landscape_is_drawn_as_a_PNG()
    {
        var path = Path.Combine(Path.GetTempPath(), $"landscape-{Guid.NewGuid():N}.png");
        Assert.Equal(0, Run("plot", "dropout.autoencoder-landscape", "--out", path));
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
    }

    [Theory]
    [InlineData("plot", "dropout.expectation", "--out", "x.png")]
    [InlineData("plot", "dropout.autoencoder-landscape")]
    [InlineData("plot", "no.such.claim", "--out", "x.png")]
    public void Plot_without_a_picture_or_a_file_is_exit_code_2(params string[] args) => Assert.Equal(2, Run(args));
}
