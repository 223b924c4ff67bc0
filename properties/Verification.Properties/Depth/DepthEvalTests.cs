using System.Text.Json;
using Verification.Properties.Cli;
using Xunit;

namespace Verification.Properties.Depth;

/// <summary>`eval` on the depth claims: exact pieces for a user's network, and one clear line with exit code 2 for bad input.</summary>
[Collection("Console")]
public class DepthEvalTests
{
    private static (int Code, string Out, string Err) Eval(string id, string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return CliRun.Capture("eval", id, "--input", path);
    }

    [Fact]
    public void A_users_network_gets_its_exact_pieces_and_bounds()
    {
        var (code, output, _) = Eval("depth.shallow-pieces", """{ "layers": [ { "W": [[1], [1]], "b": [0, "-1/2"] }, { "W": [[2, -4]], "b": [0] } ] }""");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("pieces").GetInt64());
        Assert.Equal("0", root.GetProperty("breakpoints")[0][0].GetString());
        Assert.Equal("1/2", root.GetProperty("breakpoints")[0][1].GetString());
        Assert.Equal("-2", root.GetProperty("slopes")[0][2].GetString());
        Assert.Equal(3, root.GetProperty("shallowBound").GetInt64());
        Assert.Equal("4", root.GetProperty("depthBound").GetString());
    }

    [Fact]
    public void The_sawtooth_and_the_folding_network_report_their_counts()
    {
        var (code, output, _) = Eval("depth.sawtooth", """{ "k": 5, "split": 2 }""");
        Assert.Equal(0, code);
        Assert.Equal(32, JsonDocument.Parse(output).RootElement.GetProperty("pieces").GetInt64());
        (code, output, _) = Eval("depth.montufar-regions", """{ "n": 4, "L": 3, "t": ["1/10", "1/5", "1/2", "9/10"], "v": [1, -2, 3, "1/2"] }""");
        Assert.Equal(0, code);
        Assert.Equal(80, JsonDocument.Parse(output).RootElement.GetProperty("pieces").GetInt64());
    }

    [Theory]
    [InlineData("depth.shallow-pieces", """{ "layers": [ { "W": [[1], [1]], "b": [0, 0] }, { "W": [[1, 1, 1]], "b": [0] } ] }""", "do not compose")]
    [InlineData("depth.shallow-pieces", """{ "layers": [ { "W": [[1, 2]], "b": [0] }, { "W": [[1]], "b": [0] } ] }""", "one column")]
    [InlineData("depth.shallow-pieces", """{ "layers": [ { "W": [[1]], "b": [0] }, { "W": [[1], [2]], "b": [0, 0] } ] }""", "one row")]
    [InlineData("depth.shallow-pieces", """{ "layers": [ { "W": [[1], [1]], "b": [0] }, { "W": [[1, 1]], "b": [0] } ] }""", "bias")]
    [InlineData("depth.shallow-pieces", """{ "layers": [ { "W": [[1]] } ] }""", "missing key \"b\"")]
    [InlineData("depth.shallow-pieces", """{ "layers": [ { "W": [["x"]], "b": [0] } ] }""", "not an exact number")]
    [InlineData("depth.shallow-pieces", """{ "layers": [] }""", "non-empty array of objects")]
    [InlineData("depth.sawtooth", """{ "k": 30 }""", "above the limit")]
    [InlineData("depth.sawtooth", """{ "k": 0 }""", "at least 1")]
    [InlineData("depth.sawtooth", """{ "k": 4, "split": 5 }""", "split")]
    [InlineData("depth.montufar-regions", """{ "n": 40, "L": 6 }""", "above the limit")]
    [InlineData("depth.montufar-regions", """{ "n": 3, "L": 2, "t": ["1/2", "1/4", "3/4"] }""", "increasing")]
    [InlineData("depth.montufar-regions", """{ "n": 2, "L": 2, "v": [1, 0] }""", "is 0")]
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
