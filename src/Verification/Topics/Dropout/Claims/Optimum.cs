using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;
using Style = Verification.Topics.Dropout.OptimumCases.CandidateStyle;

namespace Verification.Topics.Dropout;

/// <summary>dropout.optimum-characterization and dropout.optimum-construction, and their as-stated forms.</summary>
public static partial class DropoutClaims
{
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

    public static Claim<OptimumCase> OptimumCharacterization { get; } = Claim.Theorem(
        id: "dropout.optimum-characterization",
        title: "For λ > 0, (U, V) minimizes f iff UVᵀ = S_τ(Y) and every ‖u_i‖‖v_i‖ = ‖S_τ(Y)‖_*/r",
        statement: @"\lambda > 0:\ (U,V) \in \operatorname*{argmin} f \iff UV^\top = S_\tau(Y)\ \text{and}\ \|u_i\|\|v_i\| = \tfrac{\|S_\tau(Y)\|_*}{r}\ \forall i",
        source: "Mianjy2018",
        instances: OptimumCases.Candidates("candidate pair (Y, λ > 0, U, V)", ShrinkageCases.PositiveLambda, CharacterizationStyles),
        check: c => CheckCharacterization(c, asStated: false),
        evidence: "both directions on every candidate (optimal, rescaled, rotated, Gram-balanced, equalized-not-optimal, wrong product, random): f = min within the summation and SVD bounds exactly when UVᵀ is a (width-capped) thresholding of Y, checked basis-free, and the products equal ‖S_τ(Y)‖_*/r. λ = 0 is outside the hypothesis (discarded): there Y = [1], r = 2, U = V = [1 0] is a global minimum with products (1, 0), which is why THEORY.md needs λ > 0",
        sides: "lhs: f(U, V); rhs: min f (the explanation says which side of the 'iff' fails)");

    public static Claim<OptimumCase> OptimumCharacterizationAsStated { get; } = Claim.AsStated(
        id: "dropout.optimum-characterization.as-stated",
        title: "As stated: (U*, V*) is a global minimum iff it is balanced and U*V*ᵀ = S_τ(Y)",
        statement: @"(U^*,V^*) \in \operatorname*{argmin} f \iff \|u_i\|\|v_i\| \text{ equal } \forall i\ \text{and}\ U^*V^{*\top} = S_\tau(Y)",
        source: "Mianjy2018",
        instances: OptimumCases.Candidates("candidate pair (Y, λ ≥ 0, U, V)", ShrinkageCases.Lambda, CharacterizationStyles),
        check: c => CheckCharacterization(c, asStated: true),
        decision: Verdict.Refuted,
        evidence: "refuted: equal products are not enough, they must equal ‖S_τ(Y)‖_*/r. Minimal counterexample Y = [0], λ = 1, r = 2, U = [1 1], V = [1 −1]: UVᵀ = 0 = S_τ(Y), products (1, 1), f = 2 > 0. Also at θ = 1 a minimum need not be balanced. Decided on the same candidates as dropout.optimum-characterization, with λ = 0 allowed",
        sides: "lhs: f(U, V); rhs: min f (the explanation says which side of the 'iff' fails)") with
    {
        Examples = [EqualizedButNotOptimal],
    };

    /// <summary>What the characterization reads off a candidate: f against the minimum, and the two conditions.</summary>
    public sealed record CandidateFacts(double F, double Minimum, bool IsMinimum, Tolerance MinimumTolerance, double ThresholdingResidual, bool IsThresholding,
        double[] Products, double TargetProduct, bool ProductsTight, bool Equalized, Shrinkage Shrinkage);

    public static CandidateFacts Facts(OptimumCase c)
    {
        var y = c.Y;
        int m = y.RowCount, n = y.ColumnCount, r = c.Width;
        var s = Thresholding.FixedWidth(y, c.Lambda, r);
        var f = Minimizers.Objective(y, c.U, c.V, c.Lambda);
        var tolerance = ObjectiveTolerance(y, c.Lambda, s.Sigma, Minimizers.ObjectiveMagnitude(y, c.U, c.V, c.Lambda), r);
        var x = c.U * c.V.Transpose();
        var scale = 4 * (y.FrobeniusNorm() + Math.Sqrt(Norms.AbsoluteProductMass(c.U, c.V))) + Rounding.UnitRoundoff;
        var xTolerance = Tolerance.Spectral(m, n, m + n + r, scale);
        var residual = Thresholding.ThresholdingResidual(y, x, s.Tau, s.Rho, s.Sigma);
        var products = Balancing.Products(c.U, c.V);
        var target = Enumerable.Range(0, s.Rho).Sum(i => s.Sigma[i] - s.Tau) / r;
        var productTolerance = Tolerance.Spectral(m, n, m + n + r * r, scale + 4 * c.U.FrobeniusNorm() * c.V.FrobeniusNorm());
        var tight = products.All(p => Math.Abs(p - target) <= productTolerance.Bound);
        var equalized = Balancing.Spread(products) <= productTolerance.Bound;
        return new CandidateFacts(f, s.Value, f - s.Value <= tolerance.Bound, tolerance, residual, residual <= xTolerance.Bound,
            products, target, tight, equalized, s);
    }

    /// <summary>
    /// Both directions of the characterization on one candidate. The theorem (<paramref name="asStated"/> false) assumes λ &gt; 0:
    /// a candidate with λ = 0 is discarded unless <paramref name="withoutHypothesis"/> (the tests show why the hypothesis is needed).
    /// </summary>
    public static Outcome CheckCharacterization(OptimumCase c, bool asStated, bool withoutHypothesis = false)
    {
        if (!asStated && !withoutHypothesis && !(c.Lambda > 0))
            return Outcome.Discard($"λ = {c.Lambda} is outside the hypothesis λ > 0 (θ < 1)");
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
        // The residual is the floating-point gap f − min where f = min is claimed; a candidate correctly found not minimal has none.
        return new Outcome(facts.IsMinimum == condition ? OutcomeStatus.Holds : OutcomeStatus.Fails, Value.Of(facts.F), Value.Of(facts.Minimum),
                facts.IsMinimum || condition ? Math.Max(0, facts.F - facts.Minimum) : 0, facts.MinimumTolerance, explanation)
            .WithDetails(
                new NamedValue("value", Value.Of(facts.Minimum)), new NamedValue("f", Value.Of(facts.F)),
                new NamedValue("globalMinimum", Value.Of(facts.IsMinimum ? "yes" : "no")),
                new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, c.Width, facts.Products))),
                new NamedValue("targetProduct", Value.Of(facts.TargetProduct)),
                new NamedValue("thresholdingResidual", Value.Of(facts.ThresholdingResidual)),
                new NamedValue("X", Value.Of(facts.Shrinkage.Minimizer)), new NamedValue("rho", Value.Of(facts.Shrinkage.Rho)), new NamedValue("tau", Value.Of(facts.Shrinkage.Tau)));
    }

    // ---------------------------------------------------------------- dropout.optimum-construction

    public static Claim<ShrinkageCase> OptimumConstruction { get; } = Claim.Theorem(
        id: "dropout.optimum-construction",
        title: "The SVD factors of S_τ(Y), padded to r columns and rotated by the Gram-based Q, attain the minimum of f",
        statement: @"U = W\Sigma_\tau^{1/2}Q,\ V = Z\Sigma_\tau^{1/2}Q \text{ (padded to } r) \implies f(U,V) = \min f",
        source: "Mianjy2018",
        instances: ShrinkageCases.FixedWidth,
        check: c =>
        {
            var s = Thresholding.FixedWidth(c.Y, c.Lambda, c.Width);
            return HeadedByValue(c, s, CheckAttainedByConstruction(c, s, DescentStarts), withRotation: true);
        },
        evidence: "the constructed pair attains the closed-form value within the summation and SVD bounds, ∇f vanishes there, every product equals ‖S_τ(Y)‖_*/r, and L-BFGS local descent from 3 random starts never evaluates f below it",
        sides: "lhs: f at the constructed factors; rhs: the closed-form minimum") with
    {
        Examples = [WorkedExample],
    };

    public static Claim<OptimumCase> OptimumConstructionAsStated { get; } = Claim.AsStated(
        id: "dropout.optimum-construction.as-stated",
        title: "As stated: any factorization of S_τ(Y), balanced by a rotation, is a global minimum",
        statement: @"UV^\top = S_\tau(Y),\ R \in O(r) \text{ equalizing } (UR, VR) \implies f(UR, VR) = \min f",
        source: "Mianjy2018",
        instances: OptimumCases.Candidates("factorization of S_τ(Y) (Y, λ ≥ 0, U, V)", ShrinkageCases.Lambda, Style.AnyFactorization, Style.Rescaled, Style.Rotated),
        check: CheckConstructionAsStated,
        decision: Verdict.Refuted,
        evidence: "refuted: a rotation keeps Σ‖u_i‖²‖v_i‖² ≥ (Σp_i)²/r but not Σp_i, so a factorization with Σp_i > ‖S_τ(Y)‖_* stays above the minimum. Minimal counterexample Y = [0], λ = 1, r = 2, U = [1 1], V = [1 −1], already balanced (R = I): f = 2 > 0. Decided on factorizations (UA, VA^{-T}) and factorizations with a cancelling pair, balanced by the rotation search; a pair that does not factor S_τ(Y) is discarded (premise)",
        sides: "lhs: f after balancing by the rotation; rhs: min f") with
    {
        Examples = [EqualizedButNotOptimal],
    };

    public static Outcome CheckConstructionAsStated(OptimumCase c)
    {
        var facts = Facts(c);
        if (!facts.IsThresholding)
            return Outcome.Discard($"UVᵀ is not S_τ(Y) (residual {facts.ThresholdingResidual:G6}): the statement is about factorizations of S_τ(Y)");
        var search = Balancing.EqualizingRotation(c.U, c.V);
        var details = new[] { new NamedValue("R", Value.Of(search.R)), new NamedValue("products", Value.Of(Matrix<double>.Build.Dense(1, c.Width, search.Products))) };
        if (!search.Found)
            return Outcome.Inconclusive("the rotation search did not equalize the pair", Value.Of(facts.F), Value.Of(facts.Minimum)).WithDetails(details);
        var after = Facts(c with { U = c.U * search.R, V = c.V * search.R });
        var explanation = after.IsMinimum
            ? $"balanced by a rotation, f = {after.F:G6} = min f"
            : $"balanced by a rotation (products {string.Join(", ", after.Products.Select(p => p.ToString("G6")))}), yet f = {after.F:G6} > min f = {after.Minimum:G6}";
        return new Outcome(after.IsMinimum ? OutcomeStatus.Holds : OutcomeStatus.Fails, Value.Of(after.F), Value.Of(after.Minimum),
                Math.Max(0, after.F - after.Minimum), after.MinimumTolerance, explanation)
            .WithDetails([.. details, new NamedValue("value", Value.Of(after.Minimum)), new NamedValue("f", Value.Of(after.F))]);
    }
}
