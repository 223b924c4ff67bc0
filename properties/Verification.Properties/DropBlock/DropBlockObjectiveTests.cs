using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Topics.DropBlock;
using Xunit;

namespace Verification.Properties.DropBlock;

/// <summary>
/// DropBlock's objective on small hand instances: the expectation over every block mask, summed from the definition,
/// equals ‖Y − UVᵀX‖² + (1/θ − 1)Σ_g‖U_gV_gᵀX‖² (exactly and in floating point), and differs from the slide's
/// Σ_g‖U_g‖²‖V_g‖²; the regularizers and block norms by hand; the loss bound; the block and shape refusals.
/// </summary>
public class DropBlockObjectiveTests
{
    private static Matrix<double> D(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    // m = 2, d = 4 (r = 2 blocks of b = 2), n = 2, no data.
    private static readonly DropBlockCase Plain = new(
        D(new double[,] { { 1, -1 }, { 2, 0.5 } }),
        D(new double[,] { { 1, 0, 2, -1 }, { 0, 1, 1, 1 } }),
        D(new double[,] { { 1, 1, 0, 1 }, { -1, 0, 1, 2 } }),
        null, 2, 0.5);

    // The same factors with data X (n = 2, N = 3).
    private static readonly DropBlockCase WithData = Plain with
    {
        Y = D(new double[,] { { 1, 0, -2 }, { 0.5, 1, 1 } }),
        X = D(new double[,] { { 1, 2, 0 }, { 0, -1, 1 } }),
        Theta = 0.75,
    };

    private static double ByDefinition(DropBlockCase c)
    {
        var sum = 0.0;
        for (var bits = 0; bits < 1 << c.Blocks; bits++)
        {
            var mask = Enumerable.Range(0, c.Blocks).Select(g => (bits >> g & 1) == 1).ToArray();
            var kept = mask.Count(k => k);
            sum += Math.Pow(c.Theta, kept) * Math.Pow(1 - c.Theta, c.Blocks - kept) * DropBlockObjective.StochasticLoss(c, mask);
        }
        return sum;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_expectation_over_every_block_mask_is_the_closed_form(bool withData)
    {
        var c = withData ? WithData : Plain;
        var definition = ByDefinition(c);
        Assert.Equal(definition, DropBlockObjective.ClosedForm(c, c.Lambda), 1e-12 * definition);
        var e = c.ToExact();
        var exact = ExactMaskEnumeration.Expectation(DropBlockObjective.Contributions(e), e.Theta);
        Assert.Equal(exact, DropBlockObjective.ClosedForm(e, (Fraction.One - e.Theta) / e.Theta));
        Assert.Equal(definition, exact.ToDoubleAnyScale(), 1e-12 * definition);
        Assert.Equal(definition, GrayCodeEnumeration.Expectation(DropBlockObjective.Terms(c), c.Theta), 1e-12 * definition);
    }

    [Fact]
    public void The_regularizers_and_block_norms_take_their_hand_values()
    {
        // Block 0: U₀ = I, V₀ = [[1, 1], [−1, 0]]: U₀V₀ᵀ = [[1, −1], [1, 0]], ‖·‖² = 3; ‖U₀‖² = 2, ‖V₀‖² = 3.
        // Block 1: U₁ = [[2, −1], [1, 1]], V₁ = [[0, 1], [1, 2]]: U₁V₁ᵀ = [[−1, 0], [1, 3]], ‖·‖² = 11; ‖U₁‖² = 7, ‖V₁‖² = 6.
        Assert.Equal(3.0 + 11, DropBlockObjective.Regularizer(Plain.U, Plain.V, 2), 12);
        Assert.Equal(new[] { Math.Sqrt(3), Math.Sqrt(11) }, DropBlockObjective.BlockNorms(Plain.U, Plain.V, 2));
        Assert.Equal(2.0 * 3 + 7 * 6, DropBlockObjective.SlideRegularizer(Plain.U, Plain.V, 2), 12);
        var e = Plain.ToExact();
        Assert.Equal(new Fraction(14), DropBlockObjective.Regularizer(e.U, e.V, 2));
        Assert.Equal(new Fraction(48), DropBlockObjective.SlideRegularizer(e.U, e.V, 2));
        // b = 1 is dropout: Σ_k ‖u_k‖²‖v_k‖² = 1·2 + 1·1 + 5·1 + 2·5 = 18, and the two regularizers coincide.
        Assert.Equal(18.0, DropBlockObjective.Regularizer(Plain.U, Plain.V, 1), 12);
        Assert.Equal(18.0, DropBlockObjective.SlideRegularizer(Plain.U, Plain.V, 1), 12);
        // One block of 4: UVᵀ = U₀V₀ᵀ + U₁V₁ᵀ = [[0, −1], [2, 3]], ‖·‖² = 14; the slide's ‖U‖²‖V‖² = 9·9 = 81.
        Assert.Equal(14.0, DropBlockObjective.Regularizer(Plain.U, Plain.V, 4), 12);
        Assert.Equal(81.0, DropBlockObjective.SlideRegularizer(Plain.U, Plain.V, 4), 12);
        Assert.Equal(new Fraction(81), DropBlockObjective.SlideRegularizer(e.U, e.V, 4));
    }

    [Fact]
    public void The_slide_form_is_a_different_number_unless_blocks_are_single_units()
    {
        // UVᵀ = [[0, −1], [2, 3]]: Y − UVᵀ = [[1, 0], [0, −2.5]], ‖·‖² = 7.25; λ = 1 at θ = 1/2.
        Assert.Equal(7.25 + 14, DropBlockObjective.ClosedForm(Plain, 1), 12);
        Assert.Equal(7.25 + 48, DropBlockObjective.SlideForm(Plain, 1), 12);
        var e = Plain.ToExact();
        Assert.Equal(new Fraction(29, 4) + 48, DropBlockObjective.SlideForm(e, 1));
        var single = Plain with { BlockSize = 1 };
        Assert.Equal(DropBlockObjective.ClosedForm(single, 1), DropBlockObjective.SlideForm(single, 1), 12);
    }

    [Fact]
    public void Blocks_are_contiguous_columns()
    {
        Assert.Equal(new[] { 2.0, 1.0 }, DropBlockObjective.Block(Plain.U, 1, 2).Column(0).ToArray());
        Assert.Equal(new[] { -1.0, 1.0 }, DropBlockObjective.Block(Plain.U, 1, 2).Column(1).ToArray());
        var exact = DropBlockObjective.Block(Plain.ToExact().U, 1, 2);
        Assert.Equal((2, 2), (exact.RowCount, exact.ColumnCount));
        Assert.Equal(new Fraction(-1), exact[0, 1]);
        Assert.Equal(new Fraction(2), exact[0, 0]);
        Assert.Equal((2, 2, 4), (Plain.Blocks, Plain.BlockSize, Plain.Width));
        Assert.Equal((4, 1), ((Plain with { BlockSize = 1 }).Blocks, (Plain with { BlockSize = 4 }).Blocks));
    }

    [Fact]
    public void A_mask_keeps_whole_blocks()
    {
        // Keeping block 1 only at θ = 1/2: Y − 2U₁V₁ᵀ = [[1, −1], [2, 0.5]] − [[−2, 0], [2, 6]] = [[3, −1], [0, −5.5]].
        Assert.Equal(9 + 1 + 30.25, DropBlockObjective.StochasticLoss(Plain, [false, true]), 12);
        Assert.Equal(Norms.FrobeniusSquared(Plain.Y), DropBlockObjective.StochasticLoss(Plain, [false, false]), 12);
        // Both blocks at θ = 1 is the plain loss.
        Assert.Equal(7.25, DropBlockObjective.StochasticLoss(Plain with { Theta = 1 }, [true, true]), 12);
    }

    [Fact]
    public void The_loss_bound_bounds_every_mask_and_takes_its_hand_value()
    {
        foreach (var c in new[] { Plain, WithData })
        {
            var bound = DropBlockObjective.LossBound(c);
            for (var bits = 0; bits < 1 << c.Blocks; bits++)
                Assert.True(DropBlockObjective.StochasticLoss(c, [(bits & 1) == 1, (bits & 2) == 2]) <= bound);
        }
        // |U||V|ᵀ = [[1·1 + 2·0 + ... ]]: rows of |U| (1, 0, 2, 1), (0, 1, 1, 1); rows of |V| (1, 1, 0, 1), (1, 0, 1, 2).
        // Entries: (1 + 0 + 0 + 1, 1 + 0 + 2 + 2) = (2, 5); (0 + 1 + 0 + 1, 0 + 0 + 1 + 2) = (2, 3). Divided by θ = 1/2: 4, 10, 4, 6.
        var expected = Math.Pow(1 + 4, 2) + Math.Pow(1 + 10, 2) + Math.Pow(2 + 4, 2) + Math.Pow(0.5 + 6, 2);
        Assert.Equal(expected, DropBlockObjective.LossBound(Plain), 12);
    }

    [Fact]
    public void Shapes_blocks_and_theta_are_checked()
    {
        var (y, u, v) = (Plain.Y, Plain.U, Plain.V);
        string Refusal(Matrix<double>? x, int b, double theta, Matrix<double>? yy = null, Matrix<double>? uu = null, Matrix<double>? vv = null) =>
            Assert.Throws<ArgumentException>(() => DropBlockCase.Create(yy ?? y, uu ?? u, vv ?? v, x, b, theta)).Message;
        Assert.Equal("block size b must be at least 1, got 0", Refusal(null, 0, 0.5));
        Assert.Equal("block size b = 3 does not divide the width d = 4 (U and V have d = r·b columns, r blocks of b)", Refusal(null, 3, 0.5));
        Assert.Equal("mismatched shapes: U has 1 rows but Y has 2", Refusal(null, 2, 0.5, uu: u.SubMatrix(0, 1, 0, 4)));
        Assert.Equal("mismatched shapes: U has 2 columns but V has 4", Refusal(null, 2, 0.5, uu: u.SubMatrix(0, 2, 0, 2)));
        Assert.Equal("mismatched shapes: X has 3 rows but V has 2", Refusal(Matrix<double>.Build.Dense(3, 2), 2, 0.5));
        Assert.Equal("mismatched shapes: X has 3 columns but Y has 2", Refusal(Matrix<double>.Build.Dense(2, 3), 2, 0.5));
        Assert.Equal("mismatched shapes: V has 2 rows but Y has 3 columns (without X, Y must be m×n)", Refusal(null, 2, 0.5, yy: Matrix<double>.Build.Dense(2, 3)));
        foreach (var theta in new[] { 0.0, 1.5, double.NaN })
            Assert.Equal($"theta must lie in (0,1], got {theta}", Refusal(null, 2, theta));
        Assert.Equal(4, DropBlockCase.Create(y, u, v, null, 4, 1).BlockSize);
        var e = Plain.ToExact();
        Assert.Equal("theta must lie in (0,1], got 0", Assert.Throws<ArgumentException>(() => ExactDropBlockCase.Create(e.Y, e.U, e.V, null, 2, 0)).Message);
        Assert.Equal("theta must lie in (0,1], got 2", Assert.Throws<ArgumentException>(() => ExactDropBlockCase.Create(e.Y, e.U, e.V, null, 2, 2)).Message);
        Assert.Throws<ArgumentException>(() => ExactDropBlockCase.Create(e.Y, e.U, e.V, null, 3, 1));
        Assert.Equal(1, ExactDropBlockCase.Create(e.Y, e.U, e.V, null, 1, 1).BlockSize);
    }

    [Fact]
    public void Random_cases_and_exact_twins_agree()
    {
        var c = DropBlockCase.Random(3, 2, 2, 3, 0.25, 4);
        Assert.Equal((3, 2, 6, 2, 3, 3.0), (c.Y.RowCount, c.Y.ColumnCount, c.Width, c.Blocks, c.BlockSize, c.Lambda));
        Assert.Null(c.X);
        Assert.True(c.U.Enumerate().All(x => Math.Abs(x) <= 1 / Math.Sqrt(6)));
        var e = WithData.ToExact();
        Assert.Equal((4, 2, 2), (e.Width, e.Blocks, e.BlockSize));
        Assert.Equal(new Fraction(3, 4), e.Theta);
        var w = e.W; // XᵀV (3×4)
        Assert.Equal((3, 4), (w.RowCount, w.ColumnCount));
        Assert.Equal(new Fraction(2 * 1 + -1 * -1), w[1, 0]); // row x_{·1} = (2, −1) against v_0 = (1, −1)
        var back = e.ToDoubles();
        Assert.Same(e, back.ToExact());
        Assert.Equal(WithData.X, back.X);
        Assert.Equal(Plain.V, Plain.W);
        Assert.Equal(Matrix<double>.Build.DenseIdentity(2), Plain.Data);
        Assert.Equal(WithData.X, WithData.Data);
    }
}
