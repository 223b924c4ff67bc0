using Fractions;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Dropout;

namespace Verification.Topics.DropConnect;

/// <summary>dropconnect.output-layer, dropconnect.input-layer and dropconnect.equals-dropout.as-stated.</summary>
public static class DropConnectClaims
{
    /// <summary>The widest interacting group of masks enumerated inside a random case; wider cases use Monte Carlo.</summary>
    public const int ClaimEnumerationWidth = 12;

    public static Claim<DropConnectCase> OutputLayer { get; } = Claim.Theorem(
        id: "dropconnect.output-layer",
        title: "DropConnect on the entries of U gives exactly the dropout regularizer λ Σ_j ‖u_j‖²‖Xᵀv_j‖²",
        statement: @"\mathbb{E}_{M_{ij}\sim\mathrm{Ber}(\theta)} \|Y - (\theta^{-1} M \circ U) V^\top X\|_F^2 = \|Y - UV^\top X\|_F^2 + \lambda \sum_j \|u_j\|^2 \|X^\top v_j\|^2",
        source: "Pal2020",
        instances: DropConnectCases.For(Layer.Output),
        check: c => CheckExpectation(c, Layer.Output),
        evidence: "exact enumeration of every entry mask, one row of U at a time (rows never interact: m·2^r masks instead of 2^{mr}), in exact rational arithmetic (equality) and in floating point on the shared Gray-code kernel (summation tolerance); Monte Carlo with a 1 − 1e-9 empirical-Bernstein interval for wide cases; when floating point overflows the instance is enumerated exactly",
        sides: "lhs: E_M‖Y − (θ⁻¹M∘U)VᵀX‖_F² over the entry masks of U (exact rational or floating enumeration, or a Monte Carlo estimate); rhs: ‖Y − UVᵀX‖_F² + λΣ_j‖u_j‖²‖Xᵀv_j‖²") with
    {
        Modes = EvalModes.Exact | EvalModes.MonteCarlo,
    };

    public static Claim<DropConnectCase> InputLayer { get; } = Claim.Theorem(
        id: "dropconnect.input-layer",
        title: "DropConnect on the entries of V gives λ Σ_j ‖u_j‖² v_jᵀ diag(XXᵀ) v_j",
        statement: @"\mathbb{E}_{M_{kj}\sim\mathrm{Ber}(\theta)} \|Y - U(\theta^{-1} M \circ V)^\top X\|_F^2 = \|Y - UV^\top X\|_F^2 + \lambda \sum_j \|u_j\|^2\, v_j^\top \operatorname{diag}(XX^\top)\, v_j",
        source: "Pal2020",
        instances: DropConnectCases.For(Layer.Input),
        check: c => CheckExpectation(c, Layer.Input),
        evidence: "exact enumeration of all n·r entry masks, split into the groups that interact (entries (k, j), (l, h) interact through (u_jᵀu_h)(x_kᵀx_l)), in exact rational arithmetic (equality) and in floating point (summation tolerance), when the widest group has at most 12 masks; Monte Carlo with a 1 − 1e-9 empirical-Bernstein interval beyond; when floating point overflows the instance is enumerated exactly",
        sides: "lhs: E_M‖Y − U(θ⁻¹M∘V)ᵀX‖_F² over the entry masks of V (exact rational or floating enumeration, or a Monte Carlo estimate); rhs: ‖Y − UVᵀX‖_F² + λΣ_j‖u_j‖² v_jᵀdiag(XXᵀ)v_j") with
    {
        Modes = EvalModes.Exact | EvalModes.MonteCarlo,
    };

    private static Fraction Weight(Fraction theta) => DropoutObjective.Lambda(theta);

    public static Outcome CheckExpectation(DropConnectCase c, Layer layer)
    {
        var terms = DropConnectObjective.Terms(c, layer);
        var widest = GrayCodeEnumeration.WidestComponent(terms);
        var method = c.Method == ExpectationMethod.Auto && widest > ClaimEnumerationWidth ? ExpectationMethod.MonteCarlo : c.Method;
        var sampling = c.Method == ExpectationMethod.Auto ? new MaskSampling(1 << 14, (ulong)(c.Width * 7919 + c.Y.RowCount * 31 + c.V.RowCount * 7 + (int)layer)) : c.Sampling;
        return method switch
        {
            ExpectationMethod.Exact => Exact(c.ToExact(), layer),
            ExpectationMethod.Floating => FloatingOrExact(c, layer, terms, widest),
            ExpectationMethod.MonteCarlo => Sampled(c, layer, terms, sampling),
            _ => Outcome.All(Exact(c.ToExact(), layer), Floating(c, layer, terms, widest)),
        };
    }

    private static NamedValue[] Common(Layer layer, int entries, Value lambda, Value regularizer) =>
        [new("layer", Value.Of(layer == Layer.Output ? "output (U)" : "input (V)")), new("entries", Value.Of(entries)), new("lambda", lambda), new("regularizer", regularizer)];

    private static Outcome Exact(ExactDropConnectCase e, Layer layer)
    {
        var contributions = DropConnectObjective.Contributions(e, layer);
        var components = ExactMaskEnumeration.Components(contributions);
        var lhs = ExactMaskEnumeration.ExpectationByComponents(contributions, e.Theta);
        var lambda = Weight(e.Theta);
        var rhs = DropConnectObjective.ClosedForm(e, layer, lambda);
        var masks = components.Sum(g => 1L << g.Length);
        return Outcome.Exact(lhs, rhs, $"exact enumeration of {masks} masks over {components.Count} interacting groups of entries, in rational arithmetic (difference {Verification.Numerics.Exact.Format(lhs - rhs)})")
            .WithDetails([new NamedValue("residualExact", Value.Of(Fraction.Abs(lhs - rhs))), new NamedValue("method", Value.Of("exact enumeration")),
                .. Common(layer, contributions.Width, Value.Of(lambda), Value.Of(DropConnectObjective.Regularizer(e, layer))),
                new NamedValue("groups", Value.Of(components.Count)), new NamedValue("widestGroup", Value.Of(components.Select(g => g.Length).DefaultIfEmpty(0).Max())),
                new NamedValue("masks", Value.Of(masks))]);
    }

    private static Outcome Floating(DropConnectCase c, Layer layer, GramTerms terms, int widest)
    {
        var components = terms.Components();
        var enumerated = GrayCodeEnumeration.ExpectationByComponents(terms, c.Theta);
        var masks = components.Sum(g => 1L << g.Length);
        return Outcome.Within(enumerated, DropConnectObjective.ClosedForm(c, layer, c.Lambda),
                Tolerance.Summation(DropConnectObjective.Chain(c, widest) + components.Count, DropConnectObjective.LossBound(c)),
                $"floating-point enumeration of {masks} masks over {components.Count} interacting groups against the closed form")
            .WithDetails([new NamedValue("method", Value.Of("enumeration")), .. Common(layer, terms.Width, Value.Of(c.Lambda), Value.Of(DropConnectObjective.Regularizer(c, layer))),
                new NamedValue("groups", Value.Of(components.Count)), new NamedValue("widestGroup", Value.Of(widest)), new NamedValue("masks", Value.Of(masks))]);
    }

    /// <summary>Floating-point enumeration; when it overflows, the same instance (its doubles are exact rationals) enumerated exactly, within the exact width limit.</summary>
    private static Outcome FloatingOrExact(DropConnectCase c, Layer layer, GramTerms terms, int widest)
    {
        var floating = Floating(c, layer, terms, widest);
        if (!floating.Overflowed || widest > ExactMaskEnumeration.MaxWidth) return floating;
        var exact = Exact(c.ToExact(), layer);
        return exact.Explained($"{exact.Explanation}; floating point overflowed, so the instance was enumerated exactly")
            .WithDetails(new NamedValue("floatingOverflowed", Value.Of("yes")));
    }

    private static Outcome Sampled(DropConnectCase c, Layer layer, GramTerms terms, MaskSampling sampling)
    {
        sampling.CheckWork(terms.Width);
        var mc = MaskMonteCarlo.Expectation(terms, c.Theta, DropConnectObjective.LossBound(c), sampling.Seed, sampling.Samples);
        return Outcome.InInterval(mc.Estimate, mc.Lower, mc.Upper, DropConnectObjective.ClosedForm(c, layer, c.Lambda), $"1 − {mc.Delta:G3} empirical-Bernstein interval",
                $"Monte Carlo over {mc.Samples} masks of the {terms.Width} entries: the right side must lie in the interval [{mc.Lower:G6}, {mc.Upper:G6}]")
            .WithDetails([new NamedValue("method", Value.Of("monte carlo")), .. Common(layer, terms.Width, Value.Of(c.Lambda), Value.Of(DropConnectObjective.Regularizer(c, layer))),
                new NamedValue("samples", Value.Of(mc.Samples)), new NamedValue("lower", Value.Of(mc.Lower)), new NamedValue("upper", Value.Of(mc.Upper)),
                new NamedValue("confidence", Value.Of(1 - mc.Delta))]);
    }

    /// <summary>
    /// The minimal counterexample to "DropConnect is dropout": one output, two inputs that share their sample (XXᵀ = [[1, 1], [1, 1]]),
    /// one hidden unit, Y = 0, θ = 1/2. Dropout keeps or drops the unit's whole input v₁x₁ + v₂x₂ = 2: E = 4 + λ·4 = 8. DropConnect
    /// drops v₁ and v₂ separately, so their cross term averages out: E = 4 + λ(1 + 1) = 6.
    /// </summary>
    public static DropConnectCase SharedInputs { get; } = new ExactDropConnectCase(
        ExactMatrix.Create(1, 1, (_, _) => Fraction.Zero), ExactMatrix.Create(1, 1, (_, _) => Fraction.One),
        ExactMatrix.Create(2, 1, (_, _) => Fraction.One), ExactMatrix.Create(2, 1, (_, _) => Fraction.One), new Fraction(1, 2)).ToDoubles();

    public static Claim<DropConnectCase> EqualsDropoutAsStated { get; } = Claim.AsStated(
        id: "dropconnect.equals-dropout.as-stated",
        title: "As stated (the paper's abstract): DropConnect on V is equivalent to dropout, for any X",
        statement: @"\mathbb{E}_M \|Y - U(\theta^{-1}M\circ V)^\top X\|_F^2 = \mathbb{E}_z \|Y - \theta^{-1}U\operatorname{diag}(z)V^\top X\|_F^2",
        source: "Pal2020",
        instances: DropConnectCases.For(Layer.Input),
        check: CheckEqualsDropout,
        decision: Verdict.Refuted,
        evidence: "both expectations by exact rational enumeration (DropConnect on V over its interacting groups of entries, dropout over its 2^r unit masks); they differ by λ Σ_j ‖u_j‖² v_jᵀ(XXᵀ − diag(XXᵀ))v_j, zero when XXᵀ is diagonal (X = I in particular) and not otherwise; minimal counterexample: one output, two inputs with the same sample (X = [1; 1]), V = [1; 1], U = [1], Y = 0, θ = 1/2: DropConnect 6, dropout 8",
        sides: "lhs: E_M‖Y − U(θ⁻¹M∘V)ᵀX‖_F² (DropConnect on V, exact); rhs: E_z‖Y − θ⁻¹U diag(z)VᵀX‖_F² (dropout, exact)") with
    {
        Modes = EvalModes.Exact,
        Examples = [SharedInputs],
    };

    public static Outcome CheckEqualsDropout(DropConnectCase c)
    {
        var e = c.ToExact();
        var lambda = Weight(e.Theta);
        var dropconnect = DropConnectObjective.Contributions(e, Layer.Input);
        var widest = ExactMaskEnumeration.Components(dropconnect).Select(g => g.Length).DefaultIfEmpty(0).Max();
        if (widest > ExactMaskEnumeration.MaxWidth || e.Width > ExactMaskEnumeration.MaxWidth)
            throw new EnumerationLimitException($"this comparison enumerates both expectations exactly; an interacting group of {Math.Max(widest, e.Width)} masks is above {ExactMaskEnumeration.MaxWidth}: use a smaller instance");
        var lhs = ExactMaskEnumeration.ExpectationByComponents(dropconnect, e.Theta);
        var rhs = ExactMaskEnumeration.Expectation(ExactContributions.OfUnits(e.Y, e.U, e.W), e.Theta);
        var dropoutRegularizer = DropConnectObjective.Regularizer(e, Layer.Output);
        var dropconnectRegularizer = DropConnectObjective.Regularizer(e, Layer.Input);
        return Outcome.Exact(lhs, rhs, $"exact: DropConnect on V ({Verification.Numerics.Exact.Format(lhs)}) against dropout on the hidden units ({Verification.Numerics.Exact.Format(rhs)})")
            .WithDetails(
                new NamedValue("residualExact", Value.Of(Fraction.Abs(lhs - rhs))),
                new NamedValue("dropconnectRegularizer", Value.Of(dropconnectRegularizer)),
                new NamedValue("dropoutRegularizer", Value.Of(dropoutRegularizer)),
                new NamedValue("lambda", Value.Of(lambda)),
                new NamedValue("difference", Value.Of(lambda * (dropoutRegularizer - dropconnectRegularizer))));
    }
}
