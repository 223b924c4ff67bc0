using System.Text.Json;
using Fractions;
using FsCheck;
using FsCheck.Fluent;
using Verification.Engine;
using Outcome = Verification.Engine.Outcome;
using Verification.Numerics;
using Verification.Properties.Cli;
using Verification.Reporting;
using Verification.Symbolic.Derivations;
using Verification.Topics.Homogeneous;
using Xunit;

namespace Verification.Properties.Homogeneous;

/// <summary>The homogeneity claims: agreement with the symbolic derivation, exact against floating point, wrong variants refuted.</summary>
public class HomogeneousProperties
{
    /// <summary>
    /// The symbolic derivation homogeneous.positive-homogeneity.symbolic (φ = C·B·A·x, degree 3) evaluated at the numerical
    /// claim's first example gives the same two sides as the network evaluator, exactly.
    /// </summary>
    [Fact]
    public void The_numerical_claim_agrees_with_the_symbolic_derivation()
    {
        var example = HomogeneousClaims.SymbolicExample;
        var derivation = Derivations.Find("homogeneous.positive-homogeneity");
        Assert.True(derivation.Holds);
        var point = new Dictionary<string, Fraction> { ["alpha"] = example.Alpha };
        var names = new[] { "A", "B", "C" };
        foreach (var (layer, k) in example.Net.LinearLayers.Select((l, k) => (l, k)))
            for (var i = 0; i < layer.W.RowCount; i++)
                for (var j = 0; j < layer.W.ColumnCount; j++)
                    point[Verification.Symbolic.SymbolicMatrix.EntryName(names[k], i, j)] = layer.W[i, j];
        for (var i = 0; i < example.X.Length; i++) point[$"x{i + 1}"] = example.X[i];
        Assert.Equal(3, example.Net.Degree);
        Assert.Equal(example.Net.Scaled(example.Alpha).Evaluate(example.X)[0], derivation.Lhs.Evaluate(point));
        Assert.Equal(HomogeneousClaims.Power(example.Alpha, 3) * example.Net.Evaluate(example.X)[0], derivation.Rhs.Evaluate(point));
    }

    /// <summary>The floating-point evaluation of a piecewise-linear network agrees with the exact one within the forward pass's summation bound.</summary>
    [SeededProperty]
    public Property Floating_point_evaluation_agrees_with_the_exact_one() => Prop.ForAll(HomogeneityCases.PositivelyHomogeneous.Arbitrary, c =>
    {
        var exact = c.Net.Evaluate(c.X);
        var x = c.X.Select(v => v.ToDouble()).ToArray();
        var floating = c.Net.Evaluate(x);
        var (magnitude, chain) = c.Net.RoundingScale(x);
        var bound = 2 * Rounding.Gamma(chain + 2) * magnitude;
        var worst = exact.Zip(floating, (e, f) => Math.Abs(e.ToDouble() - f)).Max();
        return (worst <= bound).Label($"{c.Net.Describe()}: difference {worst}, bound {bound}");
    });

    [Fact]
    public void Layer_shapes_that_do_not_compose_are_argument_errors()
    {
        var w = ExactMatrix.Create(2, 3, (_, _) => Fraction.One);
        Assert.Contains("layer 1 (linear)", Assert.Throws<ArgumentException>(() => Network.Create(2, [new Linear(w)])).Message);
        Assert.Contains("window of 3", Assert.Throws<ArgumentException>(() => Network.Create(2, [new MaxPool(3, 1)])).Message);
        var a = Network.Create(3, [new Linear(w)]);
        var b = Network.Create(2, [new Linear(ExactMatrix.Create(1, 2, (_, _) => Fraction.One))]);
        Assert.Contains("do not compose", Assert.Throws<ArgumentException>(() => ParallelNetwork.Create([a, b])).Message);
    }

    private static void Refuted<T>(Claim<T> wrong)
    {
        var report = wrong.Run(TestSettings.Run);
        Assert.True(report.Verdict == Verdict.Refuted, $"{wrong.Id}: {Names.Of(report.Verdict)} ({report.Health})");
    }

    /// <summary>The degree one lower, α^{K−1}: refuted (every network has K ≥ 1, and α ≠ 1 is drawn).</summary>
    [Fact]
    public void A_wrong_degree_is_refuted() => Refuted(HomogeneousClaims.PositiveHomogeneity with
    {
        Id = "homogeneous.positive-homogeneity.wrong-degree",
        Kind = ClaimKind.Control,
        Examples = [],
        Check = c =>
        {
            var lhs = c.Net.Scaled(c.Alpha).Evaluate(c.X);
            var rhs = c.Net.Evaluate(c.X).Select(v => HomogeneousClaims.Power(c.Alpha, c.Net.Degree - 1) * v).ToArray();
            return Outcome.Decide(lhs.SequenceEqual(rhs), Value.Of(HomogeneityCases.Column(lhs)), Value.Of(HomogeneityCases.Column(rhs)), "φ(αW) = α^{K−1}φ(W) (false)", 1);
        },
    });

    /// <summary>Negative scales are outside the premise (discarded), and φ(αW) = α^Kφ(W) indeed fails for α &lt; 0 once a ReLU is in the way.</summary>
    [Fact]
    public void Negative_scales_are_outside_the_premise_and_refuted()
    {
        var example = HomogeneousClaims.SymbolicExample with { Alpha = new Fraction(-1) };
        Assert.Equal(OutcomeStatus.Discarded, HomogeneousClaims.CheckPositiveHomogeneity(example).Status);
        Refuted(HomogeneousClaims.PositiveHomogeneity with
        {
            Id = "homogeneous.positive-homogeneity.negative-alpha",
            Kind = ClaimKind.Control,
            Examples = [],
            Check = c => ExactNegative(c with { Alpha = -c.Alpha - Fraction.One }),
        });
    }

    private static Outcome ExactNegative(HomogeneityCase c)
    {
        var lhs = c.Net.Scaled(c.Alpha).Evaluate(c.X);
        var rhs = c.Net.Evaluate(c.X).Select(v => HomogeneousClaims.Power(c.Alpha, c.Net.Degree) * v).ToArray();
        return Outcome.Decide(lhs.SequenceEqual(rhs), Value.Of(HomogeneityCases.Column(lhs)), Value.Of(HomogeneityCases.Column(rhs)), "φ(αW) = α^Kφ(W) for α < 0 (false)", 1);
    }

    /// <summary>The claim's own check with the appended subnetwork's weights halved instead of zeroed: refuted.</summary>
    [Fact]
    public void A_nonzero_appended_subnetwork_is_refuted() => Refuted(HomogeneousClaims.ParallelZeroSubnetwork with
    {
        Id = "homogeneous.parallel-zero-subnetwork.halved",
        Kind = ClaimKind.Control,
        Check = c => HomogeneousClaims.CheckParallelZero(c, n => n.Scaled(new Fraction(1, 2))),
    });

    /// <summary>Appending a zero subnetwork that ends in a sigmoid changes the output by 1/2 per entry: refuted.</summary>
    [Fact]
    public void A_zero_sigmoid_subnetwork_is_refuted() => Refuted(HomogeneousClaims.ParallelZeroSubnetwork with
    {
        Id = "homogeneous.parallel-zero-subnetwork.sigmoid",
        Kind = ClaimKind.Control,
        Check = c =>
        {
            var appended = c.Appended with { Layers = [.. c.Appended.Zeroed().Layers, new Sigmoid()] };
            var before = c.Net.Evaluate(c.X.Select(v => v.ToDouble()).ToArray());
            var after = c.Net.Subnetworks.Append(appended).Select(s => s.Evaluate(c.X.Select(v => v.ToDouble()).ToArray()))
                .Aggregate((a, b) => a.Zip(b, (p, q) => p + q).ToArray());
            var difference = before.Zip(after, (p, q) => Math.Abs(p - q)).Max();
            return Outcome.Within(difference, 0, new Tolerance(1e-12, "rounding"), "appending a zero subnetwork ending in a sigmoid keeps Φ (false)");
        },
    });
}

/// <summary>`eval` for the homogeneity claims: exact outputs, and one clear line with exit code 2 for bad networks.</summary>
[Collection("Console")]
public class HomogeneousCliTests
{
    private static string Input(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Eval_gives_exact_sides_and_the_degree()
    {
        var (code, output, err) = CliRun.Capture("eval", "homogeneous.positive-homogeneity", "--input",
            Input("""{ "layers": [ { "type": "linear", "W": [[1, -1], [2, 1]] }, { "type": "relu" }, { "type": "linear", "W": [[1, 1]] } ], "x": [1, "1/2"], "alpha": "1/3" }"""));
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        // W₁x = (1/2, 5/2), ReLU keeps both, W₂: 3; α² = 1/9: both sides are [1/3].
        Assert.Equal("1/3", json.RootElement.GetProperty("lhs")[0][0].GetString());
        Assert.Equal("1/3", json.RootElement.GetProperty("rhs")[0][0].GetString());
        Assert.Equal(2, json.RootElement.GetProperty("degree").GetInt64());
    }

    [Fact]
    public void Eval_of_the_sigmoid_control_shows_the_counterexample()
    {
        var (code, output, _) = CliRun.Capture("eval", "homogeneous.sigmoid.control", "--input",
            Input("""{ "layers": [ { "type": "linear", "W": [[0]] }, { "type": "sigmoid" } ], "x": [0], "alpha": 0 }"""));
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0.5, json.RootElement.GetProperty("lhs")[0][0].GetDouble());
        Assert.Equal(0.0, json.RootElement.GetProperty("rhs")[0][0].GetDouble());
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "homogeneous.positive-homogeneity", """{ "layers": [ { "type": "linear", "W": [[1, 2, 3]] } ], "x": [1, 2] }""", "layer 1 (linear)" },
        { "homogeneous.positive-homogeneity", """{ "layers": [ { "type": "linear", "W": [[1, 2]] }, { "type": "linear", "W": [[1, 2]] } ], "x": [1, 2] }""", "layer 2 (linear)" },
        { "homogeneous.positive-homogeneity", """{ "layers": [ { "type": "max-pool", "window": 3 } ], "x": [1, 2] }""", "window of 3" },
        { "homogeneous.positive-homogeneity", """{ "layers": [ { "type": "conv" } ], "x": [1] }""", "unknown layer type \"conv\"" },
        { "homogeneous.positive-homogeneity", """{ "layers": [ { "type": "linear" } ], "x": [1] }""", "layers[0]: missing key \"W\"" },
        { "homogeneous.positive-homogeneity", """{ "layers": [ { "type": "linear", "W": [[1]] } ], "x": [1], "alpha": -1 }""", "alpha must be ≥ 0" },
        { "homogeneous.positive-homogeneity", """{ "layers": [ { "type": "linear", "W": [[1]] }, { "type": "sigmoid" } ], "x": [1] }""", "premise" },
        { "homogeneous.parallel-zero-subnetwork", """{ "subnetworks": [ { "layers": [ { "type": "linear", "W": [[1, 1]] } ] }, { "layers": [ { "type": "linear", "W": [[1, 1], [1, 1]] } ] } ], "x": [1, 1] }""", "do not compose" },
        { "homogeneous.parallel-zero-subnetwork", """{ "subnetworks": [ { "layers": [ { "type": "linear", "W": [[1, 1]] } ] } ], "x": [1, 1], "zero": { "layers": [ { "type": "relu" } ] } }""", "at least one linear layer" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_networks_get_one_clear_line_and_exit_code_2(string id, string json, string message)
    {
        var (code, output, err) = CliRun.Capture("eval", id, "--input", Input(json));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }
}
