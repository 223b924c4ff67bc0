using System.Text.Json;
using Verification.Properties.Cli;
using Xunit;

namespace Verification.Properties.LinearNetworks;

/// <summary>`eval` and `plot` on Part I from the command line: results, the as-stated counterexample, failed hypotheses and bad input.</summary>
[Collection("Console")]
public class LinearCliTests
{
    private static string Input(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Example(string name) => Path.Combine(Snapshots.Snapshot.RepositoryRoot, "examples", name);

    [Fact]
    public void Eval_of_the_critical_points_example_lists_every_index_set_with_its_exact_inertia()
    {
        var (code, output, err) = CliRun.Capture("eval", "linear.critical-points", "--input", Example("linear-critical-points.json"));
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("5/4", root.GetProperty("value").GetString());
        Assert.Equal("(4, 9/4, 1, 1/4)", root.GetProperty("eigenvalues").GetString());
        Assert.StartsWith("R = 5/4, Hessian inertia (0 negative, 4 zero, 12 positive)", root.GetProperty("I = {1,2}").GetString());
        Assert.StartsWith("R = 25/4, Hessian inertia (4 negative, 4 zero, 8 positive)", root.GetProperty("I = {3,4}").GetString());
    }

    [Fact]
    public void Eval_reproduces_the_as_stated_counterexample()
    {
        var (code, output, _) = CliRun.Capture("eval", "linear.baldi-hornik.as-stated", "--input", Example("linear-baldi-hornik-tie.json"));
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("holds").GetBoolean());
        Assert.Contains("different products", json.RootElement.GetProperty("explanation").GetString());
    }

    public static TheoryData<string, string, string> FailedHypotheses => new()
    {
        { "linear.baldi-hornik", """{ "exact": true, "X": [[1, 0], [0, 1]], "Y": [[1, 0], [0, 1]], "n1": 1 }""", "'distinct eigenvalues' fails" },
        { "linear.critical-points", """{ "X": [[1, 0], [0, 0]], "Y": [[1, 0], [0, 1]], "n1": 1 }""", "'Σ_xx invertible' fails" },
        { "linear.optimal-product", """{ "X": [[1, 0], [0, 1]], "Y": [[1, 0], [0, 1]], "n1": 1 }""", "n₁ ≥ max(n₀, n₂) fails" },
        { "linear.deep-nonstrict-saddle", """{ "X": [[1, 0], [0, 1]], "Y": [[0, 0]], "widths": [1, 1] }""", "YXᵀ ≠ 0 fails" },
        { "linear.deep-optimal-product", """{ "exact": true, "X": [[1, 0], [0, 1]], "Y": [[1, 0], [0, 1]], "widths": [1] }""", "every hidden width ≥ rank Σ_yx" },
    };

    [Theory]
    [MemberData(nameof(FailedHypotheses))]
    public void A_failed_hypothesis_is_one_line_naming_it_and_exit_code_2(string id, string json, string message)
    {
        var (code, output, err) = CliRun.Capture("eval", id, "--input", Input(json));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("premise", err);
        Assert.Contains(message, err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "linear.baldi-hornik", """{ "X": [[1, 0], [0, 1]], "Y": [[1, 0, 2]], "n1": 1 }""", "mismatched shapes" },
        { "linear.baldi-hornik", """{ "X": [[1, 0], [0, 1]], "Y": [[1, 0]], "n1": 1, "widths": [1] }""", "exactly one of" },
        { "linear.baldi-hornik", """{ "X": [[1, 0], [0, 1]], "Y": [[1, 0]] }""", "exactly one of" },
        { "linear.baldi-hornik", """{ "X": [[1, 0], [0, 1]], "Y": [[1, "NaN"]], "n1": 1 }""", "not finite" },
        { "linear.baldi-hornik", """{ "X": [[1, 0], [0]], "Y": [[1, 0]], "n1": 1 }""", "ragged" },
        { "linear.baldi-hornik", """{ "X": [[1, 0], [0, 1]], "Y": [[1, 0]], "n1": 0 }""", "at least 1" },
        { "linear.deep-optimal-product", """{ "X": [[1, 0], [0, 1]], "Y": [[1, 0]], "widths": [2, "a"] }""", "array of integers" },
        { "linear.baldi-hornik", """{ "X": [[1, 0], [0, 1]], "Sigma_xx": [[1]], "n1": 1 }""", "either the samples" },
        { "linear.baldi-hornik", """{ "Sigma_xx": [[1, 2], [0, 1]], "Sigma_yx": [[1, 0]], "Sigma_yy": [[1]], "n1": 1 }""", "not symmetric" },
        { "linear.baldi-hornik", """{ "Sigma_xx": [[1, 0], [0, 1]], "Sigma_yx": [[3, 0]], "Sigma_yy": [[1]], "n1": 1 }""", "not the second moments" },
        { "linear.baldi-hornik", """{ "Sigma_xx": [[1, 0], [0, 1]], "Sigma_yx": [[1, 0, 0]], "Sigma_yy": [[1]], "n1": 1 }""", "mismatched shapes" },
        { "linear.shallow-origin-strict", """{ "Sigma_xx": [[1]], "Sigma_yx": [[1]], "Sigma_yy": [[1]], "n1": 1 }""", "needs the samples" },
        { "linear.risk-trace", """{ "X": [[1, 0]], "Y": [[1, 0]], "U": [[1]], "V": [[1, 2]] }""", "mismatched shapes" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gets_one_clear_line_and_exit_code_2(string id, string json, string message)
    {
        var (code, output, err) = CliRun.Capture("eval", id, "--input", Input(json));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", err);
    }

    [Theory]
    [InlineData("linear.deep-nonstrict-saddle")]
    [InlineData("linear.shallow-origin-strict")]
    [InlineData("linear.critical-points")]
    public void Plot_draws_the_registered_figures(string id)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.png");
        var (code, _, err) = CliRun.Capture("plot", id, "--out", path);
        Assert.True(code == 0, err);
        Assert.True(new FileInfo(path).Length > 1000);
    }
}
