using Fractions;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.LinearNetworks;

/// <summary>The spectrum of Σ that a check works with: exact (rational eigenvalues) or floating point.</summary>
public sealed record SpectrumOfSigma(ExactSpectralData? Exact, FloatingSpectralData? Floating)
{
    public int Dimension => Exact?.Dimension ?? Floating!.Dimension;

    public string Eigenvalues => Exact is { } e ? "(" + string.Join(", ", e.Eigenvalues.Select(Numerics.Exact.Format)) + ")"
        : "(" + string.Join(", ", Floating!.Eigenvalues.Select(v => v.ToString("G10", System.Globalization.CultureInfo.InvariantCulture))) + ")";
}

/// <summary>linear.baldi-hornik, linear.baldi-hornik.as-stated, linear.critical-points.</summary>
public static partial class LinearClaims
{
    /// <summary>The slide's claim fails here: X = Y = I₂ (Σ = ½I₂, a tie at the cut), n₁ = 1.</summary>
    public static LinearProblem TiedSpectrumExample { get; } = LinearProblem.FromSamples(ExactLinearAlgebra.Identity(2), ExactLinearAlgebra.Identity(2), [1], true, 1);

    /// <summary>
    /// The premises shared by Part I's one-hidden-layer claims: Σ_xx invertible, one hidden layer, n₁ ≤ min(n₀, n_L), Σ of full
    /// rank, and (when asked) distinct eigenvalues. A failed hypothesis is a discard that names it; a premise floating point
    /// cannot decide is inconclusive.
    /// </summary>
    public static (SpectrumOfSigma? Spectrum, Outcome? Premise) ShallowPremises(LinearProblem c, bool distinct)
    {
        var s = c.Moments;
        if (!BaldiHornik.InputCovarianceIsInvertible(s)) return (null, Outcome.Discard("the hypothesis 'Σ_xx invertible' fails: Σ_xx is singular"));
        if (c.Depth != 2) return (null, Outcome.Discard($"the claim is about one hidden layer, but the widths are {Widths(c)}"));
        var n1 = c.HiddenWidths[0];
        if (n1 > Math.Min(c.InputDimension, c.OutputDimension))
            return (null, Outcome.Discard($"the hypothesis n₁ ≤ min(n₀, n_L) fails: n₁ = {n1}, n₀ = {c.InputDimension}, n_L = {c.OutputDimension}"));
        if (c.OutputDimension > c.InputDimension)
            return (null, Outcome.Discard($"the hypothesis 'Σ of full rank' fails: rank Σ ≤ n₀ = {c.InputDimension} < n_L = {c.OutputDimension}"));
        var exact = c.Exact ? BaldiHornik.TryExactSpectrum(s, c.Eigenvectors) : null;
        if (exact is not null)
        {
            var spectrum = new SpectrumOfSigma(exact, null);
            if (!exact.FullRank) return (spectrum, Outcome.Discard($"the hypothesis 'Σ of full rank' fails: Σ has the eigenvalue 0 (eigenvalues {spectrum.Eigenvalues})"));
            if (distinct && !exact.Distinct)
            {
                var tie = exact.Eigenvalues.Zip(exact.Eigenvalues.Skip(1)).First(p => p.First == p.Second).First;
                return (spectrum, Outcome.Discard($"the hypothesis 'distinct eigenvalues' fails: Σ has the repeated eigenvalue {Exact.Format(tie)} (eigenvalues {spectrum.Eigenvalues})"));
            }
            return (spectrum, null);
        }
        var floating = new SpectrumOfSigma(null, FloatingLandscape.Analyze(s));
        var f = floating.Floating!;
        if (f.Eigenvalues[^1] <= f.EigenvalueError)
            return (floating, Outcome.Inconclusive($"floating point cannot decide that Σ has full rank: its smallest eigenvalue {f.Eigenvalues[^1]:G6} is within the eigenvalue error {f.EigenvalueError:G3}"));
        if (distinct && f.DecidedGap <= 0)
            return (floating, Outcome.Inconclusive($"floating point cannot decide that Σ's eigenvalues {floating.Eigenvalues} are distinct (eigenvalue error {f.EigenvalueError:G3})"));
        return (floating, null);
    }

    /// <summary>The checks of the critical point of index set I (exact or floating), with the inertia requirement.</summary>
    public static PointCheck ShallowPoint(LinearProblem c, SpectrumOfSigma spectrum, IReadOnlyList<int> set, CurvatureRequirement requirement)
    {
        var s = c.Moments;
        var label = "I = " + ShallowCriticalPoint.IndexSetLabel(set);
        if (spectrum.Exact is { } e)
        {
            var point = BaldiHornik.CriticalPoint(s, e, set);
            var check = ExactPoint(s, label, [point.V.Transpose(), point.U], BaldiHornik.ClaimedValue(s, e.Eigenvalues, set), requirement);
            return check with { Summary = $"{check.Summary}; UVᵀ = {Value.Of(point.Product)}", Product = Value.Of(point.Product) };
        }
        var f = spectrum.Floating!;
        var fp = FloatingLandscape.CriticalPoint(s, f, set);
        if (!fp.Separated)
            return new PointCheck(label, Outcome.Inconclusive($"floating point cannot separate the eigenvalues of {label} from the others (gap {fp.Gap:G3})"), "undecided");
        var claimed = Exact.ToDouble(s.Syy.Trace()) - set.Sum(i => f.Eigenvalues[i]);
        var claimedError = set.Count * f.EigenvalueError + Rounding.Gamma(c.OutputDimension + set.Count) * (Math.Abs(Exact.ToDouble(s.Syy.Trace())) + set.Sum(i => Math.Abs(f.Eigenvalues[i])));
        var floating = FloatingPoint(s, label, fp.Layers, fp.Distance, claimed, claimedError, requirement);
        return floating with { Summary = $"{floating.Summary}; UVᵀ = {Value.Of(fp.U * fp.V.Transpose())}", Product = Value.Of(fp.U * fp.V.Transpose()) };
    }

    private static NamedValue Detail(PointCheck p) => new(p.Label, Value.Of(p.Summary));

    // ---- linear.baldi-hornik ----

    public static Claim<LinearProblem> BaldiHornikMinimum { get; } = Claim.Theorem(
        id: "linear.baldi-hornik",
        title: "Baldi–Hornik: with Σ of full rank and distinct eigenvalues, min R = tr Σ_yy − Σ_{i≤n₁} λ_i, attained at U = Q_{1:n₁}",
        statement: @"\Sigma_{xx} \succ 0,\ \Sigma = \Sigma_{yx}\Sigma_{xx}^{-1}\Sigma_{xy} = Q\Lambda Q^\top \text{ full rank, } \lambda_1 > \dots > \lambda_{n_2},\ n_1 \le \min(n_0, n_2) \implies \min R = \operatorname{tr}\Sigma_{yy} - \sum_{i \le n_1}\lambda_i \text{ at } U = Q_{1:n_1},\ V = \Sigma_{xx}^{-1}\Sigma_{xy}Q_{1:n_1}",
        source: "BaldiHornik1989",
        instances: LinearProblems.Distinct,
        check: CheckBaldiHornik,
        evidence: "rational instances (Σ with rational eigenvalues and orthogonal eigenvectors from Cayley transforms): at U = Q_{1:n₁}, V = Σ_xx⁻¹Σ_xyQ_{1:n₁} the gradient is exactly 0, R equals tr Σ_yy − Σ_{i≤n₁}λ_i exactly, and the Hessian has no negative eigenvalue (exact LDLᵀ inertia); Gaussian instances: the same within the floating-point bounds (sin Θ distance to the exact point, Lipschitz constants, eigensolver backward error); on both, L-BFGS from random starts never goes below the value (summation bound). Hypothesis failures (singular Σ_xx, repeated eigenvalues) are discarded with the hypothesis named") with { Modes = EvalModes.Exact, Sides = "lhs/rhs of the first failing part, at the top index set: the gradient against 0; R against tr Σ_yy − Σ_{i≤n₁} λ_i; the number of negative Hessian eigenvalues against 0; the lowest value of local descent against that value" };

    public static Outcome CheckBaldiHornik(LinearProblem c)
    {
        var (spectrum, premise) = ShallowPremises(c, distinct: true);
        if (premise is not null) return WithWhatHolds(c, spectrum, premise);
        var n1 = c.HiddenWidths[0];
        var top = Enumerable.Range(0, n1).ToArray();
        var minimum = ShallowPoint(c, spectrum!, top, CurvatureRequirement.NoNegative);
        var (value, valueText, valueError) = GlobalValue(c, spectrum!);
        var descent = LocalDescent.Run(c.Moments, c.Widths, 2, c.Seed);
        var (valueInUnits, valueErrorInUnits) = spectrum!.Exact is { } exactSpectrum
            ? (descent.InUnits(BaldiHornik.ClaimedValue(c.Moments, exactSpectrum.Eigenvalues, top)), 0.0)
            : (descent.InUnits(value), descent.InUnits(valueError));
        var descentOutcome = Outcome.AtLeast(descent.Lowest, valueInUnits, new Tolerance(descent.LowestError + valueErrorInUnits + Rounding.UnitRoundoff * Math.Abs(valueInUnits),
                "rounding of R at the lowest point (summation bound) + the value's eigenvalue error (both in units of the moments' scale 2^k)"),
            $"L-BFGS from {descent.Starts} random starts never goes below tr Σ_yy − Σ_{{i≤n₁}} λ_i");
        return Outcome.All(minimum.Outcome, descentOutcome).WithDetails(
            new NamedValue("value", Value.Of(valueText)),
            new NamedValue("eigenvalues", Value.Of(spectrum!.Eigenvalues)),
            new NamedValue("optimalProduct", minimum.Product ?? Value.Of("—")),
            Detail(minimum),
            new NamedValue("descentLowest", Value.Of(descent.LowestValue)));
    }

    /// <summary>tr Σ_yy − Σ_{i≤n₁} λ_i as a double, its text (exact when the spectrum is), and its floating-point error.</summary>
    private static (double Value, string Text, double Error) GlobalValue(LinearProblem c, SpectrumOfSigma spectrum)
    {
        var n1 = Math.Min(c.HiddenWidths[0], spectrum.Dimension);
        var top = Enumerable.Range(0, n1).ToArray();
        if (spectrum.Exact is { } e)
        {
            var v = BaldiHornik.ClaimedValue(c.Moments, e.Eigenvalues, top);
            return (v.ToDoubleAnyScale(), Exact.Format(v), Math.Abs(v.ToDoubleAnyScale()) * Rounding.UnitRoundoff);
        }
        var f = spectrum.Floating!;
        var trace = Exact.ToDouble(c.Moments.Syy.Trace());
        var value = trace - top.Sum(i => f.Eigenvalues[i]);
        return (value, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            n1 * f.EigenvalueError + Rounding.Gamma(n1 + 2) * (Math.Abs(trace) + top.Sum(i => Math.Abs(f.Eigenvalues[i]))));
    }

    /// <summary>A discarded case still says what the suite could evaluate: the eigenvalues and the global value tr Σ_yy − Σ_{i≤n₁} λ_i.</summary>
    private static Outcome WithWhatHolds(LinearProblem c, SpectrumOfSigma? spectrum, Outcome premise)
    {
        if (spectrum is null || premise.Status != OutcomeStatus.Discarded || c.Depth != 2) return premise;
        var (_, text, _) = GlobalValue(c, spectrum);
        var eigenvalues = premise.Explanation.Contains("eigenvalues (") ? "" : $"Σ's eigenvalues {spectrum.Eigenvalues}, ";
        return premise.Explained($"{premise.Explanation}; still evaluated: {eigenvalues}min R = tr Σ_yy − Σ_{{i≤n₁}} λ_i = {text} (Eckart–Young, which needs neither hypothesis)")
            .WithDetails(new NamedValue("eigenvalues", Value.Of(spectrum.Eigenvalues)), new NamedValue("value", Value.Of(text)));
    }

    // ---- linear.baldi-hornik.as-stated ----

    public static Claim<LinearProblem> BaldiHornikAsStated { get; } = Claim.AsStated(
        id: "linear.baldi-hornik.as-stated",
        title: "As stated (no distinct-eigenvalue hypothesis): every global minimum has UVᵀ = Q_{1:n₁}Q_{1:n₁}ᵀ Σ_yx Σ_xx⁻¹",
        statement: @"\Sigma_{xx} \succ 0,\ \Sigma \text{ full rank},\ n_1 \le \min(n_0, n_2) \implies \text{every global minimum has } UV^\top = Q_{1:n_1}Q_{1:n_1}^\top\Sigma_{yx}\Sigma_{xx}^{-1}",
        source: "BaldiHornik1989",
        instances: LinearProblems.WithTies,
        check: CheckBaldiHornikAsStated,
        decision: Verdict.Refuted,
        evidence: "refuted exactly: when λ_{n₁} = λ_{n₁+1} (a tie across the cut), swapping the tied eigenvectors gives a second critical point with zero gradient, the same value tr Σ_yy − Σ_{i≤n₁}λ_i and no negative Hessian eigenvalue, whose product differs; minimal counterexample X = Y = I₂ (Σ = ½I₂), n₁ = 1, where every unit vector q gives a global minimum with UVᵀ = qqᵀ. Without a tie at the cut the statement holds: the best rank-n₁ approximation is then unique (Eckart–Young), decided by the exact gap λ_{n₁} > λ_{n₁+1}")
        with { Examples = [TiedSpectrumExample] } with { Modes = EvalModes.Exact, Sides = "lhs: the product UVᵀ of a global minimum; rhs: the slide's product Q_{1:n₁}Q_{1:n₁}ᵀΣ_yxΣ_xx⁻¹" };

    public static Outcome CheckBaldiHornikAsStated(LinearProblem c)
    {
        var (spectrum, premise) = ShallowPremises(c, distinct: false);
        if (premise is not null) return premise;
        var n1 = c.HiddenWidths[0];
        var top = Enumerable.Range(0, n1).ToArray();
        var minimum = ShallowPoint(c, spectrum!, top, CurvatureRequirement.NoNegative);
        if (n1 == spectrum!.Dimension)
            return Outcome.All(Outcome.Decide(true, Value.Of(n1), Value.Of(spectrum.Dimension),
                "n₁ = n_L: Q_{1:n₁}Q_{1:n₁}ᵀ = I, and the product Σ_yxΣ_xx⁻¹ of every global minimum is unique (Σ_xx ≻ 0)"), minimum.Outcome).WithDetails(Detail(minimum));
        if (spectrum.Exact is { } e)
        {
            var (before, after) = (e.Eigenvalues[n1 - 1], e.Eigenvalues[n1]);
            if (before > after)
                return Outcome.All(Outcome.Decide(true, Value.Of(before), Value.Of(after),
                        $"exact: λ_{n1} = {Exact.Format(before)} > λ_{n1 + 1} = {Exact.Format(after)}, so the best rank-{n1} approximation, hence the product of every global minimum, is unique (Eckart–Young)"), minimum.Outcome)
                    .WithDetails(new NamedValue("eigenvalues", Value.Of(spectrum.Eigenvalues)), Detail(minimum));
            var swapped = top.Select(i => i == n1 - 1 ? n1 : i).ToArray();
            var other = ShallowPoint(c, spectrum, swapped, CurvatureRequirement.NoNegative);
            var p1 = BaldiHornik.CriticalPoint(c.Moments, e, top);
            var p2 = BaldiHornik.CriticalPoint(c.Moments, e, swapped);
            var differ = !p1.Product.EqualTo(p2.Product);
            return Outcome.All(minimum.Outcome, other.Outcome, Outcome.Decide(!differ, Value.Of(p1.Product), Value.Of(p2.Product),
                    $"exact: λ_{n1} = λ_{n1 + 1} = {Exact.Format(before)}, so I = {ShallowCriticalPoint.IndexSetLabel(top)} and I' = {ShallowCriticalPoint.IndexSetLabel(swapped)} are both global minima (zero gradient, value {Exact.Format(p1.Value)} = {Exact.Format(p2.Value)}, no negative Hessian eigenvalue), with different products UVᵀ",
                    residual: 1))
                .WithDetails(new NamedValue("eigenvalues", Value.Of(spectrum.Eigenvalues)), Detail(minimum), Detail(other));
        }
        var f = spectrum.Floating!;
        var gap = f.Eigenvalues[n1 - 1] - f.Eigenvalues[n1];
        if (gap <= 2 * f.EigenvalueError)
            return Outcome.Inconclusive($"floating point cannot decide whether λ_{n1} = λ_{n1 + 1} (gap {gap:G3}, eigenvalue error {f.EigenvalueError:G3})");
        return Outcome.All(Outcome.AtLeast(gap, 0, new Tolerance(2 * f.EigenvalueError, "twice the eigenvalue error"),
                $"λ_{n1} − λ_{n1 + 1} > 0 in floating point, so the product of every global minimum is unique (Eckart–Young)"), minimum.Outcome)
            .WithDetails(new NamedValue("eigenvalues", Value.Of(spectrum.Eigenvalues)), Detail(minimum));
    }

    // ---- linear.critical-points ----

    public static Claim<LinearProblem> CriticalPoints { get; } = Claim.Theorem(
        id: "linear.critical-points",
        title: "Every index set I of n₁ eigenvalues gives a critical point with R = tr Σ_yy − Σ_{i∈I} λ_i; all but the top one are strict saddles",
        statement: @"\text{(hypotheses of linear.baldi-hornik)}\ \forall I, |I| = n_1:\ U = Q_I,\ V = \Sigma_{xx}^{-1}\Sigma_{xy}Q_I \text{ has } \nabla R = 0,\ R = \operatorname{tr}\Sigma_{yy} - \textstyle\sum_{i \in I}\lambda_i;\ I \ne \{1..n_1\} \implies \lambda_{\min}(\nabla^2 R) < 0",
        source: "BaldiHornik1989",
        instances: LinearProblems.Distinct,
        check: CheckCriticalPoints,
        evidence: "every index set of every instance: rational instances exactly (zero gradient, value, and the Hessian's inertia by exact LDLᵀ: at least one negative eigenvalue for I ≠ {1..n₁}, none for the top set); Gaussian instances in floating point (eigenvalues below −τ, τ from the Hessian's norm, its rounding and the Lipschitz constant times the distance to the exact point)") with { Modes = EvalModes.Exact, Sides = "lhs/rhs of the first failing index set I: the gradient against 0; R against tr Σ_yy − Σ_{i∈I} λ_i; the number of negative Hessian eigenvalues against what the claim requires (none for the top set, at least one otherwise)" };

    public static Outcome CheckCriticalPoints(LinearProblem c)
    {
        var (spectrum, premise) = ShallowPremises(c, distinct: true);
        if (premise is not null) return WithWhatHolds(c, spectrum, premise);
        var n1 = c.HiddenWidths[0];
        var checks = BaldiHornik.IndexSets(spectrum!.Dimension, n1)
            .Select((set, k) => ShallowPoint(c, spectrum, set, k == 0 ? CurvatureRequirement.NoNegative : CurvatureRequirement.Negative))
            .ToArray();
        var (_, valueText, _) = GlobalValue(c, spectrum);
        return Outcome.All(checks.Select(p => p.Outcome).ToArray())
            .WithDetails([new NamedValue("value", Value.Of(valueText)), new NamedValue("eigenvalues", Value.Of(spectrum.Eigenvalues)),
                new NamedValue("optimalProduct", checks[0].Product ?? Value.Of("—")), .. checks.Select(Detail)]);
    }
}
