using MathNet.Numerics.LinearAlgebra;
using Verification.Topics.DropBlock;
using Xunit;

namespace Verification.Properties.DropBlock;

/// <summary>
/// The block shrinkage on diagonal instances whose prox is known by hand: with k at least the rank the k-support norm is
/// ℓ2 and the minimizer is Y/(1 + μ); with k = 1 it is ℓ1, whose squared prox soft-thresholds by μ·Σx. Block splits of
/// the resulting spectra, and the closed forms for two blocks at a scaled orthogonal matrix.
/// </summary>
public class BlockShrinkageTests
{
    private static Matrix<double> Diag(params double[] d) => Matrix<double>.Build.DenseOfDiagonalArray(d);

    private static double Max(Matrix<double> m) => m.Enumerate().Select(Math.Abs).Max();

    [Fact]
    public void With_k_at_least_the_rank_the_minimizer_is_Y_over_one_plus_mu()
    {
        // ‖Y − M‖² + μ‖M‖² at σ = (3, 1), μ = 1: M = Y/2, value ‖Y‖²·μ/(1 + μ) = 10/2 = 5.
        var s = BlockShrinkages.Solve(Diag(3, 1), 1, 2, 2);
        Assert.Equal((2, 2, 1.0), (s.Kept, s.K, s.Mu));
        Assert.Equal(3.0, s.Sigma[0], 12);
        Assert.Equal(1.0, s.Sigma[1], 12);
        Assert.Equal(1.5, s.X[0], 12);
        Assert.Equal(0.5, s.X[1], 12);
        Assert.True(Max(s.Minimizer - Diag(1.5, 0.5)) < 1e-12);
        Assert.Equal(5.0, s.Value, 12);
        // The variational weights of ‖x‖²_(k) = inf Σ x_i²/c_i (c_i ≤ 1, Σc_i ≤ k): for k = 2 ≥ rank, c = (1, 1) (the ℓ2 norm).
        Assert.Equal(new[] { 1.0, 1.0 }, s.Weights.Select(c => Math.Round(c, 12)));
        // μ = 3: M = Y/4, value 10·3/4 = 7.5 (the weight μ enters the value, not only the prox).
        var heavy = BlockShrinkages.Solve(Diag(3, 1), 3, 2, 2);
        Assert.True(Max(heavy.Minimizer - Diag(0.75, 0.25)) < 1e-12);
        Assert.Equal(7.5, heavy.Value, 12);
        // Rank at most 1: only σ₁ is shrunk, 3/2; value (3 − 3/2)² + 1² + (3/2)² = 5.5.
        var one = BlockShrinkages.Solve(Diag(3, 1), 1, 2, 1);
        Assert.Equal((1, 1), (one.Kept, one.K));
        Assert.True(Max(one.Minimizer - Diag(1.5, 0)) < 1e-12);
        Assert.Equal(5.5, one.Value, 12);
        // Rank 0: nothing kept, the value is ‖Y‖².
        var none = BlockShrinkages.Solve(Diag(3, 1), 1, 2, 0);
        Assert.Equal((0, 10.0), (none.Kept, none.Value));
        Assert.Empty(none.Weights);
        Assert.Equal(0.0, Max(none.Minimizer));
    }

    [Fact]
    public void With_blocks_of_one_unit_the_recipe_soft_thresholds_by_mu_times_the_sum()
    {
        // λ = 2, r = 2, b = 1: μ = 1, k = 1 (ℓ1). x_i = (σ_i − μΣx)₊: x₁ = 3 − x₁ gives 3/2, and 1 − 3/2 < 0 keeps x₂ = 0.
        // Value (3/2)² + 1² + 1·(3/2)² = 5.5.
        var s = BlockShrinkages.DropBlockRecipe(Diag(3, 1), 2, 2, 1);
        Assert.Equal((2, 1, 1.0), (s.Kept, s.K, s.Mu));
        Assert.Equal(1.5, s.X[0], 12);
        Assert.Equal(0.0, s.X[1], 12);
        Assert.Equal(5.5, s.Value, 12);
        // k = 1: the weights c_i = |x_i|/Σ|x| of the ℓ1 norm's variational form, (1, 0).
        Assert.Equal(new[] { 1.0, 0.0 }, s.Weights.Select(c => Math.Round(c, 12)));
        // b = 2 at the same λ, r: μ = 1, k = 2 (ℓ2): Y/2 again, value 5.
        Assert.Equal(5.0, BlockShrinkages.DropBlockRecipe(Diag(3, 1), 2, 2, 2).Value, 12);
    }

    [Fact]
    public void A_split_into_blocks_reproduces_M_with_the_regularizer_of_its_pieces()
    {
        var left = Matrix<double>.Build.DenseIdentity(2);
        // x = (3/2, 1/2) with b = 2: one 2-support atom of norm² 5/2. One block carries it all; two blocks carry halves,
        // Σ_g ‖U_gV_gᵀ‖² = (5/2)/2 (the ℓ2 norm² over r), evenly.
        var one = BlockShrinkages.Split(left, left, [1.5, 0.5], 1, 2)!;
        Assert.Equal(new[] { 1 }, one.Pieces);
        Assert.Equal(2.5, one.Regularizer, 12);
        Assert.True(one.Even);
        Assert.True(Max(one.Factors.U * one.Factors.V.Transpose() - Diag(1.5, 0.5)) < 1e-12);
        var two = BlockShrinkages.Split(left, left, [1.5, 0.5], 2, 2)!;
        Assert.Equal(new[] { 2 }, two.Pieces);
        Assert.Equal(1.25, two.Regularizer, 12);
        Assert.True(two.Even);
        Assert.Equal(Math.Sqrt(2.5) / 2, two.BlockNorms[0], 12);
        Assert.Equal(Math.Sqrt(2.5) / 2, two.BlockNorms[1], 12);
        Assert.True(Max(two.Factors.U * two.Factors.V.Transpose() - Diag(1.5, 0.5)) < 1e-12);
        // A zero entry inside a 2-support atom: x = (3, 0), b = 2, one block holds diag(3, 0), Σ = 9.
        var zeroEntry = BlockShrinkages.Split(left, left, [3, 0], 1, 2)!;
        Assert.Equal(9.0, zeroEntry.Regularizer, 12);
        Assert.True(Max(zeroEntry.Factors.U * zeroEntry.Factors.V.Transpose() - Diag(3, 0)) < 1e-12);
        // The zero spectrum splits into zero blocks.
        var zero = BlockShrinkages.Split(left, left, [0, 0], 3, 2)!;
        Assert.Equal((0.0, true, 3), (zero.Regularizer, zero.Even, zero.BlockNorms.Length));
        Assert.Equal(0.0, Max(zero.Factors.U));
    }

    [Fact]
    public void Single_unit_blocks_split_the_largest_atom_first_and_refuse_too_few_blocks()
    {
        var left = Matrix<double>.Build.DenseIdentity(2);
        // b = 1: atoms are single coordinates, norms 3 and 1. Two atoms do not fit one block.
        Assert.Null(BlockShrinkages.Split(left, left, [3, 1], 1, 1));
        // Three blocks: the extra piece goes where it saves most, 9/1 − 9/2 = 4.5 against 1/1 − 1/2: pieces (2, 1),
        // Σ = 9/2 + 1 = 5.5, block norms (3/2, 3/2, 1): not even.
        var s = BlockShrinkages.Split(left, left, [3, 1], 3, 1)!;
        Assert.Equal(new[] { 2, 1 }, s.Pieces);
        Assert.Equal(new[] { 3.0, 1.0 }, s.AtomNorms);
        Assert.Equal(5.5, s.Regularizer, 12);
        Assert.Equal(new[] { 1.5, 1.5, 1.0 }, s.BlockNorms);
        Assert.False(s.Even);
        Assert.True(Max(s.Factors.U * s.Factors.V.Transpose() - Diag(3, 1)) < 1e-12);
        // Norms 3 and 2 over four blocks: the first extra piece goes to 3 (9 − 9/2 = 4.5 against 4 − 2 = 2), the second to 2
        // (9/2 − 9/3 = 1.5 against 2): pieces (2, 2), Σ = 9/2 + 4/2 = 6.5 (three pieces of 3 would cost 3 + 4 = 7).
        var four = BlockShrinkages.Split(left, left, [3, 2], 4, 1)!;
        Assert.Equal(new[] { 2, 2 }, four.Pieces);
        Assert.Equal(6.5, four.Regularizer, 12);
        Assert.Equal(new[] { 1.5, 1.5, 1.0, 1.0 }, four.BlockNorms);
        // A zero in the spectrum is not an atom: (3, 0) in two blocks is 3 split in halves, Σ = 9/2.
        var half = BlockShrinkages.Split(left, left, [3, 0], 2, 1)!;
        Assert.Equal(new[] { 2 }, half.Pieces);
        Assert.Equal(4.5, half.Regularizer, 12);
        Assert.True(Max(half.Factors.U * half.Factors.V.Transpose() - Diag(3, 0)) < 1e-12);
        // From the matrix itself: the same split.
        var fromMatrix = BlockShrinkages.Split(Diag(3, 1), 3, 1)!;
        Assert.Equal(5.5, fromMatrix.Regularizer, 12);
        Assert.True(Max(fromMatrix.Factors.U * fromMatrix.Factors.V.Transpose() - Diag(3, 1)) < 1e-12);
    }

    [Fact]
    public void Two_blocks_at_a_scaled_orthogonal_matrix_have_the_closed_forms()
    {
        // s²(3n − 2b)/2 for b ≤ n ≤ 2b: n = 3, b = 2, s = 1: 5/2; n = 4, b = 2, s = 2: 4·8/2 = 16; n = b = 2: s²·2/2.
        Assert.Equal(2.5, BlockShrinkages.TwoBlockRegularizerOfScaledOrthogonal(3, 2, 1));
        Assert.Equal(16.0, BlockShrinkages.TwoBlockRegularizerOfScaledOrthogonal(4, 2, 2));
        Assert.Equal(9.0, BlockShrinkages.TwoBlockRegularizerOfScaledOrthogonal(2, 2, 3));
        Assert.Null(BlockShrinkages.TwoBlockRegularizerOfScaledOrthogonal(1, 2, 1));
        Assert.Null(BlockShrinkages.TwoBlockRegularizerOfScaledOrthogonal(5, 2, 1));
        // n = 2, b = 1, s = 1, λ = 1: k = 0 gives 2/(1 + 1) = 1; k = 1 gives 1/3 + 0 + 1/1 = 4/3: the minimum is 1 at k = 0.
        Assert.Equal((1.0, 0), BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(2, 1, 1, 1));
        // n = 1, b = 1, s = 2, λ = 1: b' = 1, k from 1 to 1: 4·(1/3 + 0 + 0) = 4/3.
        var (value, k) = BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(1, 1, 2, 1);
        Assert.Equal(4.0 / 3, value, 14);
        Assert.Equal(1, k);
        Assert.Equal("the closed form needs λ > 0", Assert.Throws<ArgumentException>(() => BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(2, 1, 1, 0)).Message);
        Assert.Throws<ArgumentException>(() => BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(2, 1, 1, double.NaN));
        Assert.Throws<ArgumentException>(() => BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(2, 1, 1, -1));
        // n = 3, b = 2, s = 3, λ = 2: k = 1 gives 2·9·(1/4 + 2/3 + 0) = 16.5, k = 2 gives 18·(2/4 + 0 + 1/2) = 18.
        (value, k) = BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(3, 2, 3, 2);
        Assert.Equal(16.5, value, 12);
        Assert.Equal(1, k);
        // n = 3, b = 1, s = 1, λ = 2: k = 0 keeps two directions and drops one, 2·(2/3 + 1/2) = 7/3; k = 1 gives 2·(1/4 + 1) = 5/2.
        (value, k) = BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(3, 1, 1, 2);
        Assert.Equal(7.0 / 3, value, 12);
        Assert.Equal(0, k);
        // The value grows with k (its k-derivative is λs²·2/(λ(1 + λ)(2 + λ)) > 0), so the least intersection always wins.
        foreach (var lambda in new[] { 0.01, 0.5, 1, 4, 100 })
            Assert.Equal(1, BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(5, 3, 1, lambda).Intersection);
    }

    private static double Regularizer(Verification.LinearAlgebra.Factors f, int b) => DropBlockObjective.Regularizer(f.U, f.V, b);

    [Fact]
    public void The_two_block_construction_attains_the_closed_form()
    {
        // M = 2·I₃, b = 2: k = 2b − n = 1 shared direction (weight 1 in each block), one own direction each (weight 2):
        // blocks diag(1, 2, 0) and diag(1, 0, 2), Σ‖M_g‖² = 5 + 5 = 10 = s²(3n − 2b)/2 = 4·5/2. Exact in binary.
        var f = BlockShrinkages.TwoBlockFactorsOfScaledOrthogonal(Diag(2, 2, 2), 2);
        Assert.Equal((3, 4, 3, 4), (f.U.RowCount, f.U.ColumnCount, f.V.RowCount, f.V.ColumnCount));
        Assert.True((f.U * f.V.Transpose()).Equals(Diag(2, 2, 2)));
        Assert.Equal(10.0, Regularizer(f, 2));
        Assert.Equal(new[] { 1.0, 2, 0 }, (DropBlockObjective.Block(f.U, 0, 2) * DropBlockObjective.Block(f.V, 0, 2).Transpose()).Diagonal().ToArray());
        Assert.Equal(new[] { 1.0, 0, 2 }, (DropBlockObjective.Block(f.U, 1, 2) * DropBlockObjective.Block(f.V, 1, 2).Transpose()).Diagonal().ToArray());
        // M = 2·I₄, b = 2: nothing shared, two own directions each: Σ = 8 + 8 = 16 = 4·8/2.
        f = BlockShrinkages.TwoBlockFactorsOfScaledOrthogonal(Diag(2, 2, 2, 2), 2);
        Assert.True((f.U * f.V.Transpose()).Equals(Diag(2, 2, 2, 2)));
        Assert.Equal(16.0, Regularizer(f, 2));
        // M = −3·I₂, b = 1: the sign goes into V; Σ = 9 + 9 = 18 = 9·4/2.
        f = BlockShrinkages.TwoBlockFactorsOfScaledOrthogonal(Diag(-3, -3), 1);
        Assert.True((f.U * f.V.Transpose()).Equals(Diag(-3, -3)));
        Assert.Equal(18.0, Regularizer(f, 1));
        // A rotation scaled by 5 (through its SVD): b = 2 shares both directions, 2·‖M/2‖² = 25; b = 1 splits them, 25 + 25.
        var rotation = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, -4 }, { 4, 3 } });
        foreach (var (b, expected) in new[] { (2, 25.0), (1, 50.0) })
        {
            f = BlockShrinkages.TwoBlockFactorsOfScaledOrthogonal(rotation, b);
            Assert.True(Max(f.U * f.V.Transpose() - rotation) < 1e-12);
            Assert.Equal(expected, Regularizer(f, b), 12);
            Assert.Equal(BlockShrinkages.TwoBlockRegularizerOfScaledOrthogonal(2, b, 5)!.Value, Regularizer(f, b), 12);
        }
        Assert.Equal("the construction needs b ≤ n ≤ 2b, got n = 5, b = 2",
            Assert.Throws<ArgumentException>(() => BlockShrinkages.TwoBlockFactorsOfScaledOrthogonal(Diag(1, 1, 1, 1, 1), 2)).Message);
        Assert.Equal("the construction needs b ≤ n ≤ 2b, got n = 1, b = 2",
            Assert.Throws<ArgumentException>(() => BlockShrinkages.TwoBlockFactorsOfScaledOrthogonal(Diag(1), 2)).Message);
    }

    [Fact]
    public void The_two_block_minimizer_has_the_closed_form_value()
    {
        // Y = 3·I₃, b = 2, λ = 2: k* = 1; shared weight 3/4, own weight 3/3 = 1: UVᵀ = diag(3/2, 1, 1) and
        // f = (3/2)² + 2² + 2² + 2·(9/16 + 1 + 9/16 + 1) = 10.25 + 6.25 = 16.5, the closed form above.
        var f = BlockShrinkages.TwoBlockMinimizerOfScaledOrthogonal(Diag(3, 3, 3), 2, 2);
        Assert.True(Max(f.U * f.V.Transpose() - Diag(1.5, 1, 1)) < 1e-12);
        Assert.Equal(16.5, BlockFactorization.Objective(Diag(3, 3, 3), f.U, f.V, 2, 2), 12);
        // Y = 2·I₄, b = 2, λ = 1: k* = 0, two own directions per block at weight 2/2: UVᵀ = I₄,
        // f = ‖2I − I‖² + (2 + 2) = 8 = λs²·4/(1 + λ).
        f = BlockShrinkages.TwoBlockMinimizerOfScaledOrthogonal(Diag(2, 2, 2, 2), 2, 1);
        Assert.True(Max(f.U * f.V.Transpose() - Diag(1, 1, 1, 1)) < 1e-12);
        Assert.Equal(8.0, BlockFactorization.Objective(Diag(2, 2, 2, 2), f.U, f.V, 1, 2), 12);
        Assert.Equal(8.0, BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(4, 2, 2, 1).Value, 12);
        // Y = I₃, b = 1, λ = 2: k* = 0, each block keeps one direction at weight 1/3, the third is dropped: 7/3.
        f = BlockShrinkages.TwoBlockMinimizerOfScaledOrthogonal(Diag(1, 1, 1), 1, 2);
        Assert.Equal(7.0 / 3, BlockFactorization.Objective(Diag(1, 1, 1), f.U, f.V, 2, 1), 12);
    }

    [Fact]
    public void The_searched_decomposition_reproduces_M_and_bounds_the_minimum_from_above()
    {
        // 2·I₂ in two blocks of one: the minimum s²(3n − 2b)/2 = 8 (no two rank-one blocks do better than the eigen-split).
        foreach (var (m, r, b, minimum) in new[]
                 {
                     (Diag(2, 2), 2, 1, 8.0),
                     (Diag(2, 2, 2), 2, 2, 10.0),
                     (Diag(1e-3, 1e-3), 2, 1, 2e-6),
                     (Matrix<double>.Build.DenseOfArray(new double[,] { { 3, -4 }, { 4, 3 } }), 2, 1, 50.0),
                     (Diag(3, 1), 1, 2, 10.0), // one block holds M: ‖M‖²
                 })
        {
            var (factors, value) = BlockShrinkages.SearchDecomposition(m, r, b, 4, 1)!.Value;
            Assert.Equal((r * b, r * b), (factors.U.ColumnCount, factors.V.ColumnCount));
            Assert.True(Max(factors.U * factors.V.Transpose() - m) < 1e-12 * Max(m));
            Assert.True(Math.Abs(value - Regularizer(factors, b)) <= 1e-9 * minimum, $"{value} against {Regularizer(factors, b)}");
            Assert.True(value >= minimum * (1 - 1e-12), $"{value} < {minimum}");
            Assert.True(value <= minimum * (1 + 1e-9), $"{value} > {minimum}");
        }
        // Rank 3 does not fit one block of two: no decomposition.
        Assert.Null(BlockShrinkages.SearchDecomposition(Diag(1, 1, 1), 1, 2, 2, 1));
        // The zero matrix: zero blocks, value 0.
        Assert.Equal(0.0, BlockShrinkages.SearchDecomposition(Diag(0, 0), 2, 1, 2, 1)!.Value.Value);
    }

    [Fact]
    public void A_scaled_orthogonal_matrix_is_recognized_by_its_equal_singular_values()
    {
        Assert.Equal(2.0, BlockShrinkages.ScaledOrthogonal(Diag(2, 2), 1e-12)!.Value, 12);
        // A rotation by 3-4-5 scaled by 5: [[3, −4], [4, 3]] has both singular values 5.
        Assert.Equal(5.0, BlockShrinkages.ScaledOrthogonal(Matrix<double>.Build.DenseOfArray(new double[,] { { 3, -4 }, { 4, 3 } }), 1e-12)!.Value, 12);
        Assert.Null(BlockShrinkages.ScaledOrthogonal(Diag(3, 1), 1e-12));
        Assert.Equal(2.0, BlockShrinkages.ScaledOrthogonal(Diag(3, 1), 0.7)!.Value, 12); // 3 − 1 ≤ 0.7·3; the mean of 3 and 1
        Assert.Null(BlockShrinkages.ScaledOrthogonal(Diag(3, 1), 0.6));
        Assert.Null(BlockShrinkages.ScaledOrthogonal(Matrix<double>.Build.Dense(2, 3), 1));
        Assert.Null(BlockShrinkages.ScaledOrthogonal(Matrix<double>.Build.Dense(0, 0), 1));
        Assert.Null(BlockShrinkages.ScaledOrthogonal(Matrix<double>.Build.Dense(2, 2), 1));
    }
}
