using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Input;
using Verification.Reporting;
using Verification.Topics.Dropout;
using Verification.LinearAlgebra;
using Verification.Properties.Snapshots;
using Xunit;

namespace Verification.Properties.Dropout;

/// <summary>dropout.variable-rate (and as-stated), dropout.variable-rate-minimizer, dropout.fixed-width-minimizer (and as-stated).</summary>
public class DropoutMinimizerProperties
{
    [Fact]
    public void Worked_example_diag_3_2_1_lambda_1_r_2_gives_7_25()
    {
        var s = Thresholding.FixedWidth(Matrix<double>.Build.DenseOfDiagonalArray([3.0, 2.0, 1.0]), 1, 2);
        Assert.Equal(2, s.Rho);
        Assert.Equal(1.25, s.Tau, 14);
        Assert.Equal(7.25, s.Value, 13);
        var expected = Matrix<double>.Build.DenseOfDiagonalArray([1.75, 0.75, 0.0]);
        Assert.True((s.Minimizer - expected).FrobeniusNorm() < 1e-14, s.Minimizer.ToString());
    }

    [Fact]
    public void Eval_of_the_worked_example_file_gives_value_7_25_and_the_thresholded_matrix()
    {
        var json = File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot, "examples", "dropout-fixed-width-minimizer.json"));
        var outcome = Verification.Catalog.Find("dropout.fixed-width-minimizer").Evaluate(InputReader.FromJson(json, new EvalOptions())).Outcome;
        Assert.True(outcome.Holds, outcome.Explanation);
        Assert.Equal(7.25, ((ScalarValue)outcome.Details.Single(d => d.Name == "value").Value).Value, 13);
        var x = (MatrixValue)outcome.Details.Single(d => d.Name == "X").Value;
        double[][] expected = [[1.75, 0, 0], [0, 0.75, 0], [0, 0, 0]];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) Assert.Equal(expected[i][j], x.Rows[i][j], 14);
        Assert.Equal(2L, ((IntegerValue)outcome.Details.Single(d => d.Name == "rho").Value).Value);
        Assert.Equal(1.25, ((ScalarValue)outcome.Details.Single(d => d.Name == "tau").Value).Value, 14);
    }

    /// <summary>
    /// Independent of the claim's code path: f written out entrywise at the constructed factors equals the closed-form value,
    /// and L-BFGS from random starts reaches that value (to 1e-6 relative) without going below it.
    /// </summary>
    [SeededProperty(4)]
    public Property Closed_form_value_agrees_with_direct_evaluation_and_local_descent() =>
        Prop.ForAll(ShrinkageCases.FixedWidth.Arbitrary, c =>
        {
            var s = Thresholding.FixedWidth(c.Y, c.Lambda, c.Width);
            var f = Minimizers.OptimalFactors(c.Y, c.Lambda, c.Width);
            double direct = 0;
            for (var i = 0; i < c.Y.RowCount; i++)
                for (var j = 0; j < c.Y.ColumnCount; j++)
                {
                    var p = 0.0;
                    for (var k = 0; k < c.Width; k++) p += f.U[i, k] * f.V[j, k];
                    direct += (c.Y[i, j] - p) * (c.Y[i, j] - p);
                }
            for (var k = 0; k < c.Width; k++)
            {
                double a = 0, b = 0;
                for (var i = 0; i < c.Y.RowCount; i++) a += f.U[i, k] * f.U[i, k];
                for (var j = 0; j < c.Y.ColumnCount; j++) b += f.V[j, k] * f.V[j, k];
                direct += c.Lambda * a * b;
            }
            var descent = Minimizers.LocalDescent(c.Y, c.Lambda, c.Width, 4, c.Seed);
            var scale = 1 + Norms.FrobeniusSquared(c.Y);
            return (Math.Abs(direct - s.Value) <= 1e-11 * scale).Label($"direct f = {direct:R} vs closed form {s.Value:R}")
                .And((descent.LowestValue >= s.Value - 1e-11 * scale).Label($"descent went below: {descent.LowestValue:R} < {s.Value:R}"))
                .And((descent.LowestValue <= s.Value + 1e-6 * scale).Label($"descent did not reach the minimum: {descent.LowestValue:R} vs {s.Value:R}"));
        });

    /// <summary>THEORY.md's S_τ(Y) thresholds every singular value; at width r = 1 the minimizer of Y = I₂, λ = 1 keeps only one.</summary>
    [Fact]
    public void Full_thresholding_differs_from_the_minimizer_when_the_width_cap_binds()
    {
        var y = Matrix<double>.Build.DenseIdentity(2);
        var s = Thresholding.FixedWidth(y, 1, 1);
        Assert.Equal(0.5, s.Tau, 15);
        Assert.Equal(1.5, s.Value, 14);
        var full = Thresholding.Svt(y, s.Tau);
        Assert.Equal(2, full.Rank());
        Assert.Equal(1, s.Minimizer.Rank());
    }

    [Theory]
    [InlineData("{\"Y\": [[1]], \"lambda\": 1}", "missing key \"r\"")]
    [InlineData("{\"Y\": [[1]], \"lambda\": -1, \"r\": 1}", "lambda must be ≥ 0")]
    [InlineData("{\"Y\": [[1]], \"lambda\": 1, \"theta\": 0.5, \"r\": 1}", "exactly one of")]
    [InlineData("{\"Y\": [[1]], \"theta\": 0, \"r\": 1}", "theta must lie in (0,1]")]
    [InlineData("{\"Y\": [[1]], \"lambda\": 1, \"r\": 0}", "r must be at least 1")]
    public void Eval_rejects_bad_minimizer_input(string json, string message)
    {
        var e = Assert.Throws<InputException>(() => DropoutClaims.FixedWidthMinimizer.Evaluate(InputReader.FromJson(json, new EvalOptions())));
        Assert.Contains(message, e.Message);
    }
}
