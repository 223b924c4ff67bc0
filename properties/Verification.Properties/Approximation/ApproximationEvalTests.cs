using System.Text.Json;
using Verification.Properties.Cli;
using Xunit;

namespace Verification.Properties.Approximation;

/// <summary>`eval` on the approximation claims: the error next to the bounds, and one clear line with exit code 2 for bad input.</summary>
[Collection("Console")]
public class ApproximationEvalTests
{
    private static (int Code, string Out, string Err) Eval(string id, string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return CliRun.Capture("eval", id, "--input", path);
    }

    [Fact]
    public void The_interpolation_error_and_its_bounds()
    {
        var (code, output, _) = Eval("approx.relu-interpolation", """{ "f": "x^2", "N": 4 }""");
        Assert.Equal(0, code);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("1/64", root.GetProperty("supErrorExact").GetString());
        Assert.Equal("1/64", root.GetProperty("smoothBound").GetString());
        Assert.Equal("1/4", root.GetProperty("lipschitzBound").GetString());
        Assert.Equal("the C² bound is attained exactly", root.GetProperty("attained").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("W2").ValueKind);
    }

    [Fact]
    public void A_network_is_a_target_too()
    {
        var (code, output, _) = Eval("approx.relu-interpolation", """{ "layers": [ { "W": [[1], [1]], "b": [0, "-1/3"] }, { "W": [[1, -2]], "b": [0] } ], "N": 2, "a": -1, "b": 1 }""");
        Assert.Equal(0, code);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("1", root.GetProperty("L").GetString());
        Assert.StartsWith("none", root.GetProperty("smoothBound").GetString());
        (code, output, _) = Eval("approx.sigmoid-staircase", """{ "f": "abs(x - 1/3)", "N": 16, "k": 256 }""");
        Assert.Equal(0, code);
        root = JsonDocument.Parse(output).RootElement;
        Assert.True(root.GetProperty("supUpper").GetDouble() <= root.GetProperty("bound").GetDouble());
    }

    [Theory]
    [InlineData("approx.relu-interpolation", """{ "f": "x^4", "N": 4 }""", "degree 4")]
    [InlineData("approx.relu-interpolation", """{ "f": "sqrt(x)", "N": 4 }""", "irrational")]
    [InlineData("approx.relu-interpolation", """{ "f": "x^2 + y", "N": 4 }""", "not a polynomial in x")]
    [InlineData("approx.relu-interpolation", """{ "f": "x^2", "N": 5000 }""", "above the limit")]
    [InlineData("approx.relu-interpolation", """{ "f": "x^2", "N": 0 }""", "at least 1")]
    [InlineData("approx.relu-interpolation", """{ "f": "x^2", "N": 4, "a": 1, "b": 0 }""", "empty")]
    [InlineData("approx.relu-interpolation", """{ "N": 4 }""", "missing key \"f\"")]
    [InlineData("approx.relu-interpolation", """{ "f": "x^2", "layers": [ { "W": [[1]], "b": [0] } ], "N": 4 }""", "not both")]
    [InlineData("approx.relu-interpolation", """{ "layers": [ { "W": [[1, 1]], "b": [0] } ], "N": 4 }""", "one column")]
    [InlineData("approx.sigmoid-staircase", """{ "f": "sqrt(x)", "N": 2000 }""", "above the limit")]
    [InlineData("approx.sigmoid-staircase", """{ "f": "sqrt(x)", "N": 8, "k": -1 }""", "steepness")]
    [InlineData("approx.sigmoid-staircase", """{ "f": "exp(x)", "N": 8 }""", "not understood")]
    public void Bad_input_is_one_line_and_exit_code_2(string id, string json, string expected)
    {
        var (code, output, error) = Eval(id, json);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error:", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, error);
    }
}
