using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Dropout;

/// <summary>dropout.variable-rate (and as-stated), dropout.variable-rate-minimizer (and a control), dropout.fixed-width-minimizer (and as-stated).</summary>
public static partial class DropoutClaims
{
    /// <summary>Random starts of local descent per case.</summary>
    public const int DescentStarts = 3;

    // ---------------------------------------------------------------- tolerances

    /// <summary>
    /// Error of a closed-form value read off the SVD of Y: |σ̂_i − σ_i| ≤ m·n·u·‖Y‖₂ and ∂value/∂σ_i ≤ 2(1 + λ)·‖Y‖_*, hence the
    /// spectral bound with scale 2(1 + λ)‖Y‖_*‖Y‖₂.
    /// </summary>
    public static Tolerance ValueTolerance(Matrix<double> y, double lambda, IReadOnlyList<double> sigma) =>
        Tolerance.Spectral(y.RowCount, y.ColumnCount, y.RowCount + y.ColumnCount, 2 * (1 + lambda) * sigma.Sum() * (sigma.Count == 0 ? 0 : sigma[0]));

    /// <summary>f evaluated at (U, V) against a closed-form value: the summation bound of f plus <see cref="ValueTolerance"/>.</summary>
    public static Tolerance ObjectiveTolerance(Matrix<double> y, double lambda, IReadOnlyList<double> sigma, double magnitude, int r) =>
        Tolerance.Summation(y.RowCount * y.ColumnCount + 2 * r + y.RowCount + y.ColumnCount + 8, magnitude).Plus(ValueTolerance(y, lambda, sigma));

    // ---------------------------------------------------------------- dropout.variable-rate

    public static Claim<VariableRateCase> VariableRate { get; } = Claim.Theorem(
        id: "dropout.variable-rate",
        title: "With θ_r = θ₁/(r − (r−1)θ₁), the regularizer minimized over factorizations of X is λ₁‖X‖_*² for every r ≥ rank X",
        statement: @"\theta_r = \frac{\theta_1}{r - (r-1)\theta_1} \implies \frac{1-\theta_r}{\theta_r} = r\lambda_1,\quad \min_{UV^\top = X,\ U,V \text{ with } r \text{ columns}} \frac{1-\theta_r}{\theta_r}\sum_i \|u_i\|^2\|v_i\|^2 = \lambda_1 \|X\|_*^2 \quad (r \ge \operatorname{rank} X)",
        source: "Cavazza2018",
        instances: VariableRateCases.All,
        check: CheckVariableRate,
        evidence: "(1 − θ_r)/θ_r = rλ₁ in exact rational arithmetic; the minimum attained by the Gram-balanced SVD factors of X (value within the SVD bound) and never undercut by other factorizations (UA, VA^{-T}) with random invertible A; the lower bound itself is dropout.regularizer-bound",
        sides: "lhs: λ_r Σ‖u_i‖²‖v_i‖² at a factorization of X; rhs: λ₁‖X‖_*²");

    private static NamedValue[] VariableRateDetails(VariableRateCase c)
    {
        var f = Minimizers.BalancedFactors(c.X, c.Width);
        var thetaR = Minimizers.VariableRetainRate(c.Theta1, c.Width);
        return
        [
            new("theta_r", Value.Of(thetaR)), new("lambda_r", Value.Of(DropoutObjective.Lambda(thetaR))),
            new("value", Value.Of(c.Lambda1 * Math.Pow(Norms.Nuclear(c.X), 2))),
            new("U", Value.Of(f.U)), new("V", Value.Of(f.V)),
            new("products", Value.Of(Matrix<double>.Build.Dense(1, c.Width, Balancing.Products(f.U, f.V)))),
        ];
    }

    public static Outcome CheckVariableRate(VariableRateCase c)
    {
        var r = c.Width;
        var theta1 = Exact.FromDouble(c.Theta1);
        var lambdaExact = DropoutObjective.Lambda(Minimizers.VariableRetainRate(theta1, r));
        var exactOutcome = Outcome.Exact(lambdaExact, new Fractions.Fraction(r) * DropoutObjective.Lambda(theta1), "exact: (1 − θ_r)/θ_r = r·λ₁");

        var lambdaR = DropoutObjective.Lambda(Minimizers.VariableRetainRate(c.Theta1, r));
        var nuclear = Norms.Nuclear(c.X);
        var rhs = c.Lambda1 * nuclear * nuclear;
        int m = c.X.RowCount, n = c.X.ColumnCount;
        var tolerance = Tolerance.Spectral(m, n, m + n + r * r, 4 * (1 + lambdaR) * nuclear * nuclear + Rounding.UnitRoundoff);

        var best = Minimizers.BalancedFactors(c.X, r);
        var attained = Outcome.Within(lambdaR * DropoutObjective.Regularizer(best.U, best.V), rhs, tolerance,
            "the Gram-balanced SVD factors attain λ_r Σ‖u_i‖²‖v_i‖² = λ₁‖X‖_*²");
        var reproduces = Outcome.Distance(Value.Of(best.Product.FrobeniusNorm()), Value.Of(c.X.FrobeniusNorm()), (best.Product - c.X).FrobeniusNorm(), tolerance,
            "the Gram-balanced SVD factors reproduce X");

        var svd = Factorizations.BalancedSvd(c.X, r);
        var u = svd.U * c.Mixing;
        var v = svd.V * c.Mixing.Inverse().Transpose();
        var other = Outcome.AtLeast(lambdaR * DropoutObjective.Regularizer(u, v), rhs,
            Tolerance.Spectral(m, n, m + n + r * r, 4 * (1 + lambdaR) * Math.Pow(u.FrobeniusNorm() * v.FrobeniusNorm(), 2) + Rounding.UnitRoundoff),
            "another factorization (UA, VA^{-T}) of X does not go below λ₁‖X‖_*²");
        return Outcome.All(exactOutcome, attained, reproduces, other).WithDetails(VariableRateDetails(c));
    }

    // ---------------------------------------------------------------- dropout.variable-rate.as-stated

    public static Claim<VariableRateCase> VariableRateAsStated { get; } = Claim.AsStated(
        id: "dropout.variable-rate.as-stated",
        title: "As stated: the regularizer induced by variable-rate dropout has convex envelope λ₁‖X‖_*²",
        statement: @"\Omega(X) = \inf_{r}\ \min_{UV^\top = X} \frac{1-\theta_r}{\theta_r}\sum_i \|u_i\|^2\|v_i\|^2 \text{ has convex envelope } \lambda_1\|X\|_*^2",
        source: "Cavazza2018",
        instances: VariableRateCases.All,
        check: CheckVariableRateAsStated,
        decision: Verdict.Verified,
        evidence: "g = λ₁‖·‖_*² is convex (Jensen on random chords) and below Ω_r at every width (other factorizations never undercut it, the balanced factors attain it when rank X ≤ r); and every X is the average, with weights σ_i/‖X‖_*, of the rank-one points ‖X‖_* w_i z_iᵀ where Ω_r = g(X) even at r = 1, so the envelope is at most g: envelope = g for the induced regularizer and for every fixed width",
        sides: "lhs: a value of the convex envelope's certificate (Jensen, or the rank-one average); rhs: λ₁‖X‖_*²");

    public static Outcome CheckVariableRateAsStated(VariableRateCase c)
    {
        int m = c.X.RowCount, n = c.X.ColumnCount, r = c.Width;
        var lambdaR = DropoutObjective.Lambda(Minimizers.VariableRetainRate(c.Theta1, r));
        double G(Matrix<double> x) => c.Lambda1 * Math.Pow(Norms.Nuclear(x), 2);
        var g = G(c.X);
        var scale = 4 * (1 + c.Lambda1) * Math.Pow(c.X.FrobeniusNorm() * Math.Sqrt(Math.Min(m, n)) + c.Partner.FrobeniusNorm() * Math.Sqrt(Math.Min(m, n)), 2) + Rounding.UnitRoundoff;
        var tolerance = Tolerance.Spectral(m, n, m + n + r * r, scale);

        var mid = c.T * c.X + (1 - c.T) * c.Partner;
        var jensen = Outcome.AtLeast(c.T * g + (1 - c.T) * G(c.Partner), G(mid), tolerance, "λ₁‖·‖_*² is convex: Jensen along the chord from X to B");

        var below = CheckVariableRate(c);

        var svd = Svd.Of(c.X);
        var nuclear = svd.S.Sum();
        var average = Matrix<double>.Build.Dense(m, n);
        var averageValue = 0.0;
        if (nuclear > 0)
            for (var i = 0; i < svd.S.Count; i++)
            {
                if (svd.S[i] == 0) continue;
                var weight = svd.S[i] / nuclear;
                var piece = nuclear * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
                var factors = Minimizers.BalancedFactors(piece, r);
                averageValue += weight * lambdaR * DropoutObjective.Regularizer(factors.U, factors.V);
                average += weight * piece;
            }
        var envelope = Outcome.Within(averageValue, g, tolerance,
            "X is the σ_i/‖X‖_*-weighted average of rank-one points where Ω_r equals λ₁‖X‖_*²: the envelope is at most λ₁‖X‖_*²");
        var averageOk = Outcome.Distance(Value.Of(average.FrobeniusNorm()), Value.Of(c.X.FrobeniusNorm()), (average - c.X).FrobeniusNorm(), tolerance,
            "the weighted rank-one points average to X");
        return Outcome.All(jensen, below, envelope, averageOk);
    }

    // ---------------------------------------------------------------- dropout.variable-rate-minimizer

    public static Claim<ShrinkageCase> VariableRateMinimizer { get; } = Claim.Theorem(
        id: "dropout.variable-rate-minimizer",
        title: "argmin_X ‖Y − X‖_F² + λ₁‖X‖_*² is singular value thresholding S_τ(Y) with the stated ρ and τ",
        statement: @"\operatorname*{argmin}_X \|Y - X\|_F^2 + \lambda_1\|X\|_*^2 = S_\tau(Y),\ \rho = \max\{ j : \sigma_j > \tfrac{\lambda_1 \sum_{i\le j}\sigma_i}{1 + \lambda_1 j}\},\ \tau = \tfrac{\lambda_1\sum_{i\le\rho}\sigma_i}{1+\lambda_1\rho}",
        source: "Cavazza2018",
        instances: ShrinkageCases.Convex,
        check: c => CheckConvexMinimizer(c, Thresholding.VariableRate(c.Y, c.Lambda)),
        evidence: "optimality conditions of the strongly convex problem, computed from a fresh SVD of Y − X*: ‖Y − X*‖₂ ≤ λ₁‖X*‖_* and ⟨Y − X*, X*⟩ = λ₁‖X*‖_*² (i.e. (Y − X*)/(λ₁‖X*‖_*) ∈ ∂‖X*‖_*), X* = 0 only for Y = 0, and the closed-form value equals the objective at X*, all within the SVD bound",
        sides: "lhs and rhs: the two sides of the failing optimality condition (λ₁‖X*‖_* against ‖Y − X*‖₂, ⟨Y − X*, X*⟩ against λ₁‖X*‖_*², the objective at X* against the closed-form value)");

    /// <summary>A control that holds whenever rank Y ≤ 1 (every 1×1 target): the thresholding rule with ρ capped at 1.</summary>
    public static Claim<ShrinkageCase> VariableRateMinimizerControl { get; } = Claim.Control(
        id: "dropout.variable-rate-minimizer.control",
        title: "Control: the convex minimizer keeps only the top singular value (ρ = 1; true only up to rank 1)",
        statement: @"\operatorname*{argmin}_X \|Y - X\|_F^2 + \lambda_1\|X\|_*^2 = (\sigma_1 - \tau_1)_+ w_1 z_1^\top,\ \tau_1 = \tfrac{\lambda_1\sigma_1}{1+\lambda_1} \quad\text{(false when } \sigma_2 > \lambda_1(\sigma_1 - \tau_1))",
        instances: ShrinkageCases.Convex,
        check: c => CheckConvexMinimizer(c, Thresholding.VariableRate(c.Y, c.Lambda, cap: 1)),
        evidence: "the optimality conditions of dropout.variable-rate-minimizer applied to the capped rule; holds on every target of rank ≤ 1, so a runner stuck at 1×1 targets could not refute it",
        sides: "lhs and rhs: the two sides of the failing optimality condition of the capped rule");

    public static Outcome CheckConvexMinimizer(ShrinkageCase c, Shrinkage s)
    {
        var y = c.Y;
        var x = s.Minimizer;
        var residual = y - x;
        var nuclear = Norms.Nuclear(x);
        var tolerance = ValueTolerance(y, c.Lambda, s.Sigma);
        var spectralTolerance = Tolerance.Spectral(y.RowCount, y.ColumnCount, y.RowCount + y.ColumnCount, 2 * (1 + c.Lambda) * s.Sigma.Sum() + Rounding.UnitRoundoff);
        var outcomes = new List<Outcome>
        {
            Outcome.AtLeast(c.Lambda * nuclear, Norms.Spectral(residual), spectralTolerance, "‖Y − X*‖₂ ≤ λ₁‖X*‖_* (subgradient in the spectral-norm ball)"),
            Outcome.Within(residual.PointwiseMultiply(x).Enumerate().Sum(), c.Lambda * nuclear * nuclear, tolerance, "⟨Y − X*, X*⟩ = λ₁‖X*‖_*² (subgradient attains the nuclear norm)"),
            Outcome.Within(Norms.FrobeniusSquared(residual) + c.Lambda * nuclear * nuclear, s.Value, tolerance, "the closed-form value is the objective at X*"),
        };
        if (s.Rho == 0) outcomes.Add(Outcome.Within(y.FrobeniusNorm(), 0, spectralTolerance, "ρ = 0 (X* = 0) only when Y = 0"));
        return Outcome.All(outcomes.ToArray()).WithDetails(ShrinkageDetails(s));
    }

    public static NamedValue[] ShrinkageDetails(Shrinkage s) =>
    [
        new("value", Value.Of(s.Value)), new("X", Value.Of(s.Minimizer)), new("rho", Value.Of(s.Rho)), new("tau", Value.Of(s.Tau)),
        new("sigma", Value.Of(Matrix<double>.Build.Dense(1, s.Sigma.Count, s.Sigma.ToArray()))), new("rankY", Value.Of(s.Rank)),
    ];

    // ---------------------------------------------------------------- dropout.fixed-width-minimizer

    public static ShrinkageCase WorkedExample => new(Matrix<double>.Build.DenseOfDiagonalArray([3.0, 2.0, 1.0]), 1, 2, 1);

    public static Claim<ShrinkageCase> FixedWidthMinimizer { get; } = Claim.Theorem(
        id: "dropout.fixed-width-minimizer",
        title: "The fixed-width dropout objective is minimized at a width-capped singular value thresholding of Y",
        statement: @"\min_{U,V} \|Y - UV^\top\|_F^2 + \lambda\sum_i\|u_i\|^2\|v_i\|^2 = \sum_{i\le\rho}\tau^2 + \sum_{i>\rho}\sigma_i^2 + \tfrac{\lambda}{r}\Big(\sum_{i\le\rho}(\sigma_i-\tau)\Big)^2,\ UV^\top = \sum_{i\le\rho}(\sigma_i-\tau)w_iz_i^\top,\ \rho = \max\{j\le\min(r,\operatorname{rank}Y) : \sigma_j > \tfrac{\lambda\sum_{i\le j}\sigma_i}{r+\lambda j}\},\ \tau = \tfrac{\lambda\sum_{i\le\rho}\sigma_i}{r+\lambda\rho}",
        source: "Cavazza2018",
        instances: ShrinkageCases.FixedWidth,
        check: c => CheckFixedWidthMinimizer(c, DescentStarts),
        evidence: "KKT of the reduced convex problem over the top min(r, rank Y) singular values (x_i = (σ_i − τ)_+, σ_i ≤ τ beyond ρ); the value attained by the constructed pair (Gram-balanced SVD factors of X*) within the SVD bound, with vanishing gradient there; L-BFGS local descent from 3 random starts never evaluates f below it. S_τ is restricted to the top ρ singular triples, as THEORY.md's Notation states for the fixed-width claims",
        sides: "lhs: f at the constructed factors; rhs: the closed-form minimum (on failure, the two sides of the failing KKT or descent condition)") with
    {
        Examples = [WorkedExample],
    };

    public static Outcome CheckFixedWidthMinimizer(ShrinkageCase c, int starts)
    {
        var y = c.Y;
        var r = c.Width;
        var s = Thresholding.FixedWidth(y, c.Lambda, r);
        var spectral = Tolerance.Spectral(y.RowCount, y.ColumnCount, y.RowCount + y.ColumnCount, 2 * (1 + c.Lambda) * (s.Sigma.Count == 0 ? 0 : s.Sigma[0]) + Rounding.UnitRoundoff);
        var outcomes = new List<Outcome>();

        // KKT of min_{x ≥ 0} Σ_{i≤k} (σ_i − x_i)² + (λ/r)(Σ x_i)², k = min(r, rank Y): x_i = σ_i − τ > 0 for i ≤ ρ, σ_i ≤ τ for ρ < i ≤ k.
        var k = Math.Min(r, s.Rank);
        var kept = Enumerable.Range(0, s.Rho).Sum(i => s.Sigma[i] - s.Tau);
        outcomes.Add(Outcome.Within(s.Tau, c.Lambda / r * kept, spectral, "stationarity: τ = (λ/r)Σ_{i≤ρ}(σ_i − τ)"));
        for (var i = 0; i < k; i++)
            outcomes.Add(i < s.Rho
                ? Outcome.AtLeast(s.Sigma[i], s.Tau, spectral, $"σ_{i + 1} > τ: x_{i + 1} = σ_{i + 1} − τ is feasible")
                : Outcome.AtLeast(s.Tau, s.Sigma[i], spectral, $"σ_{i + 1} ≤ τ: x_{i + 1} = 0 satisfies complementary slackness"));
        outcomes.Add(CheckAttainedByConstruction(c, s, starts));
        return HeadedByValue(c, s, Outcome.All(outcomes.ToArray()), withRotation: false);
    }

    /// <summary>
    /// The outcome headed by the value comparison when it holds (f at the constructed factors against the closed-form minimum),
    /// with the minimizer, ρ, τ, the factors and their products in the details.
    /// </summary>
    private static Outcome HeadedByValue(ShrinkageCase c, Shrinkage s, Outcome outcome, bool withRotation)
    {
        var f = Minimizers.OptimalFactors(c.Y, c.Lambda, c.Width);
        if (outcome.Holds)
            outcome = outcome with
            {
                Lhs = Value.Of(Minimizers.Objective(c.Y, f.U, f.V, c.Lambda)),
                Rhs = Value.Of(s.Value),
                Explanation = $"f at the constructed factors (lhs) equals the closed-form minimum (rhs), and every optimality condition holds; the residual is the largest relative one, of: {outcome.Explanation}",
            };
        var details = new List<NamedValue>(ShrinkageDetails(s)) { new("U", Value.Of(f.U)), new("V", Value.Of(f.V)) };
        if (withRotation)
        {
            var svd = Factorizations.BalancedSvd(s.Minimizer, c.Width, s.Rho);
            details.Add(new("Q", Value.Of(Balancing.GramRotation(svd.U.TransposeThisAndMultiply(svd.U)))));
        }
        details.Add(new("products", Value.Of(Matrix<double>.Build.Dense(1, c.Width, Balancing.Products(f.U, f.V)))));
        return outcome.WithDetails(details.ToArray());
    }

    /// <summary>
    /// The constructed pair attains the closed-form value, reproduces X*, is a critical point, has every column product equal to
    /// ‖X*‖_*/r, and local descent from random starts never evaluates f below the value.
    /// </summary>
    public static Outcome CheckAttainedByConstruction(ShrinkageCase c, Shrinkage s, int starts)
    {
        var y = c.Y;
        int m = y.RowCount, n = y.ColumnCount, r = c.Width;
        var f = Minimizers.OptimalFactors(y, c.Lambda, r);
        var magnitude = Minimizers.ObjectiveMagnitude(y, f.U, f.V, c.Lambda);
        var tolerance = ObjectiveTolerance(y, c.Lambda, s.Sigma, magnitude, r);
        var outcomes = new List<Outcome>
        {
            Outcome.Within(Minimizers.Objective(y, f.U, f.V, c.Lambda), s.Value, tolerance, "the constructed pair attains the closed-form minimum value"),
        };
        var productTolerance = Tolerance.Spectral(m, n, m + n + r * r, 4 * (y.FrobeniusNorm() + f.U.FrobeniusNorm() * f.V.FrobeniusNorm()) + Rounding.UnitRoundoff);
        outcomes.Add(Outcome.Distance(Value.Of(f.Product.FrobeniusNorm()), Value.Of(s.Minimizer.FrobeniusNorm()), (f.Product - s.Minimizer).FrobeniusNorm(), productTolerance,
            "the constructed pair reproduces X* (Frobenius distance)"));
        var gradient = DropoutGradients.Objective(y, f.U, f.V, c.Lambda).Norm;
        var gradientTolerance = Tolerance.Spectral(m, n, m + n + r * r, 4 * (1 + c.Lambda) * DropoutGradients.ObjectiveGradientMagnitude(y, f.U, f.V, c.Lambda) + Rounding.UnitRoundoff);
        outcomes.Add(Outcome.Within(gradient, 0, gradientTolerance, "∇f vanishes at the constructed pair"));
        var target = Norms.Nuclear(s.Minimizer) / r;
        foreach (var (p, i) in Balancing.Products(f.U, f.V).Select((p, i) => (p, i)))
            outcomes.Add(Outcome.Within(p, target, productTolerance, $"‖u_{i + 1}‖‖v_{i + 1}‖ = ‖X*‖_*/r"));
        if (starts > 0)
        {
            var descent = Minimizers.LocalDescent(y, c.Lambda, r, starts, c.Seed);
            var descentTolerance = ObjectiveTolerance(y, c.Lambda, s.Sigma, Math.Max(descent.LowestMagnitude, magnitude), r);
            outcomes.Add(Outcome.AtLeast(descent.LowestValue, s.Value, descentTolerance,
                $"L-BFGS from {starts} random starts ({descent.Evaluations} evaluations) never goes below the minimum"));
        }
        return Outcome.All(outcomes.ToArray());
    }

    // ---------------------------------------------------------------- dropout.fixed-width-minimizer.as-stated

    public static Claim<ShrinkageCase> FixedWidthMinimizerAsStated { get; } = Claim.AsStated(
        id: "dropout.fixed-width-minimizer.as-stated",
        title: "As stated: the minimum of f equals the minimum of the convex problem ‖Y − X‖_F² + (λ/r)‖X‖_*² (no rank cap)",
        statement: @"\min_{U,V} \|Y - UV^\top\|_F^2 + \lambda\sum_i\|u_i\|^2\|v_i\|^2 = \min_X \|Y - X\|_F^2 + \tfrac{\lambda}{r}\|X\|_*^2,\ U^*V^{*\top} = S_\tau(Y)",
        source: "Cavazza2018",
        instances: ShrinkageCases.FixedWidth,
        check: CheckFixedWidthAsStated,
        decision: Verdict.Refuted,
        evidence: "refuted when the convex minimizer has rank above r: the fixed-width minimum (closed form certified by dropout.fixed-width-minimizer: reduced KKT, attained by a construction, never undercut by L-BFGS descent, whose best value is reported) exceeds the convex minimum (certified by its KKT conditions); minimal counterexample Y = I₂, λ = 1, r = 1: 3/2 against 4/3",
        sides: "lhs: the fixed-width minimum of f; rhs: the minimum of the convex problem without rank cap") with
    {
        Examples = [new ShrinkageCase(Matrix<double>.Build.DenseIdentity(2), 1, 1, 1)],
    };

    public static Outcome CheckFixedWidthAsStated(ShrinkageCase c)
    {
        var fixedWidth = Thresholding.FixedWidth(c.Y, c.Lambda, c.Width);
        var convex = Thresholding.VariableRate(c.Y, c.Lambda / c.Width);
        var outcome = Outcome.Within(fixedWidth.Value, convex.Value, ValueTolerance(c.Y, c.Lambda, fixedWidth.Sigma),
            $"min f at width {c.Width} (ρ = {fixedWidth.Rho}, τ = {fixedWidth.Tau:G6}) against the convex minimum (rank {convex.Rho}, τ = {convex.Tau:G6})");
        var details = new List<NamedValue>
        {
            new("fixedWidthValue", Value.Of(fixedWidth.Value)), new("convexValue", Value.Of(convex.Value)),
            new("fixedWidthX", Value.Of(fixedWidth.Minimizer)), new("convexX", Value.Of(convex.Minimizer)),
            new("rho", Value.Of(fixedWidth.Rho)), new("tau", Value.Of(fixedWidth.Tau)), new("convexRho", Value.Of(convex.Rho)), new("convexTau", Value.Of(convex.Tau)),
        };
        if (outcome.Fails)
        {
            var descent = Minimizers.LocalDescent(c.Y, c.Lambda, c.Width, DescentStarts, c.Seed);
            details.Add(new("descentLowest", Value.Of(descent.LowestValue)));
            outcome = outcome.Explained(outcome.Explanation + $"; numerical evidence: L-BFGS from {DescentStarts} starts reached at best {descent.LowestValue:G6}");
        }
        return outcome.WithDetails(details.ToArray());
    }
}
