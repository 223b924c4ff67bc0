using System.Text.Json;
using Verification.Properties.Cli;
using Xunit;

namespace Verification.Properties.Factorization;

/// <summary>`eval` and `plot` for Part II: what the outputs say, and one clear line with exit code 2 for bad input.</summary>
[Collection("Console")]
public class PartTwoCliTests
{
    private static string Input(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static JsonElement Eval(string id, string json)
    {
        var (code, output, err) = CliRun.Capture("eval", id, "--input", Input(json));
        Assert.True(code == 0, $"exit {code}: {err}{output}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public void Convex_lower_bound_eval_reports_the_certified_minimum()
    {
        // Y = diag(3, 1), λ = 1/2: S_λ(Y) = diag(5/2, 1/2) and min F = ½(1/4 + 1/4) + ½·3 = 7/4.
        var json = Eval("factorization.convex-lower-bound", """{ "Y": [[3, 0], [0, 1]], "lambda": 0.5 }""");
        Assert.Equal(1.75, json.GetProperty("minF").GetDouble(), 12);
        Assert.True(json.GetProperty("gap").GetDouble() <= 1e-10);
        Assert.Equal(2, json.GetProperty("rank").GetInt64());
        Assert.Equal(2.5, json.GetProperty("X")[0][0].GetDouble(), 12);
    }

    [Fact]
    public void Certificate_eval_decides_both_directions()
    {
        var global = Eval("factorization.certificate", """{ "Y": [[3, 0], [0, 1]], "lambda": 0.5, "U": [[1.5811388300841898, 0], [0, 0.7071067811865476]], "V": [[1.5811388300841898, 0], [0, 0.7071067811865476]] }""");
        Assert.Equal("yes", global.GetProperty("certified").GetString());
        Assert.Equal("yes", global.GetProperty("global").GetString());
        // Rescaled columns, (2, 1) and (5/4, 1/2) instead of √(5/2) and √(1/2) on both sides: the same f, still global and certified.
        var other = Eval("factorization.certificate", """{ "Y": [[3, 0], [0, 1]], "lambda": 0.5, "U": [[2, 0], [0, 1]], "V": [[1.25, 0], [0, 0.5]] }""");
        Assert.Equal("yes", other.GetProperty("certified").GetString());
        Assert.Equal("yes", other.GetProperty("global").GetString());
        // The balanced pair rotated by 45° after rescaling: the same product, Σ‖u_i‖‖v_i‖ ≈ 3.05 > ‖X*‖_* = 3, not global.
        var rotated = Eval("factorization.certificate", """{ "Y": [[3, 0], [0, 1]], "lambda": 0.5, "U": [[1.4142135623730951, 1.4142135623730951], [0.5, -0.5]], "V": [[0.8838834764831844, 0.8838834764831844], [0.5, -0.5]] }""");
        Assert.Equal("no", rotated.GetProperty("certified").GetString());
        Assert.Equal("no", rotated.GetProperty("global").GetString());
    }

    [Fact]
    public void Meta_algorithm_eval_reports_rounds_and_widths()
    {
        var json = Eval("factorization.meta-algorithm", """{ "Y": [[3, 0, 0], [0, 2, 0], [0, 0, 1]], "lambda": 0.5, "r": 1 }""");
        Assert.Equal("1→2→3", json.GetProperty("widths").GetString());
        Assert.Equal(3, json.GetProperty("finalWidth").GetInt64());
        Assert.Equal(4, json.GetProperty("widthBound").GetInt64());
        // min F = ½·3·(1/2)² + ½·(2.5 + 1.5 + 0.5) = 3/8 + 9/4.
        Assert.Equal(2.625, json.GetProperty("minF").GetDouble(), 12);
        Assert.Equal(2.625, json.GetProperty("value").GetDouble(), 9);
    }

    [Fact]
    public void Zero_column_eval_with_too_few_columns_is_outside_the_premise()
    {
        // rank X* = 2, r = 2 with one zero column: descent stops at a saddle, which is not a local minimizer.
        var (code, output, err) = CliRun.Capture("eval", "factorization.zero-column-global", "--input", Input("""{ "Y": [[3, 0], [0, 1]], "lambda": 0.5, "r": 2 }"""));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("premise", err);
        Assert.Contains("saddle", err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "factorization.convex-lower-bound", """{ "Y": [[1]], "lambda": 0 }""", "lambda must be > 0" },
        { "factorization.convex-lower-bound", """{ "Y": [[1]], "lambda": -2 }""", "lambda must be > 0" },
        { "factorization.convex-lower-bound", """{ "Y": [[1]], "lambda": 1, "loss": "hinge" }""", "unknown loss \"hinge\"" },
        { "factorization.convex-lower-bound", """{ "Y": [[1, 0.5]], "lambda": 1, "loss": "logistic" }""", "±1" },
        { "factorization.convex-lower-bound", """{ "Y": [[1, 2]], "lambda": 1, "U": [[1]], "V": [[1]] }""", "mismatched shapes" },
        { "factorization.certificate", """{ "Y": [[1, 2]], "lambda": 1, "U": [[1], [2]], "V": [[1], [1]] }""", "mismatched shapes" },
        { "factorization.certificate", """{ "Y": [[1]], "lambda": 1, "U": [[1, 2]], "V": [[1]] }""", "mismatched shapes" },
        { "factorization.certificate", """{ "Y": [[1]], "lambda": 1, "loss": "huber", "U": [[1]], "V": [[1]] }""", "squared loss" },
        { "factorization.zero-column-global", """{ "Y": [[1]], "lambda": 1, "r": 0 }""", "r must be at least 1" },
        { "factorization.zero-column-global", """{ "Y": [[1]], "lambda": 1, "r": 2, "zeros": 3 }""", "zeros must lie between 1 and r" },
        { "factorization.meta-algorithm", """{ "Y": [[1, 0], [0, 1]], "lambda": 1, "r": 4 }""", "min(m, n) + 1" },
        { "factorization.meta-algorithm", """{ "Y": [[1, 0], [0, 1]], "lambda": 1, "U0": [[1]], "V0": [[1], [1]] }""", "mismatched shapes" },
        { "factorization.meta-algorithm", """{ "Y": [[1]], "lambda": "x" }""", "not a number" },
        { "factorization.convex-lower-bound", """{ "Y": [[3e200, 0], [0, 1]], "lambda": 1 }""", "rescale" },
        { "factorization.convex-lower-bound", """{ "Y": [[1]], "lambda": 1e-200 }""", "rescale" },
        { "factorization.certificate", """{ "Y": [[1]], "lambda": 1, "U": [[1e200]], "V": [[1e-200]] }""", "rescale" },
        { "factorization.meta-algorithm", "{ \"Y\": [" + string.Join(", ", Enumerable.Repeat("[1]", 201)) + "], \"lambda\": 1 }", "above 200" },
        { "homogeneous.positive-homogeneity", "{ \"layers\": [" + string.Join(", ", Enumerable.Repeat("{ \"type\": \"relu\" }", 65)) + "], \"x\": [1] }", "above 64" },
    };

    /// <summary>The eval sample of every Part II theorem, with Y, U, V, λ (or weights and x) scaled by 10^k: never "does not hold".</summary>
    public static TheoryData<string, string> Scaled
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var k in new[] { "e150", "e200", "e-300" })
            {
                data.Add("factorization.convex-lower-bound", $$"""{ "Y": [[{{3}}{{k}}, 0], [0, 1{{k}}]], "lambda": 0.5{{k}}, "U": [[1{{k}}, 1{{k}}], [0, 1{{k}}]], "V": [[1, 0], [1, 1]] }""");
                data.Add("factorization.certificate", $$"""{ "Y": [[3{{k}}, 0], [0, 1{{k}}]], "lambda": 0.5{{k}}, "U": [[1.5811388300841898{{k}}, 0], [0, 0.7071067811865476{{k}}]], "V": [[1.5811388300841898, 0], [0, 0.7071067811865476]] }""");
                data.Add("factorization.zero-column-global", $$"""{ "Y": [[3{{k}}, 0], [0, 1{{k}}]], "lambda": 0.5{{k}}, "r": 3 }""");
                data.Add("factorization.meta-algorithm", $$"""{ "Y": [[3{{k}}, 0, 0], [0, 2{{k}}, 0], [0, 0, 1{{k}}]], "lambda": 0.5{{k}}, "r": 1 }""");
                data.Add("homogeneous.positive-homogeneity", $$"""{ "layers": [ { "type": "linear", "W": [["1{{k}}", "-2{{k}}"], ["3{{k}}", 0]] }, { "type": "relu" }, { "type": "max-pool", "window": 2, "stride": 1 }, { "type": "linear", "W": [["-1{{k}}"]] } ], "x": ["1{{k}}", "-2{{k}}"], "alpha": "3/2" }""");
                data.Add("homogeneous.parallel-zero-subnetwork", $$"""{ "subnetworks": [ { "layers": [ { "type": "linear", "W": [["1{{k}}", "2{{k}}"], ["-1{{k}}", 1]] }, { "type": "relu" }, { "type": "linear", "W": [[1, "1/2"]] } ] } ], "x": ["1{{k}}", -1] }""");
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Scaled))]
    public void A_theorem_never_fails_because_of_magnitude(string id, string json)
    {
        var (code, output, err) = CliRun.Capture("eval", id, "--input", Input(json));
        Assert.True(code is 0 or 2 or 4, $"exit {code}: {err}");
        Assert.DoesNotContain("\"holds\": false", output);
        Assert.DoesNotContain("   at ", err);
    }

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
    [InlineData("factorization.meta-algorithm")]
    [InlineData("factorization.convex-lower-bound")]
    public void The_figures_are_drawn_as_PNGs(string id)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{id}-{Guid.NewGuid():N}.png");
        Assert.Equal(0, CliRun.Capture("plot", id, "--out", path).Code);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
    }
}
