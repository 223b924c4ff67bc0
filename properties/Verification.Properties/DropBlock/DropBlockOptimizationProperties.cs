using FsCheck;
using FsCheck.Fluent;
using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.Generators;
using Verification.LinearAlgebra;
using Verification.Reporting;
using Verification.Topics.DropBlock;
using Xunit;
using Outcome = Verification.Engine.Outcome;
using Runner = Verification.Engine.Runner;

namespace Verification.Properties.DropBlock;

/// <summary>The regularizer bound, the open question, variable rate, the minimizer and balanced blocks: lemmas and wrong variants.</summary>
public class DropBlockOptimizationProperties
{
    /// <summary>A random rank-b orthogonal projection in ℝ^n.</summary>
    private static Gen<Matrix<double>> Projection(int n, int b) =>
        Matrices.Gaussian(n, b).Select(g => { var q = g.QR().Q.SubMatrix(0, n, 0, b); return q * q.Transpose(); });

    [SeededProperty]
    public Property The_two_subspace_lemma_holds_for_random_pairs_of_projections() =>
        Prop.ForAll(Arb.From(
            from b in Gen.Choose(1, 3)
            from n in Gen.Choose(b, 2 * b)
            from p1 in Projection(n, b)
            from p2 in Projection(n, b)
            from lambda in Gen.Elements(0.1, 1.0, 3.0)
            select (n, b, p1, p2, lambda)), x =>
        {
            var (n, b, p1, p2, lambda) = x;
            var s = p1 + p2;
            var shifted = (s + lambda * Matrix<double>.Build.DenseIdentity(n)).Inverse().Trace() * lambda;
            var minimum = BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(n, b, 1, lambda).Value;
            var inverse = s.Inverse().Trace();
            var regularizer = BlockShrinkages.TwoBlockRegularizerOfScaledOrthogonal(n, b, 1)!.Value;
            return (shifted >= minimum - 1e-9 && (double.IsNaN(inverse) || inverse >= regularizer - 1e-9)).Label($"λtr((S+λ)⁻¹) = {shifted}, min {minimum}; tr S⁻¹ = {inverse}, {regularizer}");
        });

    [Fact]
    public void The_recipe_counterexample_in_numbers()
    {
        var recipe = BlockShrinkages.DropBlockRecipe(Matrix<double>.Build.DenseIdentity(3), 1, 2, 2);
        Assert.Equal(9.0 / 7, recipe.Value, 14);
        Assert.All(recipe.X, x => Assert.Equal(4.0 / 7, x, 14));
        var (minimum, attained) = DropBlockClaims.ExactTwoBlockMinimum(3, 2, Fraction.One, Fraction.One, 1);
        Assert.Equal(new Fraction(4, 3), minimum);
        Assert.Equal(new Fraction(4, 3), attained);
        var descent = BlockFactorization.LocalDescent(Matrix<double>.Build.DenseIdentity(3), 1, 2, 2, 8, 3);
        Assert.InRange(descent.LowestValue, 4.0 / 3 - 1e-9, 4.0 / 3 + 1e-6);
    }

    [Fact]
    public void The_open_question_counterexample_in_numbers()
    {
        var f = BlockShrinkages.TwoBlockFactorsOfScaledOrthogonal(Matrix<double>.Build.DenseIdentity(3), 2);
        Assert.Equal(Matrix<double>.Build.DenseIdentity(3), f.Product);
        Assert.Equal(2.5, DropBlockObjective.Regularizer(f.U, f.V, 2));
        Assert.Equal(4.5, KSupport.Norm([1, 1, 1], 2).Squared);
        // At r = 3 the three pairs of coordinates split I₃ evenly: the bound 9/2 / 3 is attained.
        var split = BlockShrinkages.Split(Matrix<double>.Build.DenseIdentity(3), 3, 2)!;
        Assert.True(split.Even);
        Assert.Equal(1.5, split.Regularizer, 14);
    }

    [Fact]
    public void The_regularizer_bound_without_the_factor_1_over_r_is_refuted()
    {
        var wrong = DropBlockClaims.RegularizerBound with
        {
            Id = "dropblock.regularizer-bound.without-1-over-r",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var norm = KSupport.Spectral(c.Product, DropBlockClaims.SupportSize(c.BlockSize, c.Product)).Value;
                var regularizer = DropBlockObjective.Regularizer(c.U, c.V, c.BlockSize);
                return Outcome.AtLeast(regularizer, norm * norm, new Tolerance(1e-9 * (1 + norm * norm), "rounding"), "Σ‖U_gV_gᵀ‖² ≥ ‖UVᵀ‖_(b)²");
            },
        };
        Assert.Equal(Verdict.Refuted, wrong.Run(new RunSettings(100, TestSettings.Seed)).Verdict);
    }

    [Fact]
    public void Variable_rate_with_a_fixed_rate_is_refuted()
    {
        // With λ_r = λ₁ at every r (no variable rate) the constructions drive the regularizer to 0 as r grows.
        var wrong = DropBlockClaims.VariableRate with
        {
            Id = "dropblock.variable-rate.fixed-rate",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var k = DropBlockClaims.SupportSize(c.BlockSize, c.M);
                var target = c.Lambda1 * KSupport.Spectral(c.M, k).Squared;
                var split = BlockShrinkages.Split(c.M, 64, c.BlockSize);
                if (split is null) return Outcome.Discard("too many atoms");
                return Outcome.AtLeast(c.Lambda1 * split.Regularizer, target, new Tolerance(1e-9 * (1 + target), "rounding"), "λ₁·R_64 ≥ λ₁‖M‖_(b)²");
            },
        };
        Assert.Equal(Verdict.Refuted, wrong.Run(new RunSettings(100, TestSettings.Seed)).Verdict);
    }

    [Fact]
    public void Equal_column_products_inside_blocks_is_refuted()
    {
        // Balance holds for the blocks, not for the units within a block (unequal singular values inside an atom).
        var wrong = DropBlockClaims.MinimizerEvenSplit with
        {
            Id = "dropblock.balanced-units",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var recipe = BlockShrinkages.DropBlockRecipe(c.Y, c.Lambda, c.Blocks, c.BlockSize);
                if (DropBlockClaims.EvenSplitOf(c, recipe) is not { } split) return Outcome.Discard("no even split");
                var p = Balancing.Products(split.Factors.U, split.Factors.V).Where(x => x > 1e-12).ToArray();
                return Outcome.AtMost(Balancing.Spread(p), 0, new Tolerance(1e-9 * (1 + p.DefaultIfEmpty(0).Max()), "rounding"), "every unit product is the same");
            },
        };
        Assert.Equal(Verdict.Refuted, wrong.Run(new RunSettings(100, TestSettings.Seed)).Verdict);
    }

    [Fact]
    public void The_even_split_recipe_with_mu_equal_to_lambda_is_refuted()
    {
        var wrong = DropBlockClaims.MinimizerEvenSplit with
        {
            Id = "dropblock.minimizer.mu-lambda",
            Kind = ClaimKind.Control,
            Check = c =>
            {
                var recipe = BlockShrinkages.Solve(c.Y, c.Lambda, c.BlockSize, c.Width);
                var descent = BlockFactorization.LocalDescent(c.Y, c.Lambda, c.Blocks, c.BlockSize, 3, c.Seed);
                return Outcome.Within(descent.LowestValue, recipe.Value, new Tolerance(1e-6 * (1 + recipe.Value), "descent accuracy"), "min f = recipe with μ = λ");
            },
        };
        // About 45 % of the generated instances cannot tell μ = λ from μ = λ/r (one block, or a λ that shrinks Y to 0 either
        // way): measured, 49 of 109 checked cases held over 60 seeds. 20 cases (a budget of 4 for this claim's cost) all held
        // at VERIFICATION_SEED=7; 100 cases give a budget of 20, and all 60 seeds refute it.
        Assert.Equal(Verdict.Refuted, wrong.Run(new RunSettings(100, TestSettings.Seed)).Verdict);
    }
}
