using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Dropout;

namespace Verification.Topics.DropBlock;

/// <summary>dropblock.regularizer-bound, dropblock.regularizer-equality (open) and dropblock.variable-rate.</summary>
public static partial class DropBlockClaims
{
    /// <summary>The support size of the spectral norm: b, capped at min(m, n) (beyond it the b-support norm is Frobenius).</summary>
    public static int SupportSize(int b, Matrix<double> m) => Math.Max(1, Math.Min(b, Math.Min(m.RowCount, m.ColumnCount)));

    public static Claim<BlockPair> RegularizerBound { get; } = Claim.Theorem(
        id: "dropblock.regularizer-bound",
        title: "The DropBlock regularizer is at least (1/r)‖UVᵀ‖_(b)², the squared spectral b-support norm over the number of blocks",
        statement: @"\sum_g \|U_gV_g^\top\|_F^2 \ge \tfrac1r\Big(\sum_g \|U_gV_g^\top\|_F\Big)^2 \ge \tfrac1r \|UV^\top\|_{(b)}^2",
        source: "Pal2020",
        instances: BlockPairCases.Mixed,
        check: CheckRegularizerBound,
        evidence: "each step on arbitrary pairs and on pairs built from b-support atoms, within summation and SVD bounds: the Cauchy–Schwarz gap equals (1/r)Σ_{g<h}(p_g − p_h)² (Lagrange's identity); every block has rank ≤ b, so its b-support norm is its Frobenius norm; the triangle inequality Σ_g p_g ≥ ‖UVᵀ‖_(b); equality when the blocks are equal-norm pieces of an optimal atomic decomposition",
        sides: "lhs: Σ_g ‖U_gV_gᵀ‖_F²; rhs: (1/r)‖UVᵀ‖_(b)² (then the Cauchy–Schwarz gap against Lagrange's identity, Σ_g ‖U_gV_gᵀ‖_(b) against ‖UVᵀ‖_(b))");

    public static Outcome CheckRegularizerBound(BlockPair c)
    {
        var (b, r) = (c.BlockSize, c.Blocks);
        var m = c.Product;
        var k = SupportSize(b, m);
        var p = DropBlockObjective.BlockNorms(c.U, c.V, b);
        var regularizer = p.Sum(x => x * x);
        var sum = p.Sum();
        var norm = KSupport.Spectral(m, k).Value;
        var bound = norm * norm / r;
        var lagrange = 0.0;
        for (var g = 0; g < r; g++)
            for (var h = g + 1; h < r; h++) lagrange += (p[g] - p[h]) * (p[g] - p[h]) / r;
        int rows = m.RowCount, columns = m.ColumnCount;
        var mass = Enumerable.Range(0, r).Sum(g => DropBlockObjective.Block(c.U, g, b).FrobeniusNorm() * DropBlockObjective.Block(c.V, g, b).FrobeniusNorm());
        var spectral = Tolerance.Spectral(rows, columns, rows + columns + c.Width, 4 * mass + Rounding.UnitRoundoff);
        var spectralSquared = Tolerance.Spectral(rows, columns, rows + columns + c.Width, 4 * mass * mass + Rounding.UnitRoundoff);
        var summation = Tolerance.Summation(2 * (rows + columns + b) + r * r, 2 * mass * mass);
        var outcomes = new List<Outcome>
        {
            Outcome.AtLeast(regularizer, bound, spectralSquared, "Σ_g ‖U_gV_gᵀ‖² ≥ (1/r)‖UVᵀ‖_(b)²"),
            Outcome.Within(regularizer - sum * sum / r, lagrange, summation, "the Cauchy–Schwarz gap is (1/r)Σ_{g<h}(p_g − p_h)²"),
            Outcome.AtLeast(sum, norm, spectral, "the triangle inequality: Σ_g ‖U_gV_gᵀ‖_(b) ≥ ‖UVᵀ‖_(b)"),
        };
        for (var g = 0; g < r; g++)
        {
            var block = DropBlockObjective.Block(c.U, g, b) * DropBlockObjective.Block(c.V, g, b).Transpose();
            outcomes.Add(Outcome.Within(KSupport.Spectral(block, k).Value, p[g], spectral, $"block {g + 1} has rank ≤ b: its b-support norm is its Frobenius norm"));
        }
        var equalNorms = Balancing.Spread(p) <= spectral.Bound && Math.Abs(sum - norm) <= spectral.Bound;
        if (equalNorms) outcomes.Add(Outcome.Within(regularizer, bound, spectralSquared, "equal block norms summing to ‖UVᵀ‖_(b): equality"));
        return Outcome.All(outcomes.ToArray()).WithDetails(
            new NamedValue("regularizer", Value.Of(regularizer)), new NamedValue("bound", Value.Of(bound)),
            new NamedValue("blockNorms", Value.Of(Row(p))), new NamedValue("supportNorm", Value.Of(norm)),
            new NamedValue("equality", Value.Of(equalNorms ? "yes" : "no")));
    }

    // ---------------------------------------------------------------- dropblock.regularizer-equality

    /// <summary>The minimal counterexample to the equality: M = I₃, b = 2, r = 2 (minimum 5/2, bound 9/4).</summary>
    public static EqualityCase EqualityCounterexample { get; } = new(Matrix<double>.Build.DenseIdentity(3), 2, 2);

    public static Claim<EqualityCase> RegularizerEquality { get; } = Claim.Open(
        id: "dropblock.regularizer-equality",
        title: "Open: is min over UVᵀ = M of Σ_g ‖U_gV_gᵀ‖² equal to (1/r)‖M‖_(b)² for every r and every M of rank ≤ r·b? No",
        statement: @"\min_{UV^\top = M} \sum_{g=1}^{r} \|U_gV_g^\top\|_F^2 \overset{?}{=} \tfrac1r\|M\|_{(b)}^2 \quad (\operatorname{rank} M \le rb)",
        source: "Pal2020",
        instances: EqualityCases.Any,
        check: CheckRegularizerEquality,
        decision: Verdict.Refuted,
        evidence: "settled negatively with a certified gap: M = I₃, b = 2, r = 2 has minimum exactly 5/2 (attained by an explicit factorization, checked in exact rational arithmetic; and no factorization does better: for fixed column spaces P_g the least-norm decomposition costs tr(S⁻¹), S = P₁ + P₂, and by the two-subspace (Jordan) decomposition and convexity of 1/s, tr(S⁻¹) ≥ k/2 + (n − k) with k = 2b − n, i.e. s²(3n − 2b)/2 for M = s·Q), while (1/r)‖I₃‖_(2)² = 9/4. Equality holds when the b-support atoms of M split evenly into r blocks, and then by an explicit factorization; elsewhere the check reports the best factorization found by local descent (numerical evidence)",
        sides: "lhs: the minimum (or the best value found) of Σ_g ‖U_gV_gᵀ‖_F² over UVᵀ = M; rhs: (1/r)‖M‖_(b)²") with
    {
        Examples = [EqualityCounterexample],
        CaseBudget = n => Math.Max(1, n / 5),
    };

    public static Outcome CheckRegularizerEquality(EqualityCase c)
    {
        var (m, b, r) = (c.M, c.BlockSize, c.Blocks);
        var sigma = Thresholding.SingularValues(m);
        var rank = Thresholding.Rank(sigma, m.RowCount, m.ColumnCount);
        if (rank > r * b) return Outcome.Discard($"rank M = {rank} > r·b = {r * b}: no factorization with {r} blocks of {b} columns");
        var k = SupportSize(b, m);
        var norm = KSupport.Norm(sigma, k);
        var bound = norm.Squared / r;
        int rows = m.RowCount, columns = m.ColumnCount;
        var nuclear = sigma.Sum();
        var tolerance = Tolerance.Spectral(rows, columns, rows + columns + 4 * r * b, 8 * nuclear * nuclear + Rounding.UnitRoundoff);
        var details = new List<NamedValue> { new("bound", Value.Of(bound)), new("supportNormSquared", Value.Of(norm.Squared)) };

        // The family M = s·Q with r = 2 and b < n < 2b: the minimum is known exactly, and so is a factorization attaining it.
        var s = BlockShrinkages.ScaledOrthogonal(m, 1e-12);
        if (s is { } scale && r == 2 && BlockShrinkages.TwoBlockRegularizerOfScaledOrthogonal(rows, b, scale) is { } minimum)
        {
            var f = BlockShrinkages.TwoBlockFactorsOfScaledOrthogonal(m, b);
            var attained = DropBlockObjective.Regularizer(f.U, f.V, b);
            details.AddRange([new("minimum", Value.Of(minimum)), new("U", Value.Of(f.U)), new("V", Value.Of(f.V)), new("attained", Value.Of(attained))]);
            var reproduces = Outcome.Distance(Value.Of(f.Product.FrobeniusNorm()), Value.Of(m.FrobeniusNorm()), (f.Product - m).FrobeniusNorm(), tolerance,
                "the explicit two-block factorization reproduces M");
            var attains = Outcome.Within(attained, minimum, tolerance, "the explicit factorization attains s²(3n − 2b)/2");
            if (m.Equals(m[0, 0] * Matrix<double>.Build.DenseIdentity(rows)))
            {
                // M = s·I: the factorization has binary-exact entries, so both facts are checked in rational arithmetic.
                var (u, v) = (ExactMatrix.FromDoubles(f.U), ExactMatrix.FromDoubles(f.V));
                var exactValue = DropBlockObjective.Regularizer(u, v, b);
                var exactMinimum = Exact.FromDouble(scale) * Exact.FromDouble(scale) * new Fraction(3 * rows - 2 * b, 2);
                reproduces = Outcome.Decide(u.Multiply(v.Transpose()).Subtract(ExactMatrix.FromDoubles(m)).FrobeniusNormSquared().IsZero,
                    Value.Of(u.Multiply(v.Transpose())), Value.Of(ExactMatrix.FromDoubles(m)), "exact: the explicit two-block factorization reproduces M");
                attains = Outcome.Exact(exactValue, exactMinimum, "exact: the explicit factorization attains s²(3n − 2b)/2");
                // All n singular values equal s ≥ b of them: ‖M‖_(b)² = (ns)²/b exactly (the tail formula with q = b − 1).
                var exactBound = Exact.FromDouble(scale) * Exact.FromDouble(scale) * new Fraction(rows * rows, b * r);
                var exactGap = Outcome.Exact(exactMinimum, exactBound, exactMinimum == exactBound
                    ? "exact: n = b or n = 2b, the minimum s²(3n − 2b)/2 equals the bound (ns)²/(rb)"
                    : $"certified gap, exact: every factorization with r = 2 blocks costs at least s²(3n − 2b)/2 = {Exact.Format(exactMinimum)} (two-subspace lemma) and one attains it, but (1/r)‖M‖_(b)² = {Exact.Format(exactBound)}");
                var exactCertified = Outcome.All(reproduces, attains);
                return (exactCertified.Holds ? exactGap : exactCertified).WithDetails(details.ToArray());
            }
            var gap = Math.Abs(minimum - bound) <= tolerance.Bound
                ? Outcome.Within(minimum, bound, tolerance, "n = b or n = 2b: the minimum s²(3n − 2b)/2 equals the bound")
                : Outcome.Within(minimum, bound, tolerance,
                    $"certified gap: every factorization with r = 2 blocks costs at least s²(3n − 2b)/2 = {minimum:G6} (two-subspace lemma) and one attains it, but (1/r)‖M‖_(b)² = {bound:G6}");
            var certified = Outcome.All(reproduces, attains);
            return (certified.Holds ? gap : certified).WithDetails(details.ToArray());
        }

        // An even split of the b-support atoms attains the bound; otherwise the best factorization a search finds.
        var split = BlockShrinkages.Split(m, r, b);
        var best = double.PositiveInfinity;
        Factors? bestFactors = null;
        if (split is not null) (best, bestFactors) = (split.Regularizer, split.Factors);
        if (!(best <= bound + tolerance.Bound) && BlockShrinkages.SearchDecomposition(m, r, b, 3, (ulong)(rows * 31 + columns * 7 + r * b)) is { } found && found.Value < best)
            (best, bestFactors) = (found.Value, found.Factors);
        if (bestFactors is not null) details.AddRange([new("U", Value.Of(bestFactors.U)), new("V", Value.Of(bestFactors.V)), new("attained", Value.Of(best))]);
        if (best <= bound + tolerance.Bound)
        {
            var f = bestFactors!;
            return Outcome.All(
                Outcome.Distance(Value.Of(f.Product.FrobeniusNorm()), Value.Of(m.FrobeniusNorm()), (f.Product - m).FrobeniusNorm(), tolerance, "the factorization reproduces M"),
                Outcome.Within(DropBlockObjective.Regularizer(f.U, f.V, b), bound, tolerance, "an explicit factorization attains (1/r)‖M‖_(b)² (with the lower bound dropblock.regularizer-bound: equality)"))
                .WithDetails(details.ToArray());
        }
        return Outcome.Inconclusive(
            $"numerical evidence only: the best factorization found costs {best:G6} > (1/r)‖M‖_(b)² = {bound:G6}, but no lower bound above (1/r)‖M‖_(b)² is certified for this M",
            Value.Of(best), Value.Of(bound)) with { Details = details };
    }

    // ---------------------------------------------------------------- dropblock.variable-rate

    public static Claim<BlockVariableRateCase> VariableRate { get; } = Claim.Theorem(
        id: "dropblock.variable-rate",
        title: "With θ_r = θ₁/(r − (r−1)θ₁) and the infimum over r too, the regularizer induced by DropBlock is λ₁‖M‖_(b)² (at a fixed r it can be larger)",
        statement: @"\inf_{r}\ \min_{UV^\top = M} \frac{1-\theta_r}{\theta_r}\sum_{g=1}^{r}\|U_gV_g^\top\|_F^2 = \lambda_1\|M\|_{(b)}^2,\quad \theta_r = \frac{\theta_1}{r-(r-1)\theta_1}",
        source: "Pal2020",
        instances: VariableRateCases.Any,
        check: CheckVariableRate,
        evidence: "(1 − θ_r)/θ_r = rλ₁ in exact rational arithmetic; lower bound at every r by dropblock.regularizer-bound, checked on the constructions and on rotations of them; upper bound by explicit factorizations from the b-support atoms of M (p atoms, each split into n_j equal blocks): rλ₁Σ_j t_j²/n_j ≤ λ₁‖M‖_(b)²·r/(r − p), checked at r = p, 2p, 8p, 32p, so the infimum is λ₁‖M‖_(b)², attained at a finite r when the atoms split evenly. At a fixed r the minimum can be strictly larger (dropblock.regularizer-equality), so the infimum over r is needed",
        sides: "lhs: r·λ₁·Σ_g ‖U_gV_gᵀ‖_F² at the explicit factorization for each r; rhs: λ₁‖M‖_(b)² (and (1 − θ_r)/θ_r against r·λ₁, exact)");

    public static Outcome CheckVariableRate(BlockVariableRateCase c)
    {
        var (m, b, lambda1) = (c.M, c.BlockSize, c.Lambda1);
        var sigma = Thresholding.SingularValues(m);
        var rank = Thresholding.Rank(sigma, m.RowCount, m.ColumnCount);
        var k = SupportSize(b, m);
        var norm = KSupport.Norm(sigma, k);
        var target = lambda1 * norm.Squared;
        var atoms = rank == 0 ? 1 : KSupport.Atoms(sigma.Take(rank).ToArray(), Math.Min(k, rank)).Count;
        int rows = m.RowCount, columns = m.ColumnCount;
        var nuclear = sigma.Sum();
        var theta1 = Exact.FromDouble(c.Theta1);
        var outcomes = new List<Outcome>();
        var values = new List<double>();
        int? attainedAt = null;
        var rng = new SplitMix64((ulong)(rows * 131 + columns * 17 + b));
        foreach (var r in new[] { atoms, 2 * atoms, 8 * atoms, 32 * atoms })
        {
            var exactLambda = DropoutObjective.Lambda(Dropout.Minimizers.VariableRetainRate(theta1, r));
            outcomes.Add(Outcome.Exact(exactLambda, new Fraction(r) * DropoutObjective.Lambda(theta1), $"exact: (1 − θ_r)/θ_r = r·λ₁ at r = {r}"));
            var lambdaR = DropoutObjective.Lambda(Dropout.Minimizers.VariableRetainRate(c.Theta1, r));
            var split = BlockShrinkages.Split(m, r, b)!;
            var value = lambdaR * DropBlockObjective.Regularizer(split.Factors.U, split.Factors.V, b);
            values.Add(value);
            var tolerance = Tolerance.Spectral(rows, columns, rows + columns + 4 * r * b, 8 * (1 + lambda1) * nuclear * nuclear + Rounding.UnitRoundoff);
            outcomes.Add(Outcome.Distance(Value.Of(split.Factors.Product.FrobeniusNorm()), Value.Of(m.FrobeniusNorm()), (split.Factors.Product - m).FrobeniusNorm(),
                tolerance, $"the construction with r = {r} blocks reproduces M"));
            outcomes.Add(Outcome.AtLeast(value, target, tolerance, $"r = {r}: the construction is not below λ₁‖M‖_(b)² (the lower bound)"));
            if (r > atoms) outcomes.Add(Outcome.AtMost(value, target * r / (r - atoms), tolerance, $"r = {r}: the construction is within a factor r/(r − p) = {(double)r / (r - atoms):G4} of λ₁‖M‖_(b)²"));
            if (split.Even)
            {
                outcomes.Add(Outcome.Within(value, target, tolerance, $"r = {r}: the atoms split evenly, so the construction attains λ₁‖M‖_(b)²"));
                attainedAt ??= r;
            }
            if (r > 2 * atoms) continue;
            var rotation = Normal.RandomOrthogonal(r * b, rng);
            var (u, v) = (split.Factors.U * rotation, split.Factors.V * rotation);
            outcomes.Add(Outcome.AtLeast(lambdaR * DropBlockObjective.Regularizer(u, v, b), target, tolerance,
                $"r = {r}: a rotated factorization (UR, VR) of M is not below λ₁‖M‖_(b)² either"));
        }
        return Outcome.All(outcomes.ToArray()).WithDetails(
            new NamedValue("value", Value.Of(target)), new NamedValue("atoms", Value.Of(atoms)),
            new NamedValue("widths", Value.Of(Row(new double[] { atoms, 2 * atoms, 8 * atoms, 32 * atoms }))),
            new NamedValue("constructed", Value.Of(Row(values))),
            new NamedValue("attainedAt", attainedAt is { } a ? Value.Of(a) : Value.Of("— (the atoms never split evenly at the widths tried: only the infimum)")),
            new NamedValue("supportNorm", Value.Of(norm.Value)));
    }
}
