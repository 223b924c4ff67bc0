using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.DropBlock;

/// <summary>dropblock.minimizer (the recipe, as stated), dropblock.minimizer.even-split (with the hypothesis), dropblock.balanced-blocks.</summary>
public static partial class DropBlockClaims
{
    /// <summary>Random starts of local descent per case.</summary>
    public const int DescentStarts = 3;

    /// <summary>
    /// Error of a value read off the SVD of Y: |σ̂_i − σ_i| ≤ m·n·u·‖Y‖₂, and the recipe's value moves by at most 2(1 + λ)‖Y‖_* per unit
    /// change of a singular value, hence the spectral bound with scale 2(1 + λ)‖Y‖_*‖Y‖₂.
    /// </summary>
    public static Tolerance ValueTolerance(Matrix<double> y, double lambda, IReadOnlyList<double> sigma) =>
        Tolerance.Spectral(y.RowCount, y.ColumnCount, y.RowCount + y.ColumnCount,
            2 * (1 + lambda) * sigma.Sum() * (sigma.Count == 0 ? 0 : sigma[0]) + Rounding.UnitRoundoff);

    /// <summary>f at (U, V) against a value from the SVD: the summation bound of f plus <see cref="ValueTolerance"/>.</summary>
    public static Tolerance ObjectiveTolerance(BlockShrinkageCase c, Factors f, IReadOnlyList<double> sigma) =>
        Tolerance.Summation(c.Y.RowCount * c.Y.ColumnCount + 2 * c.Width + c.Y.RowCount + c.Y.ColumnCount + 8,
                BlockFactorization.Magnitude(c.Y, f.U, f.V, c.Lambda, c.BlockSize))
            .Plus(ValueTolerance(c.Y, c.Lambda, sigma));

    private static Tolerance GradientTolerance(BlockShrinkageCase c, Factors f) =>
        Tolerance.Spectral(c.Y.RowCount, c.Y.ColumnCount, c.Y.RowCount + c.Y.ColumnCount + c.Width * c.Width,
            4 * (1 + c.Lambda) * BlockFactorization.GradientMagnitude(c.Y, f.U, f.V, c.Lambda, c.BlockSize) + Rounding.UnitRoundoff);

    private static double Objective(BlockShrinkageCase c, Factors f) => BlockFactorization.Objective(c.Y, f.U, f.V, c.Lambda, c.BlockSize);

    /// <summary>The recipe's even split at width r (null when its atoms do not split evenly into r blocks).</summary>
    public static BlockSplit? EvenSplitOf(BlockShrinkageCase c, SpectralShrinkage recipe)
    {
        var split = BlockShrinkages.Split(recipe.Left, recipe.Right, recipe.X, c.Blocks, c.BlockSize);
        return split is { Even: true } ? split : null;
    }

    /// <summary>Y = s·Q (square, all singular values equal) with two blocks, b ≤ n ≤ 2b and λ &gt; 0: the minimum is known in closed form.</summary>
    public static bool InScaledOrthogonalFamily(BlockShrinkageCase c) =>
        c.Blocks == 2 && c.Lambda > 0 && c.Y.RowCount >= c.BlockSize && c.Y.RowCount <= 2 * c.BlockSize && BlockShrinkages.ScaledOrthogonal(c.Y, 1e-12) is not null;

    private static NamedValue[] RecipeDetails(SpectralShrinkage recipe) =>
    [
        new("value", Value.Of(recipe.Value)), new("X", Value.Of(recipe.Minimizer)), new("x", Value.Of(Row(recipe.X))),
        new("weights", Value.Of(Row(recipe.Weights))), new("mu", Value.Of(recipe.Mu)), new("sigma", Value.Of(Row(recipe.Sigma))),
    ];

    // ---------------------------------------------------------------- dropblock.minimizer (as stated)

    /// <summary>The minimal counterexample to the recipe: Y = I₃, λ = 1, two blocks of two units (min f = 4/3, recipe 9/7).</summary>
    public static BlockShrinkageCase RecipeCounterexample { get; } = new(Matrix<double>.Build.DenseIdentity(3), 1, 2, 2, 1);

    public static Claim<BlockShrinkageCase> Minimizer { get; } = Claim.AsStated(
        id: "dropblock.minimizer",
        title: "As stated: min_{U,V} ‖Y − UVᵀ‖² + λ Σ_g ‖U_gV_gᵀ‖² keeps Y's singular vectors and applies the k-support prox (k = b, μ = λ/r) to the top d singular values",
        statement: @"\min_{U,V}\|Y - UV^\top\|_F^2 + \lambda\sum_{g=1}^r\|U_gV_g^\top\|_F^2 = \min_{\operatorname{rank}M\le rb}\|Y - M\|_F^2 + \tfrac{\lambda}{r}\|M\|_{(b)}^2,\ \text{attained at } M^* = W\operatorname{diag}(\operatorname{prox}_{\frac{\lambda}{r}\|\cdot\|_{(b)}^2}(\sigma_{1..d}))Z^\top",
        source: "Pal2020",
        instances: BlockShrinkageCases.Mixed,
        check: CheckMinimizer,
        decision: Verdict.Refuted,
        evidence: "the recipe's value is always a lower bound (dropblock.regularizer-bound), and it is the minimum when an explicit factorization attains it (its b-support atoms split evenly into the r blocks, or local descent reaches it); refuted with a certified gap at Y = I₃, λ = 1, r = b = 2: the minimum is exactly 4/3 (for fixed column spaces P_g the minimum over the blocks is λ tr(Yᵀ(S + λI)⁻¹Y), S = P₁ + P₂, minimized over S by the two-subspace decomposition and convexity; an explicit factorization attains it, in exact rational arithmetic), while the recipe gives 9/7 at M* = (4/7)I₃; local descent from every start also ends at 4/3 (numerical evidence)",
        sides: "lhs: the minimum of ‖Y − UVᵀ‖_F² + λΣ_g‖U_gV_gᵀ‖_F² (exact where certified, else the best value local descent found); rhs: the recipe's value (k-support prox of Y's top singular values)") with
    {
        Examples = [RecipeCounterexample],
        CaseBudget = n => Math.Max(1, n / 5),
    };

    public static Outcome CheckMinimizer(BlockShrinkageCase c)
    {
        var recipe = BlockShrinkages.DropBlockRecipe(c.Y, c.Lambda, c.Blocks, c.BlockSize);
        var details = new List<NamedValue>(RecipeDetails(recipe));
        var valueTolerance = ValueTolerance(c.Y, c.Lambda, recipe.Sigma);

        if (EvenSplitOf(c, recipe) is { } split)
        {
            var f = split.Factors;
            details.AddRange([new("U", Value.Of(f.U)), new("V", Value.Of(f.V)), new("certificate", Value.Of("even split of the recipe's atoms"))]);
            return Outcome.All(
                    Outcome.Within(Objective(c, f), recipe.Value, ObjectiveTolerance(c, f, recipe.Sigma),
                        "the recipe's atoms split evenly into r blocks: an explicit factorization attains the recipe's value, a lower bound for every factorization"),
                    Outcome.Distance(Value.Of(f.Product.FrobeniusNorm()), Value.Of(recipe.Minimizer.FrobeniusNorm()), (f.Product - recipe.Minimizer).FrobeniusNorm(),
                        valueTolerance, "the factorization's product is the recipe's M*"))
                .WithDetails(details.ToArray());
        }

        if (InScaledOrthogonalFamily(c))
        {
            var n = c.Y.RowCount;
            var s = BlockShrinkages.ScaledOrthogonal(c.Y, 1e-12)!.Value;
            var (minimum, shared) = BlockShrinkages.TwoBlockMinimumOfScaledOrthogonal(n, c.BlockSize, s, c.Lambda);
            var f = BlockShrinkages.TwoBlockMinimizerOfScaledOrthogonal(c.Y, c.BlockSize, c.Lambda);
            details.AddRange([new("minimum", Value.Of(minimum)), new("U", Value.Of(f.U)), new("V", Value.Of(f.V)), new("sharedDirections", Value.Of(shared))]);
            var attained = Outcome.Within(Objective(c, f), minimum, ObjectiveTolerance(c, f, recipe.Sigma), "an explicit factorization attains the closed-form minimum");
            Outcome? exactVerdict = null;
            if (c.Y[0, 0] > 0 && c.Y.Equals(c.Y[0, 0] * Matrix<double>.Build.DenseIdentity(n)))
            {
                // Y = s·I: the minimum, the value of the explicit minimizer and the recipe's value in exact rational arithmetic.
                var (exactS, exactLambda) = (Exact.FromDouble(s), Exact.FromDouble(c.Lambda));
                var exact = ExactTwoBlockMinimum(n, c.BlockSize, exactS, exactLambda, shared);
                attained = Outcome.Exact(exact.Attained, exact.Minimum, "exact: the explicit factorization attains the closed-form minimum");
                var exactRecipe = ExactRecipeOfScaledIdentity(n, c.BlockSize, c.Blocks, exactS, exactLambda);
                details.Add(new("recipeExact", Value.Of(exactRecipe)));
                exactVerdict = Outcome.All(
                    Outcome.Within(recipe.Value, exactRecipe.ToDoubleAnyScale(), valueTolerance, "the recipe in floating point agrees with its exact value"),
                    Outcome.Exact(exact.Minimum, exactRecipe,
                        $"certified, exact: min f = {Exact.Format(exact.Minimum)} (two-subspace lemma, attained by an explicit factorization) against the recipe's {Exact.Format(exactRecipe)}"));
            }
            var search = BlockFactorization.LocalDescent(c.Y, c.Lambda, c.Blocks, c.BlockSize, DescentStarts, c.Seed);
            details.Add(new("descentLowest", Value.Of(search.LowestValue)));
            var notBelow = Outcome.AtLeast(search.LowestValue, minimum, ObjectiveTolerance(c, search.LowestPoint, recipe.Sigma),
                $"local descent from {DescentStarts} starts never goes below the closed-form minimum (numerical evidence for the lemma)");
            var certified = Outcome.All(attained, notBelow);
            if (!certified.Holds) return certified.WithDetails(details.ToArray());
            if (exactVerdict is not null) return exactVerdict.WithDetails(details.ToArray());
            return Outcome.Within(minimum, recipe.Value, valueTolerance,
                    $"certified: min f = {minimum:G6} (two-subspace lemma, attained by an explicit factorization) against the recipe's {recipe.Value:G6}")
                .WithDetails(details.ToArray());
        }

        var descent = BlockFactorization.LocalDescent(c.Y, c.Lambda, c.Blocks, c.BlockSize, DescentStarts, c.Seed);
        var tolerance = ObjectiveTolerance(c, descent.LowestPoint, recipe.Sigma);
        details.AddRange([new("descentLowest", Value.Of(descent.LowestValue)), new("U", Value.Of(descent.LowestPoint.U)), new("V", Value.Of(descent.LowestPoint.V))]);
        var below = Outcome.AtLeast(descent.LowestValue, recipe.Value, tolerance, "local descent never goes below the recipe's value (a lower bound)");
        if (!below.Holds) return below.WithDetails(details.ToArray());
        if (descent.LowestValue <= recipe.Value + tolerance.Bound)
            return Outcome.Within(descent.LowestValue, recipe.Value, tolerance,
                    $"local descent from {DescentStarts} starts reaches the recipe's value: a factorization attains the lower bound")
                .WithDetails(details.ToArray());
        return Outcome.Inconclusive(
            $"numerical evidence only: the best f local descent found from {DescentStarts} starts is {descent.LowestValue:G6} > the recipe's {recipe.Value:G6}, but no lower bound above the recipe is certified here",
            Value.Of(descent.LowestValue), Value.Of(recipe.Value)) with { Details = details };
    }

    /// <summary>
    /// The recipe's value at Y = s·I_n (b ≤ n ≤ r·b) in exact rational arithmetic: all weights equal c = b/n, so the prox is
    /// x = s·c/(c + μ) on every singular value (μ = λ/r) and the value is n(s − x)² + μ(nx)²/b.
    /// </summary>
    public static Fraction ExactRecipeOfScaledIdentity(int n, int b, int r, Fraction s, Fraction lambda)
    {
        if (n < b || n > r * b) throw new ArgumentException("the exact recipe needs b ≤ n ≤ r·b");
        var mu = lambda / r;
        var c = new Fraction(b, n);
        var x = s * c / (c + mu);
        return n * (s - x) * (s - x) + mu * (n * x) * (n * x) / b;
    }

    /// <summary>The closed-form minimum at Y = s·I and f at the explicit minimizer, both in exact rational arithmetic.</summary>
    public static (Fraction Minimum, Fraction Attained) ExactTwoBlockMinimum(int n, int b, Fraction s, Fraction lambda, int shared)
    {
        var bb = Math.Min(b, n);
        var minimum = lambda * s * s * (new Fraction(shared) / (2 + lambda) + new Fraction(2 * bb - 2 * shared) / (1 + lambda) + new Fraction(n - 2 * bb + shared) / lambda);
        var own = bb - shared;
        var u = ExactMatrix.Create(n, 2 * b, (i, j) =>
        {
            var (g, slot) = (j / b, j % b);
            var direction = slot < shared ? slot : slot < bb ? shared + g * own + (slot - shared) : -1;
            return direction == i ? Fraction.One : Fraction.Zero;
        });
        var v = ExactMatrix.Create(n, 2 * b, (i, j) => u[i, j].IsZero ? Fraction.Zero : s / ((i < shared ? 2 : 1) + lambda));
        var y = ExactMatrix.Create(n, n, (i, j) => i == j ? s : Fraction.Zero);
        var attained = y.Subtract(u.Multiply(v.Transpose())).FrobeniusNormSquared() + lambda * DropBlockObjective.Regularizer(u, v, b);
        return (minimum, attained);
    }

    // ---------------------------------------------------------------- dropblock.minimizer.even-split

    public static Claim<BlockShrinkageCase> MinimizerEvenSplit { get; } = Claim.Theorem(
        id: "dropblock.minimizer.even-split",
        title: "When the recipe's b-support atoms split evenly into the r blocks, the recipe (prox k = b, μ = λ/r on the top d singular values) gives the minimum and a minimizer",
        statement: @"M^* = W\operatorname{diag}(\operatorname{prox}_{\frac{\lambda}{r}\|\cdot\|_{(b)}^2}(\sigma_{1..d}))Z^\top,\ M^* = \textstyle\sum_j t_j A_j \text{ with } r\,t_j/\sum t \in \mathbb{Z} \implies \min_{U,V} f = \|Y - M^*\|_F^2 + \tfrac{\lambda}{r}\|M^*\|_{(b)}^2",
        source: "Pal2020",
        instances: BlockShrinkageCases.Even,
        check: CheckMinimizerEvenSplit,
        evidence: "the convex problem's optimality (k-support prox certificate on the spectrum: ‖σ − x‖_(k),* ≤ μ‖x‖_(k) and ⟨σ − x, x⟩ = μ‖x‖_(k)²), its value a lower bound for every factorization (dropblock.regularizer-bound); the even split attains it (value within the SVD bound, product M*), ∇f vanishes there, equal block norms, and L-BFGS from 3 random starts never goes below it",
        sides: "lhs: f at the even-split factorization; rhs: the recipe's value (a lower bound for every factorization); then ‖∇f‖ against 0, the block-norm spread against 0, the prox certificate, and local descent against the recipe") with
    {
        CaseBudget = n => Math.Max(1, n / 5),
    };

    public static Outcome CheckMinimizerEvenSplit(BlockShrinkageCase c)
    {
        var recipe = BlockShrinkages.DropBlockRecipe(c.Y, c.Lambda, c.Blocks, c.BlockSize);
        if (EvenSplitOf(c, recipe) is not { } split)
            return Outcome.Discard("the recipe's b-support atoms do not split evenly into the r blocks (the hypothesis)");
        var f = split.Factors;
        var valueTolerance = ValueTolerance(c.Y, c.Lambda, recipe.Sigma);
        var objectiveTolerance = ObjectiveTolerance(c, f, recipe.Sigma);
        var kept = recipe.Sigma.Take(recipe.Kept).ToArray();
        var residual = kept.Select((s, i) => s - recipe.X[i]).ToArray();
        var norm = recipe.Kept == 0 ? 0 : KSupport.Norm(recipe.X, recipe.K).Value;
        var outcomes = new List<Outcome>
        {
            Outcome.Within(Objective(c, f), recipe.Value, objectiveTolerance, "the even split attains the recipe's value (a lower bound for every factorization)"),
            Outcome.Distance(Value.Of(f.Product.FrobeniusNorm()), Value.Of(recipe.Minimizer.FrobeniusNorm()), (f.Product - recipe.Minimizer).FrobeniusNorm(), valueTolerance,
                "its product is the recipe's M*"),
            Outcome.Within(BlockFactorization.GradientNorm(c.Y, f.U, f.V, c.Lambda, c.BlockSize), 0, GradientTolerance(c, f), "∇f vanishes at the even split"),
            Outcome.Within(Balancing.Spread(split.BlockNorms), 0, valueTolerance, "every block of the even split has the same norm"),
        };
        if (recipe.Kept > 0)
        {
            outcomes.Add(Outcome.AtMost(KSupport.Dual(residual, recipe.K), recipe.Mu * norm, valueTolerance, "prox certificate: ‖σ − x‖_(b),* ≤ μ‖x‖_(b)"));
            outcomes.Add(Outcome.Within(Dot(residual, recipe.X), recipe.Mu * norm * norm, valueTolerance, "prox certificate: ⟨σ − x, x⟩ = μ‖x‖_(b)²"));
        }
        var descent = BlockFactorization.LocalDescent(c.Y, c.Lambda, c.Blocks, c.BlockSize, DescentStarts, c.Seed);
        outcomes.Add(Outcome.AtLeast(descent.LowestValue, recipe.Value, ObjectiveTolerance(c, descent.LowestPoint, recipe.Sigma),
            $"L-BFGS from {DescentStarts} random starts ({descent.Evaluations} evaluations) never goes below the recipe's value"));
        return Outcome.All(outcomes.ToArray()).WithDetails(
            [.. RecipeDetails(recipe), new("U", Value.Of(f.U)), new("V", Value.Of(f.V)), new("blockNorms", Value.Of(Row(split.BlockNorms))),
             new("pieces", Value.Of(Row(split.Pieces.Select(p => (double)p).ToArray()))), new("descentLowest", Value.Of(descent.LowestValue))]);
    }

    // ---------------------------------------------------------------- dropblock.balanced-blocks

    /// <summary>
    /// The relative spread of block norms accepted at a numerically found minimum (where no closed form certifies the minimum):
    /// converged L-BFGS points of these problems show relative spreads of 1e-10 to 3e-7, while an unbalanced minimum would differ at
    /// order one. Numerical evidence, and reported as such.
    /// </summary>
    public const double NumericalSpread = 1e-5;

    public static Claim<BlockShrinkageCase> BalancedBlocks { get; } = Claim.Theorem(
        id: "dropblock.balanced-blocks",
        title: "At a global minimum of the fixed-width DropBlock objective every block product ‖U_gV_gᵀ‖_F is the same",
        statement: @"(U^*,V^*) \in \operatorname*{argmin}_{U,V} \|Y - UV^\top\|_F^2 + \lambda\sum_g\|U_gV_g^\top\|_F^2,\ \lambda > 0 \implies \|U^*_gV_g^{*\top}\|_F = \|U^*_hV_h^{*\top}\|_F\ \forall g,h",
        source: "Pal2020",
        instances: BlockShrinkageCases.Mixed,
        check: CheckBalancedBlocks,
        evidence: "proved where the minimum is the recipe's value (even splits, or local descent reaching it): f(U, V) − (recipe) ≥ (λ/r)Σ_{g<h}(p_g − p_h)² for every factorization (Lagrange's identity and dropblock.regularizer-bound), checked at the best points found, so a global minimum is balanced; at Y = s·Q with two blocks the minimizers are known in closed form and balanced; elsewhere numerical evidence: the best of 3 L-BFGS runs has block norms equal to 1e-5 relative",
        sides: "lhs: the spread max_g − min_g of the block norms ‖U_gV_gᵀ‖_F at the (best known) minimum; rhs: 0, or the bound r·(f − recipe)/λ from Lagrange's identity, or 1e-5·max_g as numerical evidence") with
    {
        CaseBudget = n => Math.Max(1, n / 5),
    };

    public static Outcome CheckBalancedBlocks(BlockShrinkageCase c)
    {
        if (!(c.Lambda > 0)) return Outcome.Discard("λ = 0: f does not see the block norms");
        var recipe = BlockShrinkages.DropBlockRecipe(c.Y, c.Lambda, c.Blocks, c.BlockSize);
        var descent = BlockFactorization.LocalDescent(c.Y, c.Lambda, c.Blocks, c.BlockSize, DescentStarts, c.Seed);
        var best = descent.LowestPoint;
        var p = DropBlockObjective.BlockNorms(best.U, best.V, c.BlockSize);
        var spread = 0.0;
        for (var g = 0; g < p.Length; g++)
            for (var h = g + 1; h < p.Length; h++) spread += (p[g] - p[h]) * (p[g] - p[h]);
        var objectiveTolerance = ObjectiveTolerance(c, best, recipe.Sigma);
        var details = new List<NamedValue>
        {
            new("blockNorms", Value.Of(Row(p))), new("descentLowest", Value.Of(descent.LowestValue)), new("recipeValue", Value.Of(recipe.Value)),
            new("U", Value.Of(best.U)), new("V", Value.Of(best.V)),
        };
        var even = EvenSplitOf(c, recipe);
        if (even is not null || descent.LowestValue <= recipe.Value + objectiveTolerance.Bound)
        {
            // The minimum is the recipe's value: Σ_{g<h}(p_g − p_h)² ≤ r(f − recipe)/λ at every factorization.
            var outcomes = new List<Outcome>
            {
                Outcome.AtMost(spread, c.Blocks * (descent.LowestValue - recipe.Value) / c.Lambda,
                    new Tolerance(c.Blocks * objectiveTolerance.Bound / c.Lambda, $"r/λ·({objectiveTolerance.Reason})"),
                    "Σ_{g<h}(p_g − p_h)² ≤ r(f − min f)/λ at the best point found: every global minimum is balanced"),
            };
            if (even is not null)
                outcomes.Add(Outcome.Within(Balancing.Spread(even.BlockNorms), 0, ValueTolerance(c.Y, c.Lambda, recipe.Sigma), "the even split (a global minimum) is balanced"));
            details.Add(new("certificate", Value.Of(even is not null ? "even split" : "local descent reaches the recipe's value")));
            return Outcome.All(outcomes.ToArray()).WithDetails(details.ToArray());
        }
        if (InScaledOrthogonalFamily(c))
        {
            var f = BlockShrinkages.TwoBlockMinimizerOfScaledOrthogonal(c.Y, c.BlockSize, c.Lambda);
            var norms = DropBlockObjective.BlockNorms(f.U, f.V, c.BlockSize);
            details.Add(new("certificate", Value.Of("closed-form minimizer of the two-block problem at Y = s·Q")));
            return Outcome.All(
                    Outcome.Within(Balancing.Spread(norms), 0, ValueTolerance(c.Y, c.Lambda, recipe.Sigma), "the closed-form two-block minimizer is balanced"),
                    Outcome.AtMost(Balancing.Spread(p), NumericalSpread * p.Max(), new Tolerance(0, "numerical evidence: relative spread 1e-5 at the best point found"),
                        "the best point local descent found is balanced (numerical evidence)"))
                .WithDetails(details.ToArray());
        }
        details.Add(new("certificate", Value.Of("none: numerical evidence")));
        return Outcome.AtMost(Balancing.Spread(p), NumericalSpread * p.Max(), new Tolerance(0, "numerical evidence: relative spread 1e-5 at the best point found"),
                $"numerical evidence: the best point of {DescentStarts} L-BFGS runs (f = {descent.LowestValue:G6}, above the recipe's {recipe.Value:G6}) has equal block norms")
            .WithDetails(details.ToArray());
    }
}
