using MathNet.Numerics.LinearAlgebra;
using Verification.LinearAlgebra;
using Xunit;

namespace Verification.Properties.LinearAlgebra;

/// <summary>
/// Thresholding facts that the claims rely on and that surviving mutants showed no test asserted (issue 9, item 13): the
/// strict inequality of the ρ rule at an exact tie, the singular-vector conditions of the thresholding residual, and
/// matrices with no rows or no columns.
/// </summary>
public class ThresholdingTests
{
    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    [Fact]
    public void At_an_exact_tie_the_rho_rule_is_strict()
    {
        // σ = (2, 1), a = b = 1: τ₁ = 2/2 = 1 < σ₁, τ₂ = 3/3 = 1 = σ₂ exactly. ρ = max{ j : σ_j > τ_j } = 1, τ = τ₁ = 1.
        var (rho, tau) = Thresholding.Threshold([2.0, 1.0], 1, 1, 2);
        Assert.Equal(1, rho);
        Assert.Equal(1.0, tau);
        // The tie changes nothing in the minimizer: σ₂ − τ = 0, so X = diag(1, 0) whether or not the tied value is kept.
        var shrinkage = Thresholding.VariableRate(M(new double[,] { { 2, 0 }, { 0, 1 } }), 1);
        Assert.Equal(1, shrinkage.Rho);
        Assert.True((shrinkage.Minimizer - M(new double[,] { { 1, 0 }, { 0, 0 } })).FrobeniusNorm() < 1e-14);
    }

    [Fact]
    public void Just_above_a_tie_the_value_is_kept()
    {
        // σ₂ = 1 + 2⁻²⁰ > τ₂ = (3 + 2⁻²⁰)/3: ρ = 2.
        var (rho, _) = Thresholding.Threshold([2.0, 1.0 + Math.Pow(2, -20)], 1, 1, 2);
        Assert.Equal(2, rho);
    }

    [Fact]
    public void The_residual_sees_singular_vectors_not_only_singular_values()
    {
        // Y = diag(3, 1), τ = ½, ρ = 2: S_τ(Y) = diag(5/2, 1/2) has residual 0. Swapping its singular vectors keeps the
        // singular values (5/2, 1/2) but maps them to the wrong pairs of Y: the residual must see it.
        var y = M(new double[,] { { 3, 0 }, { 0, 1 } });
        double[] sigma = [3, 1];
        var right = M(new double[,] { { 2.5, 0 }, { 0, 0.5 } });
        var swapped = M(new double[,] { { 0, 2.5 }, { 0.5, 0 } });
        Assert.True(Thresholding.ThresholdingResidual(y, right, 0.5, 2, sigma) < 1e-14);
        Assert.True(Thresholding.ThresholdingResidual(y, swapped, 0.5, 2, sigma) > 1);
        // A kept value beyond ρ is measured too: with ρ = 1, diag(5/2, 1/2) leaves 1/2 that should be 0.
        Assert.Equal(0.5, Thresholding.ThresholdingResidual(y, right, 0.5, 1, sigma), 12);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    [InlineData(0, 0)]
    public void Matrices_without_rows_or_columns_threshold_to_themselves(int m, int n)
    {
        var empty = Matrix<double>.Build.Dense(m, n);
        var x = Thresholding.Svt(empty, 1);
        Assert.Equal((m, n), (x.RowCount, x.ColumnCount));
        Assert.Equal(0, Thresholding.ThresholdingResidual(empty, empty, 1, 0, []));
    }

    [Fact]
    public void The_residual_sees_a_singular_pair_of_Y_that_is_not_the_one_thresholded()
    {
        // X = ½·e₂e₂ᵀ maps a singular pair of Y = diag(3, 1) as the thresholding requires (Y e₂ = (½ + ½) e₂), but the pair
        // with σ₂ = 1, not σ₁ = 3: S_τ with ρ = 1 keeps 3 − ½. Only the value condition sees it.
        var y = M(new double[,] { { 3, 0 }, { 0, 1 } });
        var x = M(new double[,] { { 0, 0 }, { 0, 0.5 } });
        Assert.Equal(2.0, Thresholding.ThresholdingResidual(y, x, 0.5, 1, [3, 1]), 12);
    }

    [Fact]
    public void Numerical_rank_counts_the_values_above_max_m_n_times_u_times_sigma_1()
    {
        var u = Verification.Numerics.Rounding.UnitRoundoff;
        // cut = max(8, 2)·u·σ₁ for an 8×2 matrix with σ₁ = 4: half the cut is not counted, twice the cut is.
        var cut = 8 * u * 4;
        Assert.Equal(1, Thresholding.Rank([4, cut / 2], 8, 2));
        Assert.Equal(2, Thresholding.Rank([4, cut * 2], 8, 2));
        // The zero matrix has rank 0, and a value exactly at the cut is not counted.
        Assert.Equal(0, Thresholding.Rank([0, 0], 2, 2));
        Assert.Equal(1, Thresholding.Rank([1, 2 * u], 2, 2));
    }

    [Fact]
    public void Without_a_weight_the_variable_rate_rule_keeps_the_numerical_rank()
    {
        // λ₁ = 0: τ = 0 and ρ = rank Y; a rank-1 matrix has σ₂ at rounding level, which must not count.
        var y = M(new double[,] { { 1, 2, 3 }, { 2, 4, 6 }, { -3, -6, -9 } }) * 0.7;
        var shrinkage = Thresholding.VariableRate(y, 0);
        Assert.Equal(1, shrinkage.Rank);
        Assert.Equal(1, shrinkage.Rho);
    }

    [Fact]
    public void The_nuclear_prox_shrinks_every_value_and_reports_rank_and_norm_of_the_result()
    {
        var z = M(new double[,] { { 3, 0 }, { 0, 1 } });
        var p = Thresholding.Prox(z, 1);
        Assert.Equal(1, p.Rank);            // (3 − 1, 1 − 1) = (2, 0): the value shrunk to 0 is not counted
        Assert.Equal(2.0, p.Nuclear, 12);
        Assert.True((p.X - M(new double[,] { { 2, 0 }, { 0, 0 } })).FrobeniusNorm() < 1e-14);
        // τ = 0 is the identity; a negative or NaN threshold is refused.
        Assert.True((Thresholding.Prox(z, 0).X - z).FrobeniusNorm() < 1e-14);
        Assert.Equal(2, Thresholding.Prox(z, 0).Rank);
        Assert.Throws<ArgumentException>(() => Thresholding.Prox(z, -1));
        Assert.Throws<ArgumentException>(() => Thresholding.Prox(z, double.NaN));
    }
}
