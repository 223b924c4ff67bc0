using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.DropConnect;
using Xunit;

namespace Verification.Properties.DropConnect;

/// <summary>
/// DropConnect's objective on small hand instances: the expectation over every entry mask, summed mask by mask from the
/// definition, equals ‖Y − UVᵀX‖² + (1/θ − 1)·regularizer for both layers, exactly and in floating point; the regularizers'
/// hand values; the loss bound; the shape and θ refusals.
/// </summary>
public class DropConnectObjectiveTests
{
    private static Matrix<double> D(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    // m = 2, r = 2, n = 2, N = 3.
    private static readonly DropConnectCase WithData = new(
        D(new double[,] { { 1, -2, 0.5 }, { 3, 0, -1 } }),
        D(new double[,] { { 1, 2 }, { -1, 0.5 } }),
        D(new double[,] { { 0.5, -1 }, { 2, 1 } }),
        D(new double[,] { { 1, 0, 2 }, { -1, 3, 1 } }),
        0.5);

    private static readonly DropConnectCase WithoutData = new(
        D(new double[,] { { 1, -2 }, { 3, 0 } }),
        D(new double[,] { { 1, 2 }, { -1, 0.5 } }),
        D(new double[,] { { 0.5, -1 }, { 2, 1 } }),
        null,
        0.75);

    /// <summary>Σ over all 2^(entries) masks of P(mask)·loss(mask), with the loss rebuilt from the definition.</summary>
    private static double ByDefinition(DropConnectCase c, Layer layer)
    {
        var shape = layer == Layer.Output ? c.U : c.V;
        int rows = shape.RowCount, columns = shape.ColumnCount, entries = rows * columns;
        var sum = 0.0;
        for (var bits = 0; bits < 1 << entries; bits++)
        {
            var mask = Matrix<double>.Build.Dense(rows, columns, (i, j) => (bits >> (i * columns + j) & 1) == 1 ? 1 : 0);
            var kept = System.Numerics.BitOperations.PopCount((uint)bits);
            sum += Math.Pow(c.Theta, kept) * Math.Pow(1 - c.Theta, entries - kept) * DropConnectObjective.StochasticLoss(c, layer, mask);
        }
        return sum;
    }

    [Theory]
    [InlineData(true, Layer.Output)]
    [InlineData(true, Layer.Input)]
    [InlineData(false, Layer.Output)]
    [InlineData(false, Layer.Input)]
    public void The_expectation_over_every_mask_is_the_closed_form(bool withData, Layer layer)
    {
        var c = withData ? WithData : WithoutData;
        var definition = ByDefinition(c, layer);
        var closed = DropConnectObjective.ClosedForm(c, layer, 1 / c.Theta - 1);
        Assert.True(Math.Abs(definition - closed) <= 1e-12 * definition, $"{definition:R} vs {closed:R}");
        var e = c.ToExact();
        var exact = ExactMaskEnumeration.ExpectationByComponents(DropConnectObjective.Contributions(e, layer), e.Theta);
        Assert.Equal(exact, DropConnectObjective.ClosedForm(e, layer, 1 / e.Theta - 1));
        Assert.True(Math.Abs(exact.ToDouble() - definition) <= 1e-12 * definition);
        var floating = GrayCodeEnumeration.ExpectationByComponents(DropConnectObjective.Terms(c, layer), c.Theta);
        Assert.True(Math.Abs(floating - definition) <= 1e-12 * definition, $"{floating:R} vs {definition:R}");
        // With data the two layers' regularizers differ (154 and 317/2), so a closed form with the other layer's is wrong;
        // without data (X = I) they coincide (17, see below).
        var other = layer == Layer.Output ? Layer.Input : Layer.Output;
        Assert.Equal(!withData, exact == DropConnectObjective.ClosedForm(e, other, 1 / e.Theta - 1));
    }

    [Fact]
    public void The_regularizers_take_their_hand_values()
    {
        // Without X: W = V. Output layer Σ_j ‖u_j‖²‖v_j‖² = 2·4.25 + 4.25·2 = 17.
        // Input layer Σ_j ‖u_j‖² Σ_k V_kj² ‖x_k‖² with X = I: the same 17.
        Assert.Equal(17, DropConnectObjective.Regularizer(WithoutData, Layer.Output), 12);
        Assert.Equal(17, DropConnectObjective.Regularizer(WithoutData, Layer.Input), 12);
        // With X: w_j = Xᵀv_j: w_1 = (−1.5, 6, 3) (‖·‖² = 47.25), w_2 = (−2, 3, −1) (14); ‖x_1‖² = 5, ‖x_2‖² = 11.
        // Output: 2·47.25 + 4.25·14 = 154; input: 2·(0.25·5 + 4·11) + 4.25·(1·5 + 1·11) = 90.5 + 68 = 158.5.
        Assert.Equal(154, DropConnectObjective.Regularizer(WithData, Layer.Output), 12);
        Assert.Equal(158.5, DropConnectObjective.Regularizer(WithData, Layer.Input), 12);
        var e = WithData.ToExact();
        Assert.Equal(new Fraction(154), DropConnectObjective.Regularizer(e, Layer.Output));
        Assert.Equal(new Fraction(317, 2), DropConnectObjective.Regularizer(e, Layer.Input));
        Assert.Equal(new Fraction(17), DropConnectObjective.Regularizer(WithoutData.ToExact(), Layer.Input));
    }

    [Fact]
    public void The_loss_bound_bounds_every_masks_loss_and_takes_its_hand_value()
    {
        foreach (var c in new[] { WithData, WithoutData })
            foreach (var layer in new[] { Layer.Output, Layer.Input })
            {
                var bound = DropConnectObjective.LossBound(c);
                var shape = layer == Layer.Output ? c.U : c.V;
                for (var bits = 0; bits < 1 << shape.RowCount * shape.ColumnCount; bits++)
                {
                    var mask = Matrix<double>.Build.Dense(shape.RowCount, shape.ColumnCount, (i, j) => (bits >> (i * shape.ColumnCount + j) & 1) == 1 ? 1 : 0);
                    Assert.True(DropConnectObjective.StochasticLoss(c, layer, mask) <= bound);
                }
            }
        // |U||V|ᵀ = [[2.5, 4], [1, 2.5]]; divided by θ = 3/4 and added to |Y| = [[1, 2], [3, 0]]: squares sum to
        // (1 + 10/3)² + (2 + 16/3)² + (3 + 4/3)² + (10/3)².
        var expected = Math.Pow(1 + 10.0 / 3, 2) + Math.Pow(2 + 16.0 / 3, 2) + Math.Pow(3 + 4.0 / 3, 2) + Math.Pow(10.0 / 3, 2);
        Assert.Equal(expected, DropConnectObjective.LossBound(WithoutData), 12);
    }

    [Fact]
    public void A_full_mask_at_theta_one_is_the_plain_loss()
    {
        var c = WithData with { Theta = 1 };
        var plain = Norms.FrobeniusSquared(c.Y - c.U * c.V.Transpose() * c.X);
        foreach (var layer in new[] { Layer.Output, Layer.Input })
        {
            Assert.Equal(plain, DropConnectObjective.StochasticLoss(c, layer, Matrix<double>.Build.Dense(2, 2, 1)), 12);
            Assert.Equal(plain, DropConnectObjective.ClosedForm(c, layer, 0), 12);
        }
        // An empty mask drops the whole product: the loss is ‖Y‖².
        Assert.Equal(Norms.FrobeniusSquared(c.Y), DropConnectObjective.StochasticLoss(c, Layer.Input, Matrix<double>.Build.Dense(2, 2)), 12);
    }

    private static void Same(ExactMatrix expected, ExactMatrix actual)
    {
        Assert.Equal((expected.RowCount, expected.ColumnCount), (actual.RowCount, actual.ColumnCount));
        for (var i = 0; i < expected.RowCount; i++)
            for (var j = 0; j < expected.ColumnCount; j++) Assert.Equal(expected[i, j], actual[i, j]);
    }

    [Fact]
    public void Units_place_each_masked_entry_as_one_rank_one_contribution()
    {
        // Output layer: unit (i, j) is U_ij e_i w_jᵀ; input layer: unit (k, j) is V_kj u_j x_kᵀ. Summed, both give UWᵀ.
        foreach (var layer in new[] { Layer.Output, Layer.Input })
        {
            var (u, w) = DropConnectObjective.Units(WithData, layer);
            Assert.Equal(4, u.ColumnCount);
            var product = WithData.U * WithData.W.Transpose();
            Assert.True((u * w.Transpose() - product).FrobeniusNorm() <= 1e-12 * product.FrobeniusNorm());
            var (eu, ew) = DropConnectObjective.Units(WithData.ToExact(), layer);
            Same(ExactMatrix.FromDoubles(u), eu);
            Same(ExactMatrix.FromDoubles(w), ew);
        }
        var (ou, ow) = DropConnectObjective.Units(WithData, Layer.Output);
        // Unit (1, 0) (column 1·2 + 0 = 2) lives in row 1 only.
        Assert.Equal(new[] { 0.0, -1.0 }, ou.Column(2).ToArray());
        Assert.Equal(WithData.W.Column(0).ToArray(), ow.Column(2).ToArray());
        var (iu, iw) = DropConnectObjective.Units(WithData, Layer.Input);
        // Unit (1, 0): V_10 u_0 = 2·(1, −1), with x_1 = (−1, 3, 1).
        Assert.Equal(new[] { 2.0, -2.0 }, iu.Column(2).ToArray());
        Assert.Equal(new[] { -1.0, 3.0, 1.0 }, iw.Column(2).ToArray());
    }

    [Fact]
    public void Shapes_and_theta_are_checked()
    {
        var (y, u, v, x) = (WithData.Y, WithData.U, WithData.V, WithData.X);
        string Refusal(Matrix<double> yy, Matrix<double> uu, Matrix<double> vv, Matrix<double>? xx, double theta) =>
            Assert.Throws<ArgumentException>(() => DropConnectCase.Create(yy, uu, vv, xx, theta)).Message;
        Assert.Equal("mismatched shapes: U has 2 rows but Y has 1", Refusal(y.SubMatrix(0, 1, 0, 3), u, v, x, 0.5));
        Assert.Equal("mismatched shapes: U has 1 columns but V has 2", Refusal(y, u.SubMatrix(0, 2, 0, 1), v, x, 0.5));
        Assert.Equal("mismatched shapes: X has 2 rows but V has 1", Refusal(y, u, v.SubMatrix(0, 1, 0, 2), x, 0.5));
        Assert.Equal("mismatched shapes: X has 2 columns but Y has 3", Refusal(y, u, v, x!.SubMatrix(0, 2, 0, 2), 0.5));
        Assert.Equal("mismatched shapes: V has 2 rows but Y has 3 columns (without X, Y must be m×n)", Refusal(y, u, v, null, 0.5));
        foreach (var theta in new[] { 0.0, -0.5, 1.5, double.NaN })
            Assert.Equal($"theta must lie in (0,1], got {theta}", Refusal(y, u, v, x, theta));
        Assert.Equal(1.0, DropConnectCase.Create(y, u, v, x, 1).Theta);
        var e = WithData.ToExact();
        Assert.Equal("theta must lie in (0,1], got 0", Assert.Throws<ArgumentException>(() => ExactDropConnectCase.Create(e.Y, e.U, e.V, e.X, Fraction.Zero)).Message);
        Assert.Equal("theta must lie in (0,1], got 3/2", Assert.Throws<ArgumentException>(() => ExactDropConnectCase.Create(e.Y, e.U, e.V, e.X, new Fraction(3, 2))).Message);
        Assert.Equal(Fraction.One, ExactDropConnectCase.Create(e.Y, e.U, e.V, e.X, Fraction.One).Theta);
        Assert.Throws<ArgumentException>(() => ExactDropConnectCase.Create(e.Y, e.U, e.V, null, Fraction.One));
    }

    [Fact]
    public void Exact_and_floating_twins_agree()
    {
        var e = WithoutData.ToExact();
        Assert.Equal(new Fraction(3, 4), e.Theta);
        Assert.Null(e.X);
        Same(ExactMatrix.FromDoubles(WithoutData.V), e.W);
        Same(ExactMatrix.FromDoubles(Matrix<double>.Build.DenseIdentity(2)), e.Data);
        Same(ExactMatrix.FromDoubles(WithData.X!.TransposeThisAndMultiply(WithData.V)), WithData.ToExact().W);
        var back = e.ToDoubles();
        Assert.Same(e, back.ToExact());
        Assert.Equal((2, 0.75, 1.0 / 3), (back.Width, back.Theta, back.Lambda));
        Assert.Equal(2, e.Width);
    }
}
