using Fractions;
using MathNet.Numerics.LinearAlgebra;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.LinearNetworks;

/// <summary>linear.shallow-origin-strict, linear.deep-nonstrict-saddle, linear.deep-optimal-product, linear.kawaguchi-strict-saddles, and controls.</summary>
public static partial class LinearClaims
{
    private static IReadOnlyList<ExactMatrix> ZeroLayers(IReadOnlyList<int> widths) =>
        Enumerable.Range(0, widths.Count - 1).Select(k => ExactLinearAlgebra.Zero(widths[k + 1], widths[k])).ToArray();

    private static string Show(IReadOnlyList<ExactMatrix> layers, bool exact = true) =>
        string.Join("; ", layers.Select((w, k) => $"W{k + 1} = {SampleGenerators.Show(w, exact)}"));

    // ---- linear.shallow-origin-strict ----

    public static Claim<LinearProblem> ShallowOriginStrict { get; } = Claim.Theorem(
        id: "linear.shallow-origin-strict",
        title: "For f = ½‖Y − W₂W₁X‖², the smallest Hessian eigenvalue at the origin is −σ_max(YXᵀ)",
        statement: @"f(W_1, W_2) = \tfrac12\|Y - W_2W_1X\|_F^2:\ \lambda_{\min}\big(\nabla^2 f(0, 0)\big) = -\sigma_{\max}(YX^\top)",
        source: "Kawaguchi2016",
        instances: OriginProblems.Shallow,
        check: c => CheckShallowOrigin(c, frobenius: false),
        evidence: "the Hessian at 0 in exact arithmetic; when σ_max(YXᵀ) is rational (structured rational samples, where σ(YXᵀ) = |m_i|a_i²), exactly: H + σ_max I has no negative and at least one zero eigenvalue (exact LDLᵀ inertia), so λ_min(H) = −σ_max; otherwise the exact Hessian rounded once, its eigenvalues and the singular values of YXᵀ in double precision, within the eigensolver and SVD backward-error bounds. YXᵀ = 0 is included (both sides 0)") with { Modes = EvalModes.Exact, Sides = "lhs: λ_min(∇²f(0, 0)); rhs: −σ_max(YXᵀ)" };

    /// <summary>−‖YXᵀ‖_F instead of −σ_max(YXᵀ): equal exactly when rank YXᵀ ≤ 1.</summary>
    public static Claim<LinearProblem> ShallowOriginControl { get; } = Claim.Control(
        id: "linear.shallow-origin-strict.control",
        title: "Control: the smallest Hessian eigenvalue at the origin is −‖YXᵀ‖_F (true only when rank YXᵀ ≤ 1)",
        statement: @"\lambda_{\min}\big(\nabla^2 f(0, 0)\big) = -\|YX^\top\|_F",
        instances: OriginProblems.Shallow,
        check: c => CheckShallowOrigin(c, frobenius: true),
        evidence: "the same computation against −‖YXᵀ‖_F; holds on every instance with rank YXᵀ ≤ 1 (every 1×1 or single-output instance)") with { Modes = EvalModes.Exact, Sides = "lhs: λ_min(∇²f(0, 0)); rhs: −‖YXᵀ‖_F" };

    public static Outcome CheckShallowOrigin(LinearProblem c, bool frobenius)
    {
        if (c.X is not { } x || c.Y is not { } y) return Outcome.Discard("the claim is about ½‖Y − W₂W₁X‖²: it needs the samples X and Y");
        if (c.Depth != 2) return Outcome.Discard($"the claim is about one hidden layer, but the widths are {Widths(c)}");
        var s = SecondMoments.FromSamples(x, y, new Fraction(1, 2));
        var h = DeepLinearRisk.Hessian(s.Exact(), ZeroLayers(c.Widths).Select(FieldMatrices.Of).ToArray()).ToExact();
        var g = y.Multiply(x.Transpose());
        var frobeniusSquared = g.FrobeniusNormSquared();
        var sigmaSquared = c.Exact ? ExactSpectrum.TryRational(g.Multiply(g.Transpose()))?[0].Value : null;
        var sigma = sigmaSquared is { } s2 ? ExactSpectrum.TrySquareRoot(s2) : null;
        var target = frobenius ? "−‖YXᵀ‖_F" : "−σ_max(YXᵀ)";
        if (sigma is { } exactSigma)
        {
            var shifted = ExactLdlt.InertiaOf(h.Add(ExactLinearAlgebra.Identity(h.RowCount).Scale(exactSigma)));
            var smallestIsMinusSigma = shifted.Negative == 0 && shifted.Zero >= 1;
            var details = new[]
            {
                new NamedValue("smallestEigenvalue", Value.Of(smallestIsMinusSigma ? Exact.Format(-exactSigma) : "not −σ_max")),
                new NamedValue("sigmaMax", Value.Of(exactSigma)),
                new NamedValue("hessianInertia", Value.Of(ExactLdlt.InertiaOf(h).ToString())),
            };
            if (!frobenius || !smallestIsMinusSigma)
                return Outcome.Decide(smallestIsMinusSigma, Value.Of(smallestIsMinusSigma ? -exactSigma : Fraction.Zero), Value.Of(-exactSigma),
                    $"exact: H + σ_max·I has inertia {shifted} (no negative, some zero eigenvalue iff λ_min(H) = −σ_max), σ_max(YXᵀ) = {Exact.Format(exactSigma)}", 1).WithDetails(details);
            return Outcome.Decide(exactSigma * exactSigma == frobeniusSquared, Value.Of(-exactSigma), Value.Of($"−√{Exact.Format(frobeniusSquared)}"),
                $"exact: λ_min(H) = −σ_max(YXᵀ) = {Exact.Format(-exactSigma)}, and σ_max² = {Exact.Format(exactSigma * exactSigma)} against ‖YXᵀ‖_F² = {Exact.Format(frobeniusSquared)}",
                (frobeniusSquared - exactSigma * exactSigma).ToDoubleAnyScale()).WithDetails(details);
        }
        var hd = h.ToDouble();
        var gd = g.ToDouble();
        var smallest = SymmetricSpectrum.Eigenvalues(hd)[0];
        var sigmaMax = Thresholding.SingularValues(gd).DefaultIfEmpty(0).Max();
        int m = gd.RowCount, n = gd.ColumnCount;
        var gNorm = gd.FrobeniusNorm();
        var hessianError = SymmetricSpectrum.BackwardError(hd) + Rounding.UnitRoundoff * hd.FrobeniusNorm();
        var rhs = frobenius ? -gNorm : -sigmaMax;
        var rhsError = frobenius ? Rounding.Gamma(m * n + 1) * gNorm : (m * n * Rounding.UnitRoundoff + Rounding.UnitRoundoff) * gNorm;
        return Outcome.Within(smallest, rhs, new Tolerance(hessianError + rhsError,
                    $"eigensolver backward error n²u‖H‖_F + rounding of H + {(frobenius ? "rounding of ‖YXᵀ‖_F" : "SVD backward error m·n·u‖YXᵀ‖_F")}"),
                $"λ_min(∇²f(0, 0)) against {target} in double precision (σ_max(YXᵀ) not rational here)")
            .WithDetails(new NamedValue("smallestEigenvalue", Value.Of(smallest)), new NamedValue("sigmaMax", Value.Of(sigmaMax)));
    }

    // ---- linear.deep-nonstrict-saddle ----

    public static Claim<LinearProblem> DeepNonstrictSaddle { get; } = Claim.Theorem(
        id: "linear.deep-nonstrict-saddle",
        title: "For depth L ≥ 3, W = 0 has zero gradient and zero Hessian, yet is not a local minimum when YXᵀ ≠ 0",
        statement: @"L \ge 3,\ YX^\top \ne 0:\ \nabla R(0) = 0,\ \nabla^2 R(0) = 0,\ \text{and } R(tD) < R(0) \text{ for all small } t > 0 \text{ along an explicit } D",
        source: "Kawaguchi2016",
        instances: OriginProblems.Deep,
        check: CheckDeepOrigin,
        evidence: "exact on every instance (W = 0 and the direction are rational, and the moments of any samples are): every entry of the gradient and of the Hessian at 0 is exactly 0; along the rational direction D (D_L⋯D₁ = ±e_ie_jᵀ at the largest |Σ_yx[i, j]|) R(tD) − R(0) equals −2a t^L + b t^{2L} at t = 1, …, 2L + 1 (so as polynomials of degree 2L), with a = |Σ_yx[i, j]| > 0; a rational step t₀ with b t₀^L ≤ a gives an exact decrease ≤ −a t₀^L < 0, and every 0 < t ≤ t₀ decreases R") with { Modes = EvalModes.Exact, Sides = "lhs/rhs of the first failing part: the gradient and the Hessian at W = 0 against 0; R(tD) − R(0) along the rational direction D against the polynomial −2a·t^L + b·t^{2L}; the decrease at the step against 0" };

    public static Outcome CheckDeepOrigin(LinearProblem c)
    {
        if (c.Depth < 3) return Outcome.Discard($"the hypothesis L ≥ 3 fails: the widths {Widths(c)} give depth {c.Depth}");
        var s = c.Moments;
        if (s.Syx.IsZero()) return Outcome.Discard("the hypothesis YXᵀ ≠ 0 fails: then R(W) = tr Σ_yy + tr(PΣ_xxPᵀ) ≥ R(0), and the origin is a global minimum");
        var me = s.Exact();
        var zeros = ZeroLayers(c.Widths).Select(FieldMatrices.Of).ToArray();
        var gradient = DeepLinearRisk.Gradient(me, zeros);
        var hessian = DeepLinearRisk.Hessian(me, zeros);
        var descent = DeepConstructions.DescentAtOrigin(s, c.Widths);
        var r0 = DeepLinearRisk.Risk(me, zeros);
        Fraction Along(Fraction t) => DeepLinearRisk.Risk(me, descent.Direction.Select(d => FieldMatrices.Of(d.Scale(t))).ToArray()) - r0;
        Fraction Polynomial(Fraction t) => -2 * descent.A * Fraction.Pow(t, c.Depth) + descent.B * Fraction.Pow(t, 2 * c.Depth);
        var mismatch = Enumerable.Range(1, 2 * c.Depth + 1).Select(k => new Fraction(k)).FirstOrDefault(t => Along(t) != Polynomial(t), Fraction.Zero);
        var atStep = Along(descent.Step);
        return Outcome.All(
                Outcome.Decide(gradient.All(g => g.IsZero()), Value.Of(MaxAbs(gradient)), Value.Of(0L), "exact: ∇R(0) = 0"),
                Outcome.Decide(hessian.IsZero(), Value.Of(hessian.IsZero() ? "0" : "nonzero"), Value.Of("0"), $"exact: every entry of the {hessian.RowCount}×{hessian.RowCount} Hessian at 0 is 0", 1),
                Outcome.Decide(mismatch.IsZero, Value.Of(mismatch.IsZero ? "−2a t^L + b t^{2L}" : $"differs at t = {Exact.Format(mismatch)}"), Value.Of(descent.Polynomial(c.Depth)),
                    $"exact: R(tD) − R(0) = {descent.Polynomial(c.Depth)} at t = 1, …, {2 * c.Depth + 1}, hence as polynomials of degree {2 * c.Depth}", 1),
                Outcome.Decide(atStep < Fraction.Zero && atStep == descent.Decrease, Value.Of(atStep), Value.Of(Fraction.Zero),
                    $"exact: R(t₀D) − R(0) = {Exact.Format(atStep)} < 0 at t₀ = {Exact.Format(descent.Step)} (and at every 0 < t ≤ t₀): not a local minimum", Math.Max(0, atStep.ToDoubleAnyScale())))
            .WithDetails(
                new NamedValue("direction", Value.Of(Show(descent.Direction))),
                new NamedValue("step", Value.Of(descent.Step)),
                new NamedValue("decrease", Value.Of(atStep)),
                new NamedValue("polynomial", Value.Of(descent.Polynomial(c.Depth))),
                new NamedValue("hessian", Value.Of($"{hessian.RowCount}×{hessian.RowCount}, every entry 0")));
    }

    // ---- linear.deep-optimal-product ----

    public static Claim<LinearProblem> DeepOptimalProduct { get; } = Claim.Theorem(
        id: "linear.deep-optimal-product",
        title: "If every hidden width is at least rank Σ_yx (and Σ_xx is invertible), every minimum of a deep linear network has W_L⋯W₁ = Σ_yx Σ_xx⁻¹",
        statement: @"\Sigma_{xx} \succ 0,\ \min_k n_k \ge \operatorname{rank}\Sigma_{yx} \implies \min R = \operatorname{tr}\Sigma_{yy} - \operatorname{tr}(\Sigma_{yx}\Sigma_{xx}^{-1}\Sigma_{xy}) \text{ and every minimizer has } W_L\cdots W_1 = \Sigma_{yx}\Sigma_{xx}^{-1}",
        source: "Kawaguchi2016",
        instances: LinearProblems.WideEnough,
        check: CheckDeepOptimalProduct,
        evidence: "exact on every instance: Σ_xx ≻ 0 by exact LDLᵀ; P* = Σ_yxΣ_xx⁻¹ = CF (exact rank factorization, r = rank Σ_yx) embedded through every hidden width ≥ r gives a point with product P*, zero gradient and value tr Σ_yy − tr(P*Σ_xy); R(P) − R(P*) = tr((P − P*)Σ_xx(P − P*)ᵀ) exactly at a random rational P (polynomial identity), so P* is the unique minimizing product; the Hessian at the point has no negative eigenvalue (exact LDLᵀ on rational instances, floating point with its backward error on Gaussian ones); L-BFGS from random starts never goes below R(P*). Wide enough means min_k n_k ≥ rank Σ_yx (so min(n₀, n_L) always suffices): below it the product cannot reach P*, which the control shows") with { Modes = EvalModes.Exact, Sides = "lhs/rhs of the first failing part: the constructed W_L⋯W₁ against Σ_yxΣ_xx⁻¹; the gradient against 0; R(P) − R(P*) against tr((P − P*)Σ_xx(P − P*)ᵀ); the lowest value of local descent against R(Σ_yxΣ_xx⁻¹)" };

    /// <summary>The same statement on networks with a hidden width below rank Σ_yx (decided by the rank of the product).</summary>
    public static Claim<LinearProblem> DeepOptimalProductControl { get; } = Claim.Control(
        id: "linear.deep-optimal-product.control",
        title: "Control: the optimal product Σ_yx Σ_xx⁻¹ is reached even when a hidden width is below rank Σ_yx",
        statement: @"\min_k n_k < \operatorname{rank}\Sigma_{yx}:\ \text{every minimizer has } W_L\cdots W_1 = \Sigma_{yx}\Sigma_{xx}^{-1}",
        instances: LinearProblems.TooNarrow,
        check: c => CheckDeepOptimalProduct(c, narrowAllowed: true),
        evidence: "rank(W_L⋯W₁) ≤ min_k n_k < rank Σ_yxΣ_xx⁻¹, decided by exact ranks: no network of these widths has the product P*") with { Modes = EvalModes.Exact, Sides = "lhs: the smallest hidden width min_k n_k; rhs: rank Σ_yx (the control fails when lhs < rhs)" };

    public static Outcome CheckDeepOptimalProduct(LinearProblem c) => CheckDeepOptimalProduct(c, narrowAllowed: false);

    public static Outcome CheckDeepOptimalProduct(LinearProblem c, bool narrowAllowed)
    {
        var s = c.Moments;
        if (!BaldiHornik.InputCovarianceIsInvertible(s)) return Outcome.Discard("the hypothesis 'Σ_xx invertible' fails: Σ_xx is singular");
        var rank = s.Syx.Rank();
        if (c.SmallestHiddenWidth < rank)
        {
            if (!narrowAllowed)
                return Outcome.Discard($"the hypothesis 'every hidden width ≥ rank Σ_yx' fails: widths {Widths(c)}, rank Σ_yx = {rank}");
            return Outcome.Decide(false, Value.Of(c.SmallestHiddenWidth), Value.Of(rank),
                $"exact: rank(W_L⋯W₁) ≤ min_k n_k = {c.SmallestHiddenWidth} < rank Σ_yxΣ_xx⁻¹ = {rank}, so no network of widths {Widths(c)} has the product Σ_yxΣ_xx⁻¹, and R(P) > R(P*) for every product it has (Σ_xx ≻ 0)", rank - c.SmallestHiddenWidth);
        }
        return WideEnoughOptimum(c).Outcome;
    }

    /// <summary>The optimum of a wide enough network (any depth): construction, stationarity, value, uniqueness of the product, curvature and descent.</summary>
    public static (Outcome Outcome, IReadOnlyList<ExactMatrix> Layers) WideEnoughOptimum(LinearProblem c)
    {
        var s = c.Moments;
        var optimal = BaldiHornik.OptimalProduct(s);
        var (left, right) = optimal.RankFactorization();
        var layers = DeepConstructions.Embed(left, right, c.HiddenWidths);
        var product = layers.Skip(1).Aggregate(layers[0], (p, w) => w.Multiply(p));
        var value = s.Risk(optimal);
        var point = ExactPoint(s, "the constructed point", layers, value, CurvatureRequirement.NoNegative, exactCurvature: c.Exact);

        // R(P) − R(P*) = tr((P − P*)Σ_xx(P − P*)ᵀ) at a random rational P: with Σ_xx ≻ 0, R(P) = R(P*) forces P = P*.
        var rng = new SplitMix64(c.Seed);
        var random = ExactMatrix.Create(optimal.RowCount, optimal.ColumnCount, (_, _) => new Fraction((long)(rng.NextUInt64() % 7) - 3, 1 + (long)(rng.NextUInt64() % 4)));
        var difference = random.Subtract(optimal);
        var quadratic = difference.Multiply(s.Sxx).Multiply(difference.Transpose()).Trace();
        var descent = LocalDescent.Run(s, c.Widths, 2, c.Seed);
        var valueDouble = value.ToDoubleAnyScale();
        var outcome = Outcome.All(
                Outcome.Decide(product.EqualTo(optimal), SampleGenerators.Show(product, c.Exact), SampleGenerators.Show(optimal, c.Exact), "exact: the constructed point has W_L⋯W₁ = Σ_yxΣ_xx⁻¹", 1),
                point.Outcome,
                Outcome.Exact(s.Risk(random) - value, quadratic, "exact: R(P) − R(P*) = tr((P − P*)Σ_xx(P − P*)ᵀ) at a random rational P"),
                Outcome.AtLeast(descent.Lowest, descent.InUnits(value), new Tolerance(descent.LowestError + Rounding.UnitRoundoff * Math.Abs(descent.InUnits(value)), "rounding of R at the lowest point (summation bound), in units of the moments' scale 2^k"),
                    $"L-BFGS from {descent.Starts} random starts never goes below R(Σ_yxΣ_xx⁻¹)"))
            .WithDetails(
                new NamedValue("value", c.Exact ? Value.Of(value) : Value.Of(valueDouble)),
                new NamedValue("optimalProduct", SampleGenerators.Show(optimal, c.Exact)),
                new NamedValue("rank", Value.Of((long)left.ColumnCount)),
                new NamedValue("layers", Value.Of(Show(layers, c.Exact))),
                new NamedValue("curvature", Value.Of(point.Summary)),
                new NamedValue("descentLowest", Value.Of(descent.LowestValue)));
        return (outcome, layers);
    }

    // ---- linear.kawaguchi-strict-saddles ----

    public static Claim<LinearProblem> KawaguchiStrictSaddles { get; } = Claim.Theorem(
        id: "linear.kawaguchi-strict-saddles",
        title: "Kawaguchi: at a saddle of a deep linear network with rank(W_{L−1}⋯W₁) = the smallest hidden width, the Hessian has a negative eigenvalue",
        statement: @"\Sigma_{xx} \succ 0,\ \Sigma \text{ full rank with distinct eigenvalues},\ n_L \le n_0:\ W \text{ a saddle with } \operatorname{rank}(W_{L-1}\cdots W_1) = p = \min_k n_k \implies \lambda_{\min}(\nabla^2 R(W)) < 0",
        source: "Kawaguchi2016",
        instances: LinearProblems.Kawaguchi,
        check: c => CheckKawaguchi(c),
        evidence: "saddles built from every Baldi–Hornik critical point of p eigenvalues (I ≠ {1..p}): W₁ = [V_Iᵀ; 0], W_k = [I_p 0; 0 0], W_L = [U_I 0], then changed by random rational gauges W_k ↦ C_kW_kC_{k−1}⁻¹ (C = Cayley rotation × diagonal); on rational instances exactly: rank(W_{L−1}⋯W₁) = p, zero gradient, value tr Σ_yy − Σ_{i∈I}λ_i above the global minimum, and a negative eigenvalue by exact LDLᵀ inertia (the top set, the global minimum, has none); on Gaussian instances the same in floating point with the sin Θ and Lipschitz bounds. THEORY.md's rank condition on W_{L−1}⋯W₁ implies Kawaguchi's on W_{L−1}⋯W₂; the control shows the condition is needed") with { Modes = EvalModes.Exact, Sides = "lhs: the number of negative Hessian eigenvalues at a saddle with rank(W_{L−1}⋯W₁) = p; rhs: at least one" };

    /// <summary>The statement without the rank condition, refuted by the origin of a depth-3 network (a saddle with zero Hessian).</summary>
    public static Claim<LinearProblem> KawaguchiControl { get; } = Claim.Control(
        id: "linear.kawaguchi-strict-saddles.control",
        title: "Control: without the rank condition every saddle of a deep linear network has a negative Hessian eigenvalue",
        statement: @"L \ge 3,\ W \text{ a saddle} \implies \lambda_{\min}(\nabla^2 R(W)) < 0 \quad\text{(false at } W = 0\text{, where rank}(W_{L-1}\cdots W_1) = 0)",
        instances: OriginProblems.Deep,
        check: c => CheckOriginIsStrict(c),
        evidence: "W = 0 with YXᵀ ≠ 0 is a saddle (R decreases along D and increases along −D in the first layer's sign, exactly) whose Hessian is exactly zero: no negative eigenvalue") with { Modes = EvalModes.Exact, Sides = "lhs: the number of negative Hessian eigenvalues at a saddle without the rank condition (the origin, depth ≥ 3); rhs: at least one" };

    public static Outcome CheckOriginIsStrict(LinearProblem c)
    {
        var saddle = CheckDeepOrigin(c);
        if (!saddle.Holds) return saddle;
        var zeros = ZeroLayers(c.Widths).Select(FieldMatrices.Of).ToArray();
        var inertia = ExactLdlt.InertiaOf(DeepLinearRisk.Hessian(c.Moments.Exact(), zeros).ToExact());
        // Not a local maximum either: flipping the first layer of the descent direction flips the sign of the t^L term.
        var descent = DeepConstructions.DescentAtOrigin(c.Moments, c.Widths);
        var me = c.Moments.Exact();
        var ascent = descent.Direction.Select((d, k) => FieldMatrices.Of(d.Scale(k == 0 ? -descent.Step : descent.Step))).ToArray();
        var increase = DeepLinearRisk.Risk(me, ascent) - DeepLinearRisk.Risk(me, zeros);
        if (increase <= Fraction.Zero) return Outcome.Discard("the origin is not shown to be a saddle here");
        return Outcome.Decide(inertia.Negative > 0, Value.Of(inertia.ToString()), Value.Of("a negative eigenvalue"),
            $"exact: W = 0 is a saddle (R changes by {Exact.Format(descent.Decrease)} along an explicit direction and by +{Exact.Format(increase)} with its first layer negated) with Hessian inertia {inertia}", 1);
    }

    public static Outcome CheckKawaguchi(LinearProblem c)
    {
        var s = c.Moments;
        if (c.Depth < 2) return Outcome.Discard("a deep network needs a hidden layer");
        var p = c.SmallestHiddenWidth;
        if (c.OutputDimension > c.InputDimension) return Outcome.Discard($"the hypothesis n_L ≤ n₀ fails: n_L = {c.OutputDimension}, n₀ = {c.InputDimension}");
        if (p > c.OutputDimension) return Outcome.Discard($"the construction needs p = min_k n_k ≤ n_L: p = {p}, n_L = {c.OutputDimension}");
        var (spectrum, premise) = ShallowPremises(c with { HiddenWidths = [p] }, distinct: true);
        if (premise is not null) return premise;
        var rng = new SplitMix64(c.Seed ^ 0x5DEECE66DUL);
        var checks = new List<PointCheck>();
        var parts = new List<Outcome>();
        foreach (var (set, k) in BaldiHornik.IndexSets(spectrum!.Dimension, p).Select((set, k) => (set, k)))
        {
            var requirement = k == 0 ? CurvatureRequirement.NoNegative : CurvatureRequirement.Negative;
            var label = "I = " + ShallowCriticalPoint.IndexSetLabel(set);
            if (spectrum.Exact is { } e)
            {
                var shallow = BaldiHornik.CriticalPoint(s, e, set);
                var layers = DeepConstructions.Apply(DeepConstructions.FromShallow(shallow, c.HiddenWidths), RandomGauges(c.HiddenWidths, rng));
                var below = layers.Take(layers.Count - 1).Skip(1).Aggregate(layers[0], (acc, w) => w.Multiply(acc));
                var rank = below.Rank();
                parts.Add(Outcome.Decide(rank == p, Value.Of(rank), Value.Of(p), $"exact: rank(W_{{L−1}}⋯W₁) = {rank} at {label}, the smallest hidden width is {p}", Math.Abs(rank - p)));
                var check = ExactPoint(s, label, layers, BaldiHornik.ClaimedValue(s, e.Eigenvalues, set), requirement);
                checks.Add(check);
                parts.Add(check.Outcome);
            }
            else
            {
                var f = spectrum.Floating!;
                var fp = FloatingLandscape.CriticalPoint(s, f, set);
                if (!fp.Separated)
                {
                    parts.Add(Outcome.Inconclusive($"floating point cannot separate the eigenvalues of {label} from the others (gap {fp.Gap:G3})"));
                    continue;
                }
                var layers = FloatingEmbed(fp.U, fp.V, c.HiddenWidths);
                var below = layers.Take(layers.Count - 1).Skip(1).Aggregate(layers[0].ToDouble(), (acc, w) => w.ToDouble() * acc);
                var sv = Thresholding.SingularValues(below);
                var rankTolerance = (below.RowCount * below.ColumnCount * Rounding.UnitRoundoff + Rounding.Gamma(4)) * below.FrobeniusNorm() + FloatingBounds.Radius(layers, fp.Distance) * fp.Distance;
                parts.Add(Outcome.AtLeast(sv.Length >= p ? sv[p - 1] : 0, 0, new Tolerance(rankTolerance, "SVD backward error + distance to the exact point"),
                    $"σ_p(W_{{L−1}}⋯W₁) > 0 at {label}: rank p = {p}"));
                var claimed = Exact.ToDouble(s.Syy.Trace()) - set.Sum(i => f.Eigenvalues[i]);
                var claimedError = set.Length * f.EigenvalueError + Rounding.Gamma(c.OutputDimension + set.Length) * (Math.Abs(Exact.ToDouble(s.Syy.Trace())) + set.Sum(i => Math.Abs(f.Eigenvalues[i])));
                var check = FloatingPoint(s, label, layers, fp.Distance, claimed, claimedError, requirement);
                checks.Add(check);
                parts.Add(check.Outcome);
            }
        }
        return Outcome.All(parts.ToArray()).WithDetails([new NamedValue("eigenvalues", Value.Of(spectrum.Eigenvalues)), .. checks.Select(Detail)]);
    }

    /// <summary>Random rational gauges, one per hidden layer: Cayley rotation of a small skew matrix times a diagonal of ±1, ±2, ±½.</summary>
    private static IReadOnlyList<Gauge> RandomGauges(IReadOnlyList<int> hidden, SplitMix64 rng)
    {
        Fraction[] entries = [Fraction.Zero, new(1, 2), new(-1, 2), Fraction.One, Fraction.MinusOne];
        Fraction[] scales = [Fraction.One, Fraction.MinusOne, new(2), new(1, 2), new(-2)];
        return hidden.Select(n =>
        {
            var upper = Enumerable.Range(0, n * n).Select(_ => entries[rng.NextUInt64() % (ulong)entries.Length]).ToArray();
            var skew = ExactMatrix.Create(n, n, (i, j) => i < j ? upper[i * n + j] : i > j ? -upper[j * n + i] : Fraction.Zero);
            return DeepConstructions.ScaledRotation(skew, Enumerable.Range(0, n).Select(_ => scales[rng.NextUInt64() % (ulong)scales.Length]).ToArray());
        }).ToArray();
    }

    /// <summary>W₁ = [V̂ᵀ; 0], W_k = [I_p 0; 0 0], W_L = [Û 0] in double precision (the embedding adds only exact zeros and ones).</summary>
    private static IReadOnlyList<FieldMatrix<double>> FloatingEmbed(Matrix<double> u, Matrix<double> v, IReadOnlyList<int> hidden)
    {
        var p = u.ColumnCount;
        var layers = new List<Matrix<double>> { Matrix<double>.Build.Dense(hidden[0], v.RowCount, (i, j) => i < p ? v[j, i] : 0) };
        for (var k = 1; k < hidden.Count; k++) layers.Add(Matrix<double>.Build.Dense(hidden[k], hidden[k - 1], (i, j) => i == j && i < p ? 1 : 0));
        layers.Add(Matrix<double>.Build.Dense(u.RowCount, hidden[^1], (i, j) => j < p ? u[i, j] : 0));
        return layers.Select(FieldMatrices.Of).ToArray();
    }
}
