using MathNet.Numerics.LinearAlgebra;
using Verification.Claims;
using Verification.Factorization;
using Verification.LinearAlgebra;
using Style = Verification.Dropout.MinimizerGenerators.CandidateStyle;

namespace Verification.Dropout;

/// <summary>dropout.balance-rotation, dropout.balance-gram, dropout.optimum-characterization and dropout.optimum-construction (and their as-stated forms).</summary>
public static partial class DropoutClaims
{
    // ---------------------------------------------------------------- dropout.balance-rotation

    public static Claim<FactorizationCase> BalanceRotation { get; } = new(
        Id: "dropout.balance-rotation",
        Title: "Every pair (U, V) can be equalized by a rotation that keeps UVᵀ",
        Statement: @"\forall U, V\ \exists R \in O(r):\ (UR)(VR)^\top = UV^\top,\ \|Ur_i\|\|Vr_i\| \text{ equal for every } i",
        Kind: ClaimKind.Theorem,
        SourceKey: "Mianjy2018",
        Expected: Verdict.Verified,
        Evidence: "constructive: Givens sweeps (largest against smallest product, pair equalized by bisection, restarts from seeded random rotations; stopping rule in Balancing.EqualizingRotation) find R, then RᵀR = I, (UR)(VR)ᵀ = UVᵀ and equal products are checked within rounding bounds scaled by the number of rotations; a search that stops without R is inconclusive, never a counterexample",
        Generator: MinimizerGenerators.Pairs,
        Shrink: FactorizationGenerators.Shrink,
        Check: CheckBalanceRotation,
        Describe: FactorizationGenerators.Describe)
    {
        Evaluator = input => CheckBalanceRotation(ReadPair(input)),
    };

    public static CheckOutcome CheckBalanceRotation(FactorizationCase c)
    {
        var search = Balancing.EqualizingRotation(c.U, c.V);
        var details = new[]
        {
            new NamedValue("R", Value.Of(search.R)),
            new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, c.Width, search.Products))),
            new NamedValue("rotations", Value.Of(search.Rotations)),
            new NamedValue("restarts", Value.Of(search.Restarts)),
        };
        if (!search.Found)
            return new CheckOutcome(false, Value.Of(Balancing.Spread(search.Products)), Value.Of(0.0), Balancing.Spread(search.Products), search.Target,
                $"the rotation search stopped after {search.Rotations} rotations and {search.Restarts} restarts without equalizing: inconclusive") { Inconclusive = true }.WithDetails(details);
        var r = c.Width;
        var bound = search.Target;
        var orthogonality = (search.R.TransposeThisAndMultiply(search.R) - Matrix<double>.Build.DenseIdentity(r)).FrobeniusNorm();
        var orthogonalityTolerance = 2 * Tolerance.Gamma(6.0 * (search.Rotations + 1) * Math.Sqrt(r) + r) * r;
        var u = c.U * search.R;
        var v = c.V * search.R;
        var drift = (u * v.Transpose() - c.X).FrobeniusNorm();
        var productTolerance = (orthogonalityTolerance + 2 * Tolerance.Gamma(2 * r + 4)) * Math.Sqrt(Norms.AbsoluteProductMass(c.U, c.V)) * 4 + Tolerance.Gamma(r) * c.U.FrobeniusNorm() * c.V.FrobeniusNorm() * 4;
        var products = Balancing.Products(u, v);
        return CheckOutcome.All(
            new CheckOutcome(orthogonality <= orthogonalityTolerance, Value.Of(orthogonality), Value.Of(0.0), orthogonality, orthogonalityTolerance, "RᵀR = I"),
            new CheckOutcome(drift <= productTolerance, Value.Of((u * v.Transpose()).FrobeniusNorm()), Value.Of(c.X.FrobeniusNorm()), drift, productTolerance, "(UR)(VR)ᵀ = UVᵀ (Frobenius distance)"),
            new CheckOutcome(Balancing.Spread(products) <= bound, Value.Of(products.Max()), Value.Of(products.Min()), Balancing.Spread(products), bound,
                $"max − min of ‖(UR)_i‖‖(VR)_i‖ after {search.Rotations} rotations")).WithDetails(details);
    }

    // ---------------------------------------------------------------- dropout.balance-gram

    public static Claim<FactorizationCase> BalanceGram { get; } = new(
        Id: "dropout.balance-gram",
        Title: "A Gram-balanced pair is equalized by the rotation of the Gram-based algorithm, with every product ‖UVᵀ‖_*/r",
        Statement: @"U^\top U = V^\top V = G \implies \operatorname{diag}(Q^\top G Q) = \tfrac{\operatorname{tr} G}{r}\mathbb{1},\ \|(UQ)_i\|\|(VQ)_i\| = \tfrac{\|UV^\top\|_*}{r}",
        Kind: ClaimKind.Theorem,
        SourceKey: "Cavazza2018",
        Expected: Verdict.Verified,
        Evidence: "the algorithm as THEORY.md states it (centre, trailing zero-trace block, w = k^{-1/2}Σe_j, Householder completion, recursion) on Gram-balanced pairs (balanced SVD factors of X of every style, r below/at/above rank, rotated): QᵀQ = I, diag(QᵀGQ) = tr G/r, tr G = ‖UVᵀ‖_* and equal products ‖UVᵀ‖_*/r, within eigen- and singular-value backward-error bounds",
        Generator: MinimizerGenerators.GramBalancedPairs,
        Shrink: FactorizationGenerators.Shrink,
        Check: c => CheckBalanceGram(c, strict: false),
        Describe: FactorizationGenerators.Describe)
    {
        Evaluator = input => CheckBalanceGram(ReadPair(input), strict: true),
    };

    public static CheckOutcome CheckBalanceGram(FactorizationCase c, bool strict)
    {
        int m = c.U.RowCount, n = c.V.RowCount, r = c.Width;
        var gu = c.U.TransposeThisAndMultiply(c.U);
        var gv = c.V.TransposeThisAndMultiply(c.V);
        var scale = Norms.FrobeniusSquared(c.U) + Norms.FrobeniusSquared(c.V) + Tolerance.UnitRoundoff;
        var premise = (gu - gv).FrobeniusNorm();
        var premiseTolerance = Tolerance.Spectral(m, n, m + n + r, scale);
        if (premise > premiseTolerance.Bound)
        {
            if (strict) throw new InputException($"U and V are not Gram-balanced: ‖UᵀU − VᵀV‖_F = {premise:G6} (the claim assumes UᵀU = VᵀV)");
            return new CheckOutcome(true, Value.Of(premise), Value.Of(0.0), 0, premiseTolerance.Bound, "premise UᵀU = VᵀV fails: nothing to check");
        }
        var g = (gu + gv) / 2;
        var q = Balancing.GramRotation(g);
        var trace = g.Trace();
        var tolerance = Tolerance.Spectral(m + r, n + r, m + n + r * r, 4 * scale);
        var orthogonality = (q.TransposeThisAndMultiply(q) - Matrix<double>.Build.DenseIdentity(r)).FrobeniusNorm();
        // Q is a product of r − 1 Householder reflectors, each formed and applied with O(r) rounded operations per entry.
        var orthogonalityTolerance = new Tolerance(2 * r * Tolerance.Gamma(10.0 * r + 10) * Math.Sqrt(r), "r·γ_{10r+10}·√r (Householder products)");
        var conjugated = q.TransposeThisAndMultiply(g) * q;
        var u = c.U * q;
        var v = c.V * q;
        var products = Balancing.Products(u, v);
        var nuclear = Norms.Nuclear(c.X);
        var outcomes = new List<CheckOutcome>
        {
            new(orthogonality <= orthogonalityTolerance.Bound, Value.Of(orthogonality), Value.Of(0.0), orthogonality, orthogonalityTolerance.Bound, "QᵀQ = I"),
            CheckOutcome.Compare(trace, nuclear, tolerance, "tr G = ‖UVᵀ‖_* for a Gram-balanced pair"),
        };
        for (var i = 0; i < r; i++)
            outcomes.Add(CheckOutcome.Compare(conjugated[i, i], trace / r, tolerance, $"(QᵀGQ)_{i + 1}{i + 1} = tr G / r"));
        for (var i = 0; i < r; i++)
            outcomes.Add(CheckOutcome.Compare(products[i], nuclear / r, tolerance, $"‖(UQ)_{i + 1}‖‖(VQ)_{i + 1}‖ = ‖UVᵀ‖_*/r"));
        return CheckOutcome.All(outcomes.ToArray()).WithDetails(
            new NamedValue("Q", Value.Of(q)),
            new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, r, products))),
            new NamedValue("nuclearOverR", Value.Of(nuclear / r)));
    }

    // ---------------------------------------------------------------- dropout.optimum-characterization

    private static Style[] CharacterizationStyles =>
        [Style.Optimal, Style.Rescaled, Style.Rotated, Style.GramBalanced, Style.EqualizedNotOptimal, Style.WrongProduct, Style.Random];

    /// <summary>Y = [1], θ = 1 (λ = 0), r = 2, U = [1 0], V = [1 0]: a global minimum (f = 0) whose products (1, 0) are unequal.</summary>
    public static OptimumCase UnequalMinimumAtThetaOne => new(
        Matrix<double>.Build.DenseOfArray(new double[,] { { 1 } }), 0,
        Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 } }), Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 } }));

    /// <summary>Y = [0], λ = 1, r = 2, U = [1 1], V = [1 −1]: UVᵀ = 0 = S_τ(Y), products (1, 1) equal, yet f = 2 &gt; 0 = min f.</summary>
    public static OptimumCase EqualizedButNotOptimal => new(
        Matrix<double>.Build.DenseOfArray(new double[,] { { 0 } }), 1,
        Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 } }), Matrix<double>.Build.DenseOfArray(new double[,] { { 1, -1 } }));

    public static Claim<OptimumCase> OptimumCharacterization { get; } = new(
        Id: "dropout.optimum-characterization",
        Title: "(U, V) minimizes f iff UVᵀ = S_τ(Y) and every ‖u_i‖‖v_i‖ = ‖S_τ(Y)‖_*/r",
        Statement: @"(U,V) \in \operatorname*{argmin} f \iff UV^\top = S_\tau(Y)\ \text{and}\ \|u_i\|\|v_i\| = \tfrac{\|S_\tau(Y)\|_*}{r}\ \forall i",
        Kind: ClaimKind.Theorem,
        SourceKey: "Mianjy2018",
        Expected: Verdict.Refuted,
        Evidence: "THEORY.md erratum, found by the suite: the 'only if' fails at θ = 1 (λ = 0), where f ignores the products: Y = [1], r = 2, U = V = [1 0] is a global minimum with products (1, 0). For λ > 0 both directions hold on every candidate (optimal, rescaled, rotated, Gram-balanced, equalized-not-optimal, wrong product, random): f = min within the summation and SVD bounds exactly when UVᵀ is a (width-capped) thresholding of Y, checked basis-free, and the products equal ‖S_τ(Y)‖_*/r",
        Generator: MinimizerGenerators.Candidates(CharacterizationStyles),
        Shrink: MinimizerGenerators.ShrinkCandidate,
        Check: c => CheckCharacterization(c, asStated: false),
        Describe: MinimizerGenerators.DescribeCandidate)
    {
        Examples = [UnequalMinimumAtThetaOne],
        Evaluator = input => CheckCharacterization(ReadCandidate(input), asStated: false),
    };

    public static Claim<OptimumCase> OptimumCharacterizationAsStated { get; } = new(
        Id: "dropout.optimum-characterization.as-stated",
        Title: "As stated: (U*, V*) is a global minimum iff it is balanced and U*V*ᵀ = S_τ(Y)",
        Statement: @"(U^*,V^*) \in \operatorname*{argmin} f \iff \|u_i\|\|v_i\| \text{ equal } \forall i\ \text{and}\ U^*V^{*\top} = S_\tau(Y)",
        Kind: ClaimKind.AsStated,
        SourceKey: "Mianjy2018",
        Expected: Verdict.Refuted,
        Evidence: "refuted: equal products are not enough, they must equal ‖S_τ(Y)‖_*/r. Minimal counterexample Y = [0], λ = 1, r = 2, U = [1 1], V = [1 −1]: UVᵀ = 0 = S_τ(Y), products (1, 1), f = 2 > 0. Also at θ = 1 a minimum need not be balanced. Decided on the same candidates as dropout.optimum-characterization",
        Generator: MinimizerGenerators.Candidates(CharacterizationStyles),
        Shrink: MinimizerGenerators.ShrinkCandidate,
        Check: c => CheckCharacterization(c, asStated: true),
        Describe: MinimizerGenerators.DescribeCandidate)
    {
        Examples = [EqualizedButNotOptimal],
        Evaluator = input => CheckCharacterization(ReadCandidate(input), asStated: true),
    };

    public static OptimumCase ReadCandidate(ClaimInput input)
    {
        var y = input.Matrix("Y");
        var u = input.Matrix("U");
        var v = input.Matrix("V");
        DropoutCase.CheckShapes(y.RowCount, y.ColumnCount, u.RowCount, u.ColumnCount, v.RowCount, v.ColumnCount);
        return new OptimumCase(y, ReadLambda(input), u, v);
    }

    /// <summary>What the characterization reads off a candidate: f against the minimum, and the two conditions.</summary>
    public sealed record CandidateFacts(double F, double Minimum, bool IsMinimum, double MinimumTolerance, double ThresholdingResidual, bool IsThresholding,
        double[] Products, double TargetProduct, bool ProductsTight, bool Equalized, double ProductTolerance, Shrinkage Shrinkage);

    public static CandidateFacts Facts(OptimumCase c)
    {
        var y = c.Y;
        int m = y.RowCount, n = y.ColumnCount, r = c.Width;
        var s = Thresholding.FixedWidth(y, c.Lambda, r);
        var f = Minimizers.Objective(y, c.U, c.V, c.Lambda);
        var tolerance = ObjectiveTolerance(y, c.Lambda, s.Sigma, Minimizers.ObjectiveMagnitude(y, c.U, c.V, c.Lambda), r);
        var x = c.U * c.V.Transpose();
        var scale = 4 * (y.FrobeniusNorm() + Math.Sqrt(Norms.AbsoluteProductMass(c.U, c.V))) + Tolerance.UnitRoundoff;
        var xTolerance = Tolerance.Spectral(m, n, m + n + r, scale);
        var residual = Thresholding.ThresholdingResidual(y, x, s.Tau, s.Rho, s.Sigma);
        var products = Balancing.Products(c.U, c.V);
        var target = Enumerable.Range(0, s.Rho).Sum(i => s.Sigma[i] - s.Tau) / r;
        var productTolerance = Tolerance.Spectral(m, n, m + n + r * r, scale + 4 * c.U.FrobeniusNorm() * c.V.FrobeniusNorm());
        var tight = products.All(p => Math.Abs(p - target) <= productTolerance.Bound);
        var equalized = Balancing.Spread(products) <= productTolerance.Bound;
        return new CandidateFacts(f, s.Value, f - s.Value <= tolerance.Bound, tolerance.Bound, residual, residual <= xTolerance.Bound,
            products, target, tight, equalized, productTolerance.Bound, s);
    }

    public static CheckOutcome CheckCharacterization(OptimumCase c, bool asStated)
    {
        var facts = Facts(c);
        var condition = facts.IsThresholding && (asStated ? facts.Equalized : facts.ProductsTight);
        var conditionText = asStated ? "balanced and UVᵀ = S_τ(Y)" : "UVᵀ = S_τ(Y) and every product = ‖S_τ(Y)‖_*/r";
        var explanation = (facts.IsMinimum, condition) switch
        {
            (true, true) => $"a global minimum, and {conditionText}",
            (false, false) => $"not a global minimum (f − min = {facts.F - facts.Minimum:G6}), and not ({conditionText})",
            (true, false) => $"a global minimum (f = {facts.F:G6} = min) but not ({conditionText}): UVᵀ is {(facts.IsThresholding ? "" : "not ")}the thresholding, products are {(facts.Equalized ? "" : "not ")}equal",
            (false, true) => $"{conditionText}, yet not a global minimum: f = {facts.F:G6} > min f = {facts.Minimum:G6}",
        };
        return new CheckOutcome(facts.IsMinimum == condition, Value.Of(facts.F), Value.Of(facts.Minimum), Math.Max(0, facts.F - facts.Minimum), facts.MinimumTolerance, explanation)
            .WithDetails(
                new NamedValue("value", Value.Of(facts.Minimum)), new NamedValue("f", Value.Of(facts.F)),
                new NamedValue("globalMinimum", Value.Of(facts.IsMinimum ? "yes" : "no")),
                new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, c.Width, facts.Products))),
                new NamedValue("targetProduct", Value.Of(facts.TargetProduct)),
                new NamedValue("thresholdingResidual", Value.Of(facts.ThresholdingResidual)),
                new NamedValue("X", Value.Of(facts.Shrinkage.Minimizer)), new NamedValue("rho", Value.Of(facts.Shrinkage.Rho)), new NamedValue("tau", Value.Of(facts.Shrinkage.Tau)));
    }

    // ---------------------------------------------------------------- dropout.optimum-construction

    public static Claim<ShrinkageCase> OptimumConstruction { get; } = new(
        Id: "dropout.optimum-construction",
        Title: "The SVD factors of S_τ(Y), padded to r columns and rotated by the Gram-based Q, attain the minimum of f",
        Statement: @"U = W\Sigma_\tau^{1/2}Q,\ V = Z\Sigma_\tau^{1/2}Q \text{ (padded to } r) \implies f(U,V) = \min f",
        Kind: ClaimKind.Theorem,
        SourceKey: "Mianjy2018",
        Expected: Verdict.Verified,
        Evidence: "the constructed pair attains the closed-form value within the summation and SVD bounds, ∇f vanishes there, every product equals ‖S_τ(Y)‖_*/r, and L-BFGS local descent from 3 random starts never evaluates f below it",
        Generator: MinimizerGenerators.Shrinkage(withWidth: true),
        Shrink: MinimizerGenerators.ShrinkShrinkage,
        Check: c => CheckAttainedByConstruction(c, Thresholding.FixedWidth(c.Y, c.Lambda, c.Width), DescentStarts),
        Describe: MinimizerGenerators.DescribeShrinkage)
    {
        Examples = [WorkedExample],
        Evaluator = input => EvaluateFixedWidth(input, (c, s) => CheckAttainedByConstruction(c, s, DescentStarts), withRotation: true),
    };

    public static Claim<OptimumCase> OptimumConstructionAsStated { get; } = new(
        Id: "dropout.optimum-construction.as-stated",
        Title: "As stated: any factorization of S_τ(Y), balanced by a rotation, is a global minimum",
        Statement: @"UV^\top = S_\tau(Y),\ R \in O(r) \text{ equalizing } (UR, VR) \implies f(UR, VR) = \min f",
        Kind: ClaimKind.AsStated,
        SourceKey: "Mianjy2018",
        Expected: Verdict.Refuted,
        Evidence: "refuted: a rotation keeps Σ‖u_i‖²‖v_i‖² ≥ (Σp_i)²/r but not Σp_i, so a factorization with Σp_i > ‖S_τ(Y)‖_* stays above the minimum. Minimal counterexample Y = [0], λ = 1, r = 2, U = [1 1], V = [1 −1], already balanced (R = I): f = 2 > 0. Decided on factorizations (UA, VA^{-T}) and factorizations with a cancelling pair, balanced by the rotation search",
        Generator: MinimizerGenerators.Candidates(Style.AnyFactorization, Style.Rescaled, Style.Rotated),
        Shrink: MinimizerGenerators.ShrinkCandidate,
        Check: CheckConstructionAsStated,
        Describe: MinimizerGenerators.DescribeCandidate)
    {
        Examples = [EqualizedButNotOptimal],
        Evaluator = input => ConstructionAsStated(ReadCandidate(input), strict: true),
    };

    public static CheckOutcome CheckConstructionAsStated(OptimumCase c) => ConstructionAsStated(c, strict: false);

    private static CheckOutcome ConstructionAsStated(OptimumCase c, bool strict)
    {
        var facts = Facts(c);
        if (!facts.IsThresholding)
        {
            if (strict) throw new InputException($"UVᵀ is not S_τ(Y) (residual {facts.ThresholdingResidual:G6}): the statement is about factorizations of S_τ(Y)");
            return new CheckOutcome(true, Value.Of(facts.ThresholdingResidual), Value.Of(0.0), 0, 0, "premise UVᵀ = S_τ(Y) fails: nothing to check");
        }
        var search = Balancing.EqualizingRotation(c.U, c.V);
        var details = new[] { new NamedValue("R", Value.Of(search.R)), new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, c.Width, search.Products))) };
        if (!search.Found)
            return new CheckOutcome(false, Value.Of(facts.F), Value.Of(facts.Minimum), 0, 0, "the rotation search did not equalize the pair: inconclusive") { Inconclusive = true }.WithDetails(details);
        var balanced = c with { U = c.U * search.R, V = c.V * search.R };
        var after = Facts(balanced);
        var explanation = after.IsMinimum
            ? $"balanced by a rotation, f = {after.F:G6} = min f"
            : $"balanced by a rotation (products {string.Join(", ", after.Products.Select(p => p.ToString("G6")))}), yet f = {after.F:G6} > min f = {after.Minimum:G6}";
        return new CheckOutcome(after.IsMinimum, Value.Of(after.F), Value.Of(after.Minimum), Math.Max(0, after.F - after.Minimum), after.MinimumTolerance, explanation)
            .WithDetails([.. details, new NamedValue("value", Value.Of(after.Minimum)), new NamedValue("f", Value.Of(after.F))]);
    }
}
