using Fractions;
using Verification.Engine;
using Verification.LinearAlgebra;
using Verification.Numerics;
using Verification.Reporting;
using Verification.Topics.Dropout;

namespace Verification.Topics.DropBlock;

/// <summary>dropblock.expectation and the slide's form, dropblock.expectation.as-stated.</summary>
public static partial class DropBlockClaims
{
    /// <summary>Blocks enumerated exactly inside a random case (2^r block masks per case); wider cases use Monte Carlo.</summary>
    public const int ClaimEnumerationBlocks = 8;

    public static Claim<DropBlockCase> Expectation { get; } = Claim.Theorem(
        id: "dropblock.expectation",
        title: "DropBlock's expected loss is the loss plus λ Σ_g ‖U_gV_gᵀX‖² (with data X, and with X = I)",
        statement: @"\mathbb{E}_{w_g \sim \mathrm{Ber}(\theta)} \|Y - \theta^{-1} U (\operatorname{diag}(w) \otimes I_b) V^\top X\|_F^2 = \|Y - UV^\top X\|_F^2 + \frac{1-\theta}{\theta} \sum_g \|U_g V_g^\top X\|_F^2",
        source: "Pal2020",
        instances: DropBlockCases.NarrowAndWide,
        check: CheckExpectation,
        evidence: "exact enumeration of all 2^r block masks in exact rational arithmetic (equality) and in floating point (summation tolerance) on the shared Gray-code kernel, with X = I and with data; Monte Carlo with a 1 − 1e-9 empirical-Bernstein interval for wide cases; when floating point overflows the instance is enumerated exactly",
        sides: "lhs: E_w‖Y − θ⁻¹U(diag(w) ⊗ I_b)VᵀX‖_F² over all 2^r block masks (exact rational or floating enumeration, or a Monte Carlo estimate); rhs: ‖Y − UVᵀX‖_F² + λΣ_g‖U_gV_gᵀX‖_F²") with
    {
        Modes = EvalModes.Exact | EvalModes.MonteCarlo,
    };

    /// <summary>E_w loss = closed form, by the instance's method (random cases: exact and floating enumeration, Monte Carlo when wide).</summary>
    public static Outcome CheckExpectation(DropBlockCase c)
    {
        var method = c.Method == ExpectationMethod.Auto && c.Blocks > ClaimEnumerationBlocks ? ExpectationMethod.MonteCarlo : c.Method;
        var sampling = c.Method == ExpectationMethod.Auto ? new MaskSampling(1 << 14, (ulong)(c.Blocks * 7919 + c.BlockSize * 131 + c.Y.RowCount * 31 + c.Y.ColumnCount)) : c.Sampling;
        return method switch
        {
            ExpectationMethod.Exact => ExactExpectation(c.ToExact()),
            ExpectationMethod.Floating => FloatingOrExact(c),
            ExpectationMethod.MonteCarlo => SampledExpectation(c, sampling),
            _ => Outcome.All(ExactExpectation(c.ToExact()), FloatingExpectation(c)),
        };
    }

    private static NamedValue[] Common(int blocks, int b, Value lambda, Value regularizer) =>
        [new("blocks", Value.Of(blocks)), new("b", Value.Of(b)), new("lambda", lambda), new("regularizer", regularizer)];

    private static Outcome ExactExpectation(ExactDropBlockCase e)
    {
        ExactMaskEnumeration.CheckWidth(e.Blocks);
        var lhs = ExactMaskEnumeration.Expectation(DropBlockObjective.Contributions(e), e.Theta);
        var lambda = DropoutObjective.Lambda(e.Theta);
        var rhs = DropBlockObjective.ClosedForm(e, lambda);
        return Outcome.Exact(lhs, rhs, $"exact enumeration of 2^{e.Blocks} block masks in rational arithmetic (difference {Exact.Format(lhs - rhs)})")
            .WithDetails([new NamedValue("residualExact", Value.Of(Fraction.Abs(lhs - rhs))), new NamedValue("method", Value.Of("exact enumeration")),
                .. Common(e.Blocks, e.BlockSize, Value.Of(lambda), Value.Of(DropBlockObjective.Regularizer(e.U, e.W, e.BlockSize))),
                new NamedValue("masks", Value.Of(1L << e.Blocks))]);
    }

    private static Outcome FloatingExpectation(DropBlockCase c)
    {
        GrayCodeEnumeration.CheckWidth(c.Blocks);
        var enumerated = GrayCodeEnumeration.Expectation(DropBlockObjective.Terms(c), c.Theta);
        return Outcome.Within(enumerated, DropBlockObjective.ClosedForm(c, c.Lambda), Tolerance.Summation(DropBlockObjective.Chain(c), DropBlockObjective.LossBound(c)),
                $"floating-point enumeration of 2^{c.Blocks} block masks against the closed form")
            .WithDetails([new NamedValue("method", Value.Of("enumeration")),
                .. Common(c.Blocks, c.BlockSize, Value.Of(c.Lambda), Value.Of(DropBlockObjective.Regularizer(c.U, c.W, c.BlockSize))),
                new NamedValue("masks", Value.Of(1L << c.Blocks))]);
    }

    /// <summary>
    /// Floating-point enumeration; when it overflows (entries near 1e154 and beyond square past the double range) the same
    /// instance, whose doubles are exact rationals, is enumerated exactly instead, within the exact width limit.
    /// </summary>
    private static Outcome FloatingOrExact(DropBlockCase c)
    {
        var floating = FloatingExpectation(c);
        if (!floating.Overflowed || c.Blocks > ExactMaskEnumeration.MaxWidth) return floating;
        var exact = ExactExpectation(c.ToExact());
        return exact.Explained($"{exact.Explanation}; floating point overflowed, so the instance was enumerated exactly")
            .WithDetails(new NamedValue("floatingOverflowed", Value.Of("yes")));
    }

    private static Outcome SampledExpectation(DropBlockCase c, MaskSampling sampling)
    {
        sampling.CheckWork(c.Blocks);
        var mc = MaskMonteCarlo.Expectation(DropBlockObjective.Terms(c), c.Theta, DropBlockObjective.LossBound(c), sampling.Seed, sampling.Samples);
        return Outcome.InInterval(mc.Estimate, mc.Lower, mc.Upper, DropBlockObjective.ClosedForm(c, c.Lambda), $"1 − {mc.Delta:G3} empirical-Bernstein interval",
                $"Monte Carlo over {mc.Samples} block masks: the right side must lie in the {1 - mc.Delta:0.#########} interval [{mc.Lower:G6}, {mc.Upper:G6}]")
            .WithDetails([new NamedValue("method", Value.Of("monte carlo")),
                .. Common(c.Blocks, c.BlockSize, Value.Of(c.Lambda), Value.Of(DropBlockObjective.Regularizer(c.U, c.W, c.BlockSize))),
                new NamedValue("samples", Value.Of(mc.Samples)), new NamedValue("lower", Value.Of(mc.Lower)),
                new NamedValue("upper", Value.Of(mc.Upper)), new NamedValue("confidence", Value.Of(1 - mc.Delta))]);
    }

    /// <summary>
    /// The most informative minimal counterexample to the slide with X = I: one block of two units whose product U₁V₁ᵀ is 0 while
    /// ‖U₁‖_F‖V₁‖_F = 1. Dropping the block never changes the output, so the expectation is ‖Y‖² = 0, but the slide charges λ·1.
    /// </summary>
    public static DropBlockCase SlideCounterexample { get; } = new ExactDropBlockCase(
        ExactMatrix.Create(1, 1, (_, _) => Fraction.Zero),
        ExactMatrix.Create(1, 2, (_, k) => k == 0 ? Fraction.One : Fraction.Zero),
        ExactMatrix.Create(1, 2, (_, k) => k == 1 ? Fraction.One : Fraction.Zero),
        null, 2, new Fraction(1, 2)).ToDoubles();

    /// <summary>The slide with data: m = n = N = b = r = 1, θ = 1, X = [2]: the expectation is ‖Y − UVᵀX‖² = 4, the slide says ‖Y − UVᵀ‖² = 1.</summary>
    public static DropBlockCase SlideCounterexampleWithData { get; } = new ExactDropBlockCase(
        ExactMatrix.Create(1, 1, (_, _) => Fraction.Zero), ExactMatrix.Create(1, 1, (_, _) => Fraction.One), ExactMatrix.Create(1, 1, (_, _) => Fraction.One),
        ExactMatrix.Create(1, 1, (_, _) => new Fraction(2)), 1, Fraction.One).ToDoubles();

    public static Claim<DropBlockCase> ExpectationAsStated { get; } = Claim.AsStated(
        id: "dropblock.expectation.as-stated",
        title: "As stated: DropBlock's expected loss is ‖Y − UVᵀ‖² + λ Σ_g ‖U_g‖_F²‖V_g‖_F²",
        statement: @"\mathbb{E}_w \|Y - \theta^{-1} U (\operatorname{diag}(w) \otimes I) V^\top X\|_F^2 = \|Y - UV^\top\|_F^2 + \lambda \sum_g \|U_g\|_F^2 \|V_g\|_F^2",
        source: "Pal2020",
        instances: DropBlockCases.SquareData,
        check: CheckExpectationAsStated,
        decision: Verdict.Refuted,
        evidence: "exact rational enumeration of all 2^r block masks against the slide's right side, with X = I and with square data X; refuted with X = I by one block of two units with U₁V₁ᵀ = 0 (Y = 0, U = [1 0], V = [0 1], θ = 1/2: 0 against 1), and with data already at b = 1 (the slide drops X); agrees with the symbolic derivation dropblock.expectation.as-stated.symbolic",
        sides: "lhs: E_w‖Y − θ⁻¹U(diag(w) ⊗ I_b)VᵀX‖_F² (exact enumeration); rhs: the slide's ‖Y − UVᵀ‖_F² + λΣ_g‖U_g‖_F²‖V_g‖_F²") with
    {
        Modes = EvalModes.Exact,
        Examples = [SlideCounterexample],
    };

    public static Outcome CheckExpectationAsStated(DropBlockCase c)
    {
        if (c.Y.ColumnCount != c.V.RowCount)
            return Outcome.Discard($"the slide's right side ‖Y − UVᵀ‖ needs Y to be m×n (n = {c.V.RowCount}), but Y has {c.Y.ColumnCount} columns: give a square X");
        var e = c.ToExact();
        ExactMaskEnumeration.CheckWidth(e.Blocks);
        var lhs = ExactMaskEnumeration.Expectation(DropBlockObjective.Contributions(e), e.Theta);
        var lambda = DropoutObjective.Lambda(e.Theta);
        var slide = DropBlockObjective.SlideForm(e, lambda);
        var correct = DropBlockObjective.ClosedForm(e, lambda);
        var where = e.X is null ? "X = I" : "with data X";
        return Outcome.Exact(lhs, slide,
                $"exact enumeration of 2^{e.Blocks} block masks ({where}) against the slide's ‖Y − UVᵀ‖² + λ Σ_g ‖U_g‖²‖V_g‖² (difference {Exact.Format(lhs - slide)})")
            .WithDetails(
                new NamedValue("residualExact", Value.Of(Fraction.Abs(lhs - slide))),
                new NamedValue("closedForm", Value.Of(correct)),
                new NamedValue("regularizer", Value.Of(DropBlockObjective.Regularizer(e.U, e.W, e.BlockSize))),
                new NamedValue("slideRegularizer", Value.Of(DropBlockObjective.SlideRegularizer(e.U, e.V, e.BlockSize))),
                new NamedValue("lambda", Value.Of(lambda)),
                new NamedValue("masks", Value.Of(1L << e.Blocks)));
    }
}
