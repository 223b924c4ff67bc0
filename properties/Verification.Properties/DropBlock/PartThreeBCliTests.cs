using System.Text.Json;
using Verification.Properties.Cli;
using Xunit;

namespace Verification.Properties.DropBlock;

/// <summary>`eval` and `plot` on Part III-b: the errata's counterexamples reproduce, bad input is one line and exit 2.</summary>
[Collection("Console")]
public class PartThreeBCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Capture(args);

    private static string Input(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Example(string name) => Path.Combine(Snapshots.Snapshot.RepositoryRoot, "examples", name);

    [Theory]
    [InlineData("dropblock.expectation.as-stated", "dropblock-expectation-as-stated.json", "0", "1")]
    [InlineData("dropblock.expectation.as-stated", "dropblock-expectation-as-stated-with-data.json", "4", "1")]
    [InlineData("rsupport.formula.as-stated", "rsupport-formula-as-stated.json", "1", "4")]
    [InlineData("dropblock.regularizer-equality", "dropblock-regularizer-equality.json", "5/2", "9/4")]
    [InlineData("dropblock.minimizer", "dropblock-minimizer.json", "4/3", "9/7")]
    [InlineData("dropconnect.equals-dropout.as-stated", "dropconnect-equals-dropout.json", "6", "8")]
    public void Eval_reproduces_the_errata_counterexamples(string id, string file, string lhs, string rhs)
    {
        var (code, output, err) = Run("eval", id, "--input", Example(file));
        Assert.True(code == 1, err);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("fails", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(lhs, Text(json.RootElement.GetProperty("lhs")));
        Assert.Equal(rhs, Text(json.RootElement.GetProperty("rhs")));
    }

    /// <summary>The theorem claims' sample inputs with every entry of the matrices and vectors as a placeholder {x}.</summary>
    private static readonly Dictionary<string, Func<Func<double, string>, string>> Scalable = new()
    {
        ["dropblock.expectation"] = x => $"{{\"Y\": [[{x(1)}, 0], [0, {x(2)}]], \"U\": [[{x(1)}, {x(0.5)}, 0, {x(1)}], [0, {x(1)}, {x(1)}, 0]], \"V\": [[{x(1)}, 0, {x(0.5)}, 0], [{x(0.5)}, {x(1)}, 0, {x(1)}]], \"b\": 2, \"theta\": 0.5}}",
        ["ksupport.closed-form"] = x => $"{{\"w\": [{x(1)}, {x(1)}, {x(1)}], \"k\": 2}}",
        ["ksupport.prox"] = x => $"{{\"y\": [{x(3)}, {x(1)}, {x(1)}], \"k\": 2, \"mu\": 0.5}}",
        ["dropblock.regularizer-bound"] = x => $"{{\"U\": [[{x(1)}, 0, 0, 0], [0, {x(1)}, {x(1)}, 0], [0, 0, 0, {x(1)}]], \"V\": [[{x(1)}, 0, 0, 0], [0, {x(0.5)}, {x(0.5)}, 0], [0, 0, 0, {x(1)}]], \"b\": 2}}",
        ["dropblock.variable-rate"] = x => $"{{\"M\": [[{x(1)}, 0, 0], [0, {x(1)}, 0], [0, 0, {x(1)}]], \"b\": 2, \"theta1\": 0.5}}",
        ["dropblock.minimizer.even-split"] = x => $"{{\"Y\": [[{x(2)}, 0, 0], [0, {x(1)}, 0], [0, 0, {x(1)}]], \"lambda\": 1, \"r\": 2, \"b\": 2}}",
        ["dropblock.balanced-blocks"] = x => $"{{\"Y\": [[{x(2)}, 0, 0], [0, {x(1)}, 0], [0, 0, {x(1)}]], \"lambda\": 1, \"r\": 2, \"b\": 2}}",
        ["dropconnect.output-layer"] = x => $"{{\"Y\": [[{x(1)}, 0, {x(1)}]], \"U\": [[{x(1)}, {x(0.5)}]], \"V\": [[{x(1)}, 0], [{x(0.5)}, {x(1)}]], \"X\": [[{x(1)}, 0, {x(2)}], [0, {x(1)}, {x(1)}]], \"theta\": 0.5}}",
        ["dropconnect.input-layer"] = x => $"{{\"Y\": [[{x(1)}, 0, {x(1)}]], \"U\": [[{x(1)}, {x(0.5)}]], \"V\": [[{x(1)}, 0], [{x(0.5)}, {x(1)}]], \"X\": [[{x(1)}, 0, {x(2)}], [0, {x(1)}, {x(1)}]], \"theta\": 0.5}}",
    };

    public static TheoryData<string, double> ScaledTheorems()
    {
        var data = new TheoryData<string, double>();
        foreach (var id in Scalable.Keys)
            foreach (var scale in new[] { 1.0, 1e-150, 1e150, 1e200, 1e-300 })
                data.Add(id, scale);
        return data;
    }

    /// <summary>
    /// A theorem never fails because of magnitude: on its sample input scaled by 1e±150, 1e200 and 1e-300, `eval` holds (0), refuses
    /// the input with one line (2: outside the moderate range, or floating point overflowed) or is inconclusive (4), never "holds": false.
    /// </summary>
    [Theory]
    [MemberData(nameof(ScaledTheorems))]
    public void A_theorem_never_fails_because_of_magnitude(string id, double scale)
    {
        var json = Scalable[id](v => (v * scale).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        var (code, output, err) = Run("eval", id, "--input", Input(json));
        Assert.True(code is 0 or 2 or 4, $"{id} ×{scale}: exit {code}; {err}{output}");
        Assert.DoesNotContain("\"holds\": false", output);
        Assert.DoesNotContain("   at ", err);
        if (scale == 1.0) Assert.Equal(0, code);
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    [Fact]
    public void Eval_of_the_worked_k_support_example_gives_4_5()
    {
        var (code, output, _) = Run("eval", "ksupport.closed-form", "--input", Example("ksupport-closed-form.json"));
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(4.5, json.RootElement.GetProperty("squared").GetDouble(), 14);
    }

    [Fact]
    public void Eval_exact_DropBlock_expectation_with_data_gives_equal_fractions()
    {
        var (code, output, err) = Run("eval", "dropblock.expectation", "--input", Example("dropblock-expectation.json"));
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(json.RootElement.GetProperty("lhs").GetString(), json.RootElement.GetProperty("rhs").GetString());
        Assert.Equal("0", json.RootElement.GetProperty("residual").GetString());
    }

    [Fact]
    public void Eval_monte_carlo_on_DropBlock_reports_an_interval()
    {
        var (code, output, _) = Run("eval", "dropblock.expectation", "--input", Input(Scalable["dropblock.expectation"](v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))), "--monte-carlo", "--samples", "20000");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("lower").GetDouble() < json.RootElement.GetProperty("upper").GetDouble());
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "dropblock.expectation", """{ "Y": [[1]], "U": [[1, 2, 3]], "V": [[1, 2, 3]], "b": 2, "theta": 0.5 }""", "does not divide the width" },
        { "dropblock.expectation", """{ "Y": [[1]], "U": [[1, 2]], "V": [[1, 2, 3, 4]], "b": 2, "theta": 0.5 }""", "mismatched shapes" },
        { "dropblock.expectation", """{ "Y": [[1]], "U": [[1, 2]], "V": [[1, 2]], "X": [[1, 0]], "b": 2, "theta": 0.5 }""", "mismatched shapes" },
        { "dropblock.expectation", """{ "Y": [[1]], "U": [[1, 2]], "V": [[1, 2]], "b": 0, "theta": 0.5 }""", "block size b must be at least 1" },
        { "dropblock.expectation", """{ "Y": [[1]], "U": [[1, 2]], "V": [[1, 2]], "b": 2, "theta": 0.5, "masks": "units" }""", "\"masks\"" },
        { "dropblock.expectation", """{ "Y": [[1]], "U": [[1, 2]], "V": [[1, 2]], "b": 2, "theta": [0.5] }""", "theta must be a number" },
        { "dropblock.regularizer-bound", """{ "U": [[1, 2, 3]], "V": [[1, 2, 3]], "b": 2 }""", "does not divide the width" },
        { "ksupport.closed-form", """{ "w": [1, 2, 3], "k": 4 }""", "k must lie in 1..3" },
        { "ksupport.closed-form", """{ "w": [1, 2, 3], "k": 0 }""", "k must lie in 1..3" },
        { "ksupport.closed-form", """{ "w": [[1, 2, 3]], "k": 1 }""", "flat array" },
        { "ksupport.closed-form", """{ "w": [1, 2], "X": [[1]], "k": 1 }""", "exactly one of" },
        { "ksupport.prox", """{ "y": [1, 2, 3], "k": 2, "mu": -1 }""", "mu must be ≥ 0" },
        { "ksupport.prox", """{ "y": [1, 2, 3], "k": 5, "mu": 1 }""", "k must lie in 1..3" },
        { "rsupport.formula.as-stated", """{ "X": [[1, 0], [0, 1]], "r": 0 }""", "r must be at least 1" },
        { "dropblock.minimizer", """{ "Y": [[1]], "lambda": -1, "r": 2, "b": 2 }""", "lambda must be ≥ 0" },
        { "dropblock.minimizer", """{ "Y": [[1]], "lambda": 1, "r": 2, "b": 2, "masks": "units" }""", "\"masks\"" },
        { "dropblock.variable-rate", """{ "M": [[1]], "b": 0, "theta1": 0.5 }""", "block size b must be at least 1" },
        { "dropblock.regularizer-equality", """{ "M": [[1]], "b": 1, "r": 0 }""", "r must be at least 1" },
        { "dropconnect.input-layer", """{ "Y": [[1]], "U": [[1]], "V": [[1]], "theta": 0.5, "masks": "U" }""", "dropconnect.output-layer" },
        { "dropconnect.output-layer", """{ "Y": [[1]], "U": [[1]], "V": [[1]], "theta": 0.5, "masks": "V" }""", "dropconnect.input-layer" },
        { "dropconnect.output-layer", """{ "Y": [[1]], "U": [[1, 2]], "V": [[1]], "theta": 0.5 }""", "mismatched shapes" },
        { "ksupport.closed-form", """{ "w": [1e200, 1, 1], "k": 2 }""", "homogeneous" },
        { "dropblock.minimizer", """{ "Y": [[1e-300]], "lambda": 1, "r": 1, "b": 1 }""", "homogeneous" },
        { "ksupport.closed-form", """{ "exact": true, "w": [1, 1, 1], "k": 2 }""", "drop \"exact\": true" },
        { "ksupport.prox", """{ "y": [3, 1, 1], "k": 2, "mu": 1e308 }""", "cancel μ" },
        { "dropblock.minimizer.even-split", """{ "Y": [[2, 0, 0], [0, 1, 0], [0, 0, 1]], "lambda": 1e308, "r": 2, "b": 2 }""", "cancel μ" },
        { "dropblock.balanced-blocks", """{ "Y": [[2, 0, 0], [0, 1, 0], [0, 0, 1]], "lambda": 1e308, "r": 2, "b": 2 }""", "cancel μ" },
    };

    [Fact]
    public void A_DropBlock_Monte_Carlo_estimate_beyond_the_work_budget_is_refused_before_it_starts()
    {
        var (code, output, err) = Run("eval", "dropblock.expectation", "--input", Input(Scalable["dropblock.expectation"](v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))), "--monte-carlo", "--max-work", "10");
        Assert.True(code == 2, $"exit {code}: {err}{output}");
        Assert.Contains("--max-work", err);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gets_one_clear_line_and_exit_code_2(string id, string json, string message)
    {
        var (code, output, err) = Run("eval", id, "--input", Input(json));
        Assert.True(code == 2, $"exit {code}: {err}{output}");
        Assert.Equal("", output);
        Assert.Contains(message, err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", err);
    }

    [Theory]
    [InlineData("ksupport.closed-form")]
    [InlineData("dropblock.minimizer")]
    public void The_figures_are_drawn_as_PNG(string id)
    {
        var path = Path.Combine(Path.GetTempPath(), $"figure-{Guid.NewGuid():N}.png");
        Assert.Equal(0, Run("plot", id, "--out", path).Code);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
    }
}
