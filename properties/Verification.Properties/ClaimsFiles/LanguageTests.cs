using Verification.ClaimsFiles;
using Verification.ClaimsFiles.Syntax;
using Verification.Engine;
using Verification.Input;
using Verification.Properties.Snapshots;
using Xunit;

namespace Verification.Properties.ClaimsFiles;

/// <summary>
/// The expression language, feature by feature (language-claims.yaml): each identity of linear algebra written in it is
/// verified, and each deliberately wrong twin (a control) is refuted; precedence and notation are those of papers.
/// </summary>
public class LanguageTests
{
    private static readonly Lazy<IReadOnlyList<Claim<FileInstance>>> Claims =
        new(() => FileClaims.Load(Path.Combine(Snapshot.RepositoryRoot, "properties", "Verification.Properties", "ClaimsFiles", "language-claims.yaml")));

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var c in Claims.Value) data.Add(c.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_feature_reaches_its_expected_verdict(string id)
    {
        var report = Claims.Value.Single(c => c.Id == id).Run(TestSettings.Run);
        var detail = report.Counterexample?.Explanation ?? report.Error?.Explanation ?? report.Health ?? "";
        Assert.True(report.AsExpected, $"{id}: {Names.Of(report.Verdict)}, expected {Names.Of(report.Expected)}. {detail}");
    }

    private static string Shape(string expression, string declarations = "{ A: matrix m x n, B: matrix n x p, u: vector n, c: scalar }")
    {
        var yaml = $"claims:\n  - id: t.t\n    symbols: {declarations}\n    dimensions: {{ m: 1..2, n: 1..2, p: 1..2 }}\n    lhs: {expression}\n    rhs: {expression}\n";
        var model = ClaimsFile.Parse(yaml, "t.yaml")[0];
        return model.Checker.InfoOf(model.Lhs).Shape.ToString();
    }

    [Fact]
    public void Shapes_follow_the_notation_of_papers()
    {
        Assert.Equal("m×p", Shape("A * B"));
        Assert.Equal("p×m", Shape("(A * B)'"));
        Assert.Equal("n×n", Shape("diag(u)"));
        Assert.Equal("n×1", Shape("diag(A' * A)"));
        Assert.Equal("(m*n)×(n*p)", Shape("A ⊗ B"));
        Assert.Equal("a scalar", Shape("u' * u"));
        Assert.Equal("m×n", Shape("c * A / 2"));
        Assert.Equal("1×n", Shape("A[1, :]"));
        Assert.Equal("m×1", Shape("A[:, n]"));
        Assert.Equal("m×(n - 1)", Shape("A[:, 2..n]"));
        Assert.Equal("a scalar", Shape("-c^2"));
    }

    [Fact]
    public void Minus_binds_looser_than_a_power_and_products_are_left_to_right()
    {
        var minus = ExpressionParser.Parse(SourceText.Plain("-a^2"));
        Assert.IsType<PowerNode>(Assert.IsType<NegateNode>(minus).Operand);
        var product = Assert.IsType<BinaryNode>(ExpressionParser.Parse(SourceText.Plain("a * b / c")));
        Assert.Equal(BinaryOp.Divide, product.Op);
        var sum = Assert.IsType<SumNode>(ExpressionParser.Parse(SourceText.Plain("sum(i = 1..r, x)")));
        Assert.Equal("i", sum.Index);
        var norm = Assert.IsType<NormNode>(Assert.IsType<PowerNode>(ExpressionParser.Parse(SourceText.Plain("‖A‖_*²"))).Base);
        Assert.Equal(NormKind.Nuclear, norm.Kind);
        Assert.IsType<ExpectationNode>(ExpressionParser.Parse(SourceText.Plain("E[z, w](z' * w)")));
    }

    [Fact]
    public void The_dropout_kernel_and_the_exact_expectation_agree()
    {
        var model = ClaimsFile.Load(ExamplesFile.Path).Single(m => m.Id == "paper.dropout-expectation");
        var claim = FileClaims.Create(model);
        foreach (var (_, _, instance) in Runner.RandomCases(claim, new Verification.Reporting.RunSettings(40, TestSettings.Seed)))
        {
            var floating = instance with { Mode = InstanceMode.Floating, Values = instance.Values.Select(v => v with { Floating = v.Exact!.ToDouble(), Exact = null }).ToList() };
            var evaluator = new FloatEvaluator(model, floating.DimensionMap, floating.FloatingValues(), ExpectationSettings.Default);
            var kernel = evaluator.Evaluate(model.Lhs);
            Assert.Contains(evaluator.Methods, m => m.Contains("Gray-code"));
            var exact = new ExactEvaluator(model, floating.DimensionMap, floating.ExactValues()).Evaluate(model.Lhs)[0, 0].ConstantValue.ToDouble();
            Assert.True(Math.Abs(kernel[0, 0] - exact) <= kernel.ErrorAt(0, 0), $"{kernel[0, 0]} vs {exact} (bound {kernel.ErrorAt(0, 0)})");
        }
    }

    [Fact]
    public void Monte_Carlo_covers_the_exact_expectation_of_a_non_polynomial_integrand()
    {
        var yaml = """
            claims:
              - id: t.mc
                symbols: { v: vector n, theta: "scalar (0, 1]", z: bernoulli n theta }
                dimensions: { n: 1..3 }
                lhs: E[z](‖diag(z) * v‖)
                rhs: E[z](‖diag(z) * v‖)
            """;
        var model = ClaimsFile.Parse(yaml, "t.yaml")[0];
        var dims = new Dictionary<string, int> { ["n"] = 3 };
        var values = new Dictionary<string, MathNet.Numerics.LinearAlgebra.Matrix<double>>
        {
            ["v"] = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 1 }, { -2 }, { 0.5 } }),
            ["theta"] = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(1, 1, 0.75),
        };
        var enumerated = new FloatEvaluator(model, dims, values, ExpectationSettings.Default).Evaluate(model.Lhs);
        var sampled = new FloatEvaluator(model, dims, values, new ExpectationSettings(MonteCarlo: true, Samples: 20000, Seed: TestSettings.Seed)).Evaluate(model.Lhs);
        Assert.True(Math.Abs(sampled[0, 0] - enumerated[0, 0]) <= sampled.ErrorAt(0, 0) + enumerated.ErrorAt(0, 0));
        Assert.True(sampled.ErrorAt(0, 0) < 0.5, $"half-width {sampled.ErrorAt(0, 0)}");
    }

    /// <summary>Exact values reach double precision at any magnitude (converting numerator and denominator separately gave 0 for 1e-300).</summary>
    [Fact]
    public void Exact_values_convert_to_doubles_at_any_magnitude()
    {
        var tiny = Verification.Numerics.Exact.FromDouble(1e-150);
        Assert.Equal(1e-300, Doubles.Of(tiny * tiny), 1e-315);
        Assert.Equal(-3e-320, Doubles.Of(-Verification.Numerics.Exact.FromDouble(3e-320)));
        Assert.Equal(double.Epsilon, Doubles.Of(Verification.Numerics.Exact.FromDouble(double.Epsilon)));
        var huge = Verification.Numerics.Exact.FromDouble(1e200);
        Assert.Equal(double.PositiveInfinity, Doubles.Of(huge * huge));
        Assert.Equal(1.0 / 3, Doubles.Of(new Fractions.Fraction(1, 3)));
        Assert.Equal(0.0, Doubles.Of(Fractions.Fraction.Zero));
    }

    /// <summary>Past the symbolic engine's work budget, the size is evaluated exactly at a rational point instead, and the outcome says so.</summary>
    [Fact]
    public void A_claim_too_large_to_decide_symbolically_falls_back_and_says_so()
    {
        var text = File.ReadAllText(ExamplesFile.Path).Replace("dimensions: { m: 1..3, n: 1..3, r: 1..3, b: 1..3, N: 1..3 }", "dimensions: { m: 3, n: 3, r: 3, b: 3, N: 3 }");
        var model = ClaimsFile.Parse(text, "claims.yaml").Single(m => m.Id == "paper.dropblock-expectation");
        var claim = FileClaims.Create(model);
        Assert.Single(claim.Examples);
        var outcome = claim.ReplayExample(0).Outcome;
        Assert.True(outcome.Holds, outcome.Explanation);
        Assert.StartsWith("too large to decide symbolically at m=3, n=3, r=3, b=3, N=3", outcome.Explanation);
        Assert.Contains("exact rational arithmetic", outcome.Explanation);
        Assert.DoesNotContain("--max-terms", outcome.Explanation);
    }

    [Fact]
    public void Eval_reads_the_users_matrices_and_refuses_exact_on_a_floating_claim()
    {
        var claim = FileClaims.Load(ExamplesFile.Path).Single(c => c.Id == "paper.nuclear-variational");
        var outcome = claim.Evaluate(InputReader.FromJson("""{ "U": [[1, 0], [0, 1]], "V": [[2, 0], [0, 3]] }""", new EvalOptions())).Outcome;
        Assert.True(outcome.Holds, outcome.Explanation);
        Assert.Equal(5.0, outcome.Lhs.Approximate, 12);
        var refused = Assert.Throws<InputException>(() => claim.Evaluate(InputReader.FromJson("""{ "exact": true, "U": [[1]], "V": [[1]] }""", new EvalOptions())));
        Assert.Contains("evaluates in floating point", refused.Message);
        var mismatch = Assert.Throws<InputException>(() => claim.Evaluate(InputReader.FromJson("""{ "U": [[1, 0]], "V": [[2, 0, 1]] }""", new EvalOptions())));
        Assert.Contains("mismatched shapes", mismatch.Message);
    }
}
