using MathNet.Numerics.LinearAlgebra;
using Verification.Topics.DropBlock;
using Xunit;

namespace Verification.Properties.DropBlock;

/// <summary>
/// The deterministic DropBlock objective f(U, V) = ‖Y − UVᵀ‖² + λ Σ_g ‖U_gV_gᵀ‖² at fixed width, on instances small enough to
/// differentiate by hand: its value, its gradient, the magnitudes that size its tolerances, and local descent reaching the
/// minima the shrinkage recipe predicts.
/// </summary>
public class BlockFactorizationTests
{
    private static Matrix<double> D(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    // m = n = 1, d = 2: f = (y − u₁v₁ − u₂v₂)² + λ(u₁²v₁² + u₂²v₂²) with blocks of one unit, + λ(u₁v₁ + u₂v₂)² with one block of two.
    private static readonly Matrix<double> Y = D(new double[,] { { 3 } });
    private static readonly Matrix<double> U = D(new double[,] { { 1, 2 } });
    private static readonly Matrix<double> V = D(new double[,] { { 2, 1 } });

    [Fact]
    public void The_objective_takes_its_hand_value_and_depends_on_the_block_size()
    {
        // UVᵀ = 2 + 2 = 4, residual −1. Blocks of one: λ(2² + 2²) = 3·8; one block of two: λ·4² = 3·16.
        Assert.Equal(1 + 3 * 8.0, BlockFactorization.Objective(Y, U, V, 3, 1), 12);
        Assert.Equal(1 + 3 * 16.0, BlockFactorization.Objective(Y, U, V, 3, 2), 12);
        // Without the regularizer it is the squared residual of a 2×2 instance: Y − UVᵀ = [[0, 1], [−1, 0.5]].
        var y = D(new double[,] { { 1, 1 }, { 0, 2 } });
        var u = D(new double[,] { { 1, 0 }, { 0, 1 } });
        var v = D(new double[,] { { 1, 1 }, { 0, 1.5 } });
        Assert.Equal(2.25, BlockFactorization.Objective(y, u, v, 0, 1), 12);
    }

    [Fact]
    public void The_gradient_is_the_derivative_by_hand()
    {
        // ∂f/∂u₁ = −2(y − Σ)v₁ + 2λu₁v₁² = 2·2 + 6·1·4 = 28, ∂f/∂v₁ = 2u₁ + 6u₁²v₁ = 2 + 12 = 14,
        // ∂f/∂u₂ = 2v₂ + 6u₂v₂² = 2 + 12 = 14, ∂f/∂v₂ = 2u₂ + 6u₂²v₂ = 4 + 24 = 28 (λ = 3, blocks of one).
        var (gu, gv) = BlockFactorization.Gradient(Y, U, V, 3, 1);
        Assert.Equal(new[] { 28.0, 14.0 }, gu.Row(0).ToArray());
        Assert.Equal(new[] { 14.0, 28.0 }, gv.Row(0).ToArray());
        Assert.Equal(Math.Sqrt(2 * 28 * 28 + 2 * 14 * 14), BlockFactorization.GradientNorm(Y, U, V, 3, 1), 12);
        // One block of two: the regularizer λ(u₁v₁ + u₂v₂)² adds 2λ·4·v_j to ∂u_j and 2λ·4·u_j to ∂v_j.
        (gu, gv) = BlockFactorization.Gradient(Y, U, V, 3, 2);
        Assert.Equal(new[] { 4 + 24.0 * 2, 2 + 24.0 }, gu.Row(0).ToArray());
        Assert.Equal(new[] { 2 + 24.0, 4 + 24.0 * 2 }, gv.Row(0).ToArray());
    }

    [Fact]
    public void The_gradient_agrees_with_central_differences_on_a_rectangular_instance()
    {
        // m = 2, n = 3, r = 2 blocks of b = 2. Along any one entry of U or V, UVᵀ is affine, so f is quadratic and the
        // library's central differences with step 1 are exact up to rounding (entries and f are of order 10, so 1e-12).
        var y = D(new double[,] { { 1, -2, 0.5 }, { 3, 0, 1 } });
        var u = D(new double[,] { { 0.5, -1, 1, 0.25 }, { 1, 0.5, -0.5, 2 } });
        var v = D(new double[,] { { 1, 0, 0.5, -1 }, { -0.5, 1, 1, 0 }, { 0.25, -1, 0, 0.5 } });
        const double lambda = 0.7;
        var (gu, gv) = BlockFactorization.Gradient(y, u, v, lambda, 2);
        var differences = Verification.Topics.Dropout.DropoutGradients.CentralDifferences(u, v, (a, b) => BlockFactorization.Objective(y, a, b, lambda, 2));
        Assert.True((differences.U - gu).InfinityNorm() < 1e-12 && (differences.V - gv).InfinityNorm() < 1e-12,
            $"∇_U off by {(differences.U - gu).InfinityNorm():E2}, ∇_V by {(differences.V - gv).InfinityNorm():E2}");
    }

    [Fact]
    public void The_magnitudes_sum_absolute_values_of_every_term()
    {
        // Y = −3, U = (1, −2), V = (2, 1): UVᵀ = 0, so f = 9 + 3·(4 + 4) = 33, but the terms summed are as large as
        // (|y| + |u||v|ᵀ)² + λ(...) = (3 + 4)² + 3·8 = 73.
        var y = D(new double[,] { { -3 } });
        var u = D(new double[,] { { 1, -2 } });
        Assert.Equal(33.0, BlockFactorization.Objective(y, u, V, 3, 1), 12);
        Assert.Equal(73.0, BlockFactorization.Magnitude(y, u, V, 3, 1), 12);
        // Gradient: 2‖7·(2, 1)‖ + 2‖7·(1, 2)‖ = 28√5, and per block of one 2λ(|p v_g| + |p u_g|) with p = 2:
        // 6·(4 + 2) + 6·(2 + 4) = 72.
        Assert.Equal(28 * Math.Sqrt(5) + 72, BlockFactorization.GradientMagnitude(y, u, V, 3, 1), 12);
        // One block of two: p = 4, 2λ(‖4·(2, 1)‖ + ‖4·(1, 2)‖) = 6·8√5.
        Assert.Equal(28 * Math.Sqrt(5) + 48 * Math.Sqrt(5), BlockFactorization.GradientMagnitude(y, u, V, 3, 2), 12);
    }

    [Fact]
    public void Local_descent_reaches_the_minimum_of_the_shrinkage_recipe()
    {
        // Scalar: min_t (3 − t)² + t² = 4.5 at t = 3/2.
        var scalar = BlockFactorization.LocalDescent(Y, 1, 1, 1, 3, 1);
        Assert.Equal(4.5, scalar.LowestValue, 9);
        Assert.Equal((3, 3), (scalar.Starts, scalar.FinalValues.Count));
        Assert.All(scalar.FinalValues, f => Assert.Equal(4.5, f, 9));
        // A 2×3 Y with singular values (3, 1), λ = 2, two blocks of one: μ = λ/r = 1 and k = 1, the recipe's value 5.5
        // (BlockShrinkageTests). The lowest point is a real point of f, and the magnitude is taken there.
        var y = D(new double[,] { { 3, 0, 0 }, { 0, 1, 0 } });
        var d = BlockFactorization.LocalDescent(y, 2, 2, 1, 2, 7);
        Assert.Equal(BlockShrinkages.DropBlockRecipe(y, 2, 2, 1).Value, d.LowestValue, 9);
        Assert.Equal((2, 3, 2, 2, 2), (d.LowestPoint.U.RowCount, d.LowestPoint.V.RowCount, d.LowestPoint.U.ColumnCount, d.LowestPoint.V.ColumnCount, d.FinalValues.Count));
        Assert.Equal(d.LowestValue, BlockFactorization.Objective(y, d.LowestPoint.U, d.LowestPoint.V, 2, 1));
        Assert.Equal(BlockFactorization.Magnitude(y, d.LowestPoint.U, d.LowestPoint.V, 2, 1), d.LowestMagnitude);
        Assert.All(d.FinalValues, f => Assert.True(d.LowestValue <= f));
        // Every start evaluates f at least at its start and once per iteration.
        Assert.True(d.Evaluations > 2 * 2, $"{d.Evaluations} evaluations");
    }

    [Fact]
    public void A_start_whose_optimizer_fails_is_recorded_as_NaN()
    {
        // At Y = 1e200 every value overflows to +∞; each start's failure is caught and recorded, and nothing finite was seen.
        var d = BlockFactorization.LocalDescent(D(new double[,] { { 1e200 } }), 1, 1, 1, 2, 1);
        Assert.Equal(2, d.FinalValues.Count);
        Assert.All(d.FinalValues, f => Assert.True(double.IsNaN(f)));
        Assert.Equal(double.PositiveInfinity, d.LowestValue);
    }
}
