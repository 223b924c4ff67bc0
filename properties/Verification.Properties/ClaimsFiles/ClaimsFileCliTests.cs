using System.Text.Json;
using Verification.Properties.Cli;
using Xunit;

namespace Verification.Properties.ClaimsFiles;

/// <summary>`check --claims` reports file claims beside the built-in ones in every format; `eval --claims` evaluates one on a user's matrices.</summary>
[Collection("Console")]
public class ClaimsFileCliTests
{
    private static string Example(string name) => Path.Combine(Snapshots.Snapshot.RepositoryRoot, "examples", name);

    [Fact]
    public void Check_reports_file_claims_beside_built_in_ones()
    {
        var (code, output, error) = CliRun.Capture("check", "dropout.expectation.control", "paper.dropout-expectation", "paper.dropblock-slide",
            "--claims", ExamplesFile.Path, "--format", "json", "--cases", "20");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var claims = json.RootElement.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(["dropout.expectation.control", "paper.dropout-expectation", "paper.dropblock-slide"], claims.Keys);
        Assert.Equal("verified", claims["paper.dropout-expectation"].GetProperty("verdict").GetString());
        Assert.Equal(22, claims["paper.dropout-expectation"].GetProperty("cases").GetInt32());
        var slide = claims["paper.dropblock-slide"];
        Assert.Equal("as-stated", slide.GetProperty("kind").GetString());
        Assert.Equal("refuted", slide.GetProperty("verdict").GetString());
        var x = slide.GetProperty("counterexample");
        Assert.Equal(1, x.GetProperty("instance").GetProperty("b").GetInt32());
        Assert.Equal("example", x.GetProperty("replay").GetProperty("kind").GetString());
        Assert.Contains("claim.ReplayExample(0)", x.GetProperty("snippets").GetProperty("csharp").GetString());

        (code, output, _) = CliRun.Capture("check", "paper.dropblock-slide", "--claims", ExamplesFile.Path, "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Contains("| ✅ | `paper.dropblock-slide` | as-stated | refuted | refuted |", output);
        Assert.Contains("Counterexample to <code>paper.dropblock-slide</code>", output);

        (code, output, _) = CliRun.Capture("check", "paper.dropblock-slide", "paper.dropout-expectation", "--claims", ExamplesFile.Path, "--format", "junit", "--cases", "10");
        Assert.Equal(0, code);
        var junit = System.Xml.Linq.XDocument.Parse(output);
        var cases = junit.Descendants("testcase").ToDictionary(t => (string)t.Attribute("name")!);
        Assert.Equal(["paper.dropblock-slide", "paper.dropout-expectation"], cases.Keys);
        Assert.Contains("refuted, expected refuted", cases["paper.dropblock-slide"].Element("system-out")!.Value);
        Assert.Empty(junit.Descendants("failure"));
    }

    [Fact]
    public void A_wrong_expected_verdict_in_a_file_exits_1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, File.ReadAllText(ExamplesFile.Path).Replace("    decision: refuted", "    decision: verified"));
        var (code, output, _) = CliRun.Capture("check", "paper.dropblock-slide", "--claims", path, "--format", "json", "--cases", "5");
        Assert.Equal(1, code);
        Assert.Contains("\"asExpected\": false", output);
    }

    [Fact]
    public void Eval_evaluates_a_file_claim_like_its_twin()
    {
        var (code, output, error) = CliRun.Capture("eval", "paper.dropout-expectation", "--claims", ExamplesFile.Path, "--input", Example("dropout-expectation-exact.json"));
        Assert.True(code == 0, error);
        var (twinCode, twin, _) = CliRun.Capture("eval", "dropout.expectation", "--input", Example("dropout-expectation-exact.json"));
        Assert.Equal(0, twinCode);
        using var file = JsonDocument.Parse(output);
        using var builtIn = JsonDocument.Parse(twin);
        Assert.Equal(builtIn.RootElement.GetProperty("lhs").GetString(), file.RootElement.GetProperty("lhs").GetString());
        Assert.Equal(builtIn.RootElement.GetProperty("rhs").GetString(), file.RootElement.GetProperty("rhs").GetString());
        Assert.Equal("0", file.RootElement.GetProperty("residual").GetString());

        (code, output, error) = CliRun.Capture("eval", "paper.dropout-expectation", "--claims", ExamplesFile.Path, "--input", Example("dropout-expectation.json"));
        Assert.True(code == 0, error);
        using var floating = JsonDocument.Parse(output);
        Assert.Contains("Gray-code", floating.RootElement.GetProperty("explanation").GetString());

        (code, output, error) = CliRun.Capture("eval", "paper.dropout-expectation", "--claims", ExamplesFile.Path, "--input", Example("dropout-expectation.json"), "--monte-carlo", "--samples", "20000");
        Assert.True(code == 0, error);
        using var sampled = JsonDocument.Parse(output);
        Assert.Contains("Monte Carlo", sampled.RootElement.GetProperty("explanation").GetString());
    }

    [Fact]
    public void Eval_of_a_control_on_a_refuting_instance_exits_1_and_bad_input_exits_2()
    {
        var input = Path.Combine(Path.GetTempPath(), $"input-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, """{ "A": [[0, 1], [1, 0]] }""");
        var (code, output, _) = CliRun.Capture("eval", "paper.frobenius-below-spectral.control", "--claims", ExamplesFile.Path, "--input", input);
        Assert.Equal(1, code);
        Assert.Contains("\"holds\": false", output);
        File.WriteAllText(input, """{ "Y": [[1]], "U": [[1]], "V": [[1]], "theta": 2 }""");
        var (badCode, badOutput, badError) = CliRun.Capture("eval", "paper.dropout-expectation", "--claims", ExamplesFile.Path, "--input", input);
        Assert.Equal(2, badCode);
        Assert.Equal("", badOutput);
        Assert.Contains("theta must lie in (0, 1]", badError);
    }

    /// <summary>
    /// Sharded runs take file claims too: the shards' merge is the unsharded run (timing aside), and a baseline that holds file
    /// claims compares them when their file is given (to check, or to merge), and counts them as disappeared when it is not.
    /// </summary>
    [Fact]
    public void File_claims_shard_merge_and_compare_with_a_baseline()
    {
        string[] ids = ["paper.dropout-expectation", "paper.dropblock-slide", "paper.nuclear-equals-frobenius.control", "nuclear.variational"];
        var folder = Directory.CreateTempSubdirectory("claims-shards").FullName;
        string Out(string name) => Path.Combine(folder, name);
        var (code, _, error) = CliRun.Capture(["check", .. ids, "--claims", ExamplesFile.Path, "--format", "json", "--cases", "30", "--out", Out("whole.json")]);
        Assert.True(code == 0, error);
        foreach (var k in new[] { 1, 2 })
        {
            (code, _, error) = CliRun.Capture(["check", .. ids, "--claims", ExamplesFile.Path, "--cases", "30", "--shard", $"{k}/2", "--out", Out($"shard{k}.json")]);
            Assert.True(code == 0, error);
        }
        (code, var merged, error) = CliRun.Capture("merge", Out("shard1.json"), Out("shard2.json"), "--format", "json");
        Assert.True(code == 0, error);
        Assert.Equal(Verification.Properties.Engine.ShardingTests.WithoutTiming(File.ReadAllText(Out("whole.json"))), Verification.Properties.Engine.ShardingTests.WithoutTiming(merged));

        // The baseline holds file claims: with their file they are known (not run here, so not compared), without it they disappeared.
        (code, _, error) = CliRun.Capture("check", "nuclear.variational", "--cases", "30", "--baseline", Out("whole.json"), "--claims", ExamplesFile.Path, "--format", "json");
        Assert.True(code == 0, error);
        (code, var output, _) = CliRun.Capture("check", "nuclear.variational", "--cases", "30", "--baseline", Out("whole.json"), "--format", "json");
        Assert.Equal(1, code);
        Assert.Contains("paper.dropblock-slide was refuted in the baseline and is no longer in the catalog", output);
        (code, _, error) = CliRun.Capture("merge", Out("shard1.json"), Out("shard2.json"), "--baseline", Out("whole.json"), "--claims", ExamplesFile.Path, "--format", "json");
        Assert.True(code == 0, error);
    }
}
