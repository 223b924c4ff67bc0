using Fractions;
using Verification.Engine;
using Verification.Numerics;
using Verification.Reporting;

namespace Verification.Topics.Dropout;

/// <summary>dropout.expectation, its controls, and the batch sweep that screens thousands of small instances per run.</summary>
public static partial class DropoutClaims
{
    /// <summary>Widths enumerated exactly inside a random case (2^r masks per case); wider cases use Monte Carlo.</summary>
    public const int ClaimEnumerationWidth = 8;

    public static Claim<DropoutCase> Expectation { get; } = Claim.Theorem(
        id: "dropout.expectation",
        title: "Dropout's expected loss is the loss plus a product-of-norms regularizer",
        statement: @"\mathbb{E}_{z_i \sim \mathrm{Ber}(\theta)} \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top\|_F^2 = \|Y - UV^\top\|_F^2 + \frac{1-\theta}{\theta} \sum_i \|u_i\|^2 \|v_i\|^2",
        source: "Cavazza2018",
        instances: DropoutCases.NarrowAndWide(ClaimEnumerationWidth),
        check: c => CheckExpectation(c, DropoutObjective.Lambda),
        evidence: "exact enumeration of all 2^r masks in exact rational arithmetic (equality) and in floating point (summation tolerance); Monte Carlo with a 1 − 1e-9 empirical-Bernstein interval for wide cases",
        sides: "lhs: E_z‖Y − θ⁻¹U diag(z)Vᵀ‖_F² over all 2^r masks (exact rational or floating enumeration, or a Monte Carlo estimate); rhs: ‖Y − UVᵀ‖_F² + λΣ‖u_i‖²‖v_i‖²") with
    {
        BatchSweep = seed => SweepExpectation(seed, DropoutObjective.Lambda),
        Modes = EvalModes.Exact | EvalModes.MonteCarlo,
    };

    /// <summary>A control: the regularizer scaled by 1/θ instead of (1 − θ)/θ. The runner must refute it.</summary>
    public static Claim<DropoutCase> ExpectationControl { get; } = Claim.Control(
        id: "dropout.expectation.control",
        title: "Control: the dropout identity with the regularizer scaled by 1/θ",
        statement: @"\mathbb{E}_{z} \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top\|_F^2 = \|Y - UV^\top\|_F^2 + \frac{1}{\theta} \sum_i \|u_i\|^2 \|v_i\|^2 \quad\text{(false)}",
        instances: DropoutCases.Narrow(ClaimEnumerationWidth),
        check: c => CheckExpectation(c, theta => Fraction.One / theta),
        evidence: "the same checks as dropout.expectation; must be refuted",
        sides: "lhs: E_z‖Y − θ⁻¹U diag(z)Vᵀ‖_F²; rhs: ‖Y − UVᵀ‖_F² + θ⁻¹Σ‖u_i‖²‖v_i‖²") with
    {
        BatchSweep = seed => SweepExpectation(seed, theta => Fraction.One / theta),
        Modes = EvalModes.Exact | EvalModes.MonteCarlo,
    };

    /// <summary>
    /// A control that holds on every instance with m = n = 1 (there ‖u_i‖₁ = ‖u_i‖₂): the regularizer with ℓ1 norms of the
    /// columns. Only an instance with a column of two or more nonzero entries, and θ &lt; 1, refutes it.
    /// </summary>
    public static Claim<DropoutCase> ExpectationControlL1 { get; } = Claim.Control(
        id: "dropout.expectation.control-l1",
        title: "Control: the dropout identity with ℓ1 column norms in the regularizer (true for 1×1 targets only)",
        statement: @"\mathbb{E}_{z} \|Y - \theta^{-1} U \operatorname{diag}(z) V^\top\|_F^2 = \|Y - UV^\top\|_F^2 + \lambda \sum_i \|u_i\|_1^2 \|v_i\|_1^2 \quad\text{(false beyond } 1\times1)",
        instances: DropoutCases.Narrow(ClaimEnumerationWidth),
        check: c =>
        {
            var e = c.ToExact();
            var l1 = Enumerable.Range(0, e.Width).Aggregate(Fraction.Zero, (sum, i) => sum + Square(ColumnL1(e.U, i)) * Square(ColumnL1(e.V, i)));
            var rhs = e.Y.Subtract(e.U.Multiply(e.V.Transpose())).FrobeniusNormSquared() + DropoutObjective.Lambda(e.Theta) * l1;
            return Outcome.Exact(MaskEnumeration.Expectation(e), rhs, $"exact enumeration of 2^{e.Width} masks against the ℓ1 regularizer");
        },
        evidence: "exact rational enumeration; holds on every 1×1 target, so a runner stuck at size 1 could not refute it",
        sides: "lhs: E_z‖Y − θ⁻¹U diag(z)Vᵀ‖_F² (exact); rhs: ‖Y − UVᵀ‖_F² + λΣ‖u_i‖₁²‖v_i‖₁²") with
    {
        Modes = EvalModes.Exact,
    };

    private static Fraction Square(Fraction x) => x * x;

    private static Fraction ColumnL1(ExactMatrix m, int j) =>
        Enumerable.Range(0, m.RowCount).Aggregate(Fraction.Zero, (sum, i) => sum + Fraction.Abs(m[i, j]));

    /// <summary>Shapes (m, n, r) of the batch sweep: square and not, r below, at and above min(m, n).</summary>
    private static readonly (int M, int N, int R)[] SweepShapes = [(4, 4, 3), (3, 5, 4), (2, 3, 6), (5, 2, 2)];

    public const int SweepBatchSize = 2048;

    /// <summary>
    /// Screens 4 × 2048 random small instances per run with the SIMD batch kernel (exact enumeration against the closed
    /// form). The screen is strict (1e-12 relative); what it does not clear is checked again by the claim's own check with
    /// its reasoned tolerance, so the screen can only add evidence, never hide a failure.
    /// </summary>
    public static Sweep<DropoutCase> SweepExpectation(ulong seed, Func<Fraction, Fraction> weight)
    {
        var suspects = new List<DropoutCase>();
        var screened = 0;
        foreach (var (m, n, r) in SweepShapes)
        {
            var batch = DropoutBatch.Random(SweepBatchSize, m, n, r, seed * 31 + (ulong)(m * 100 + n * 10 + r));
            var expectations = BatchEnumeration.Expectations(batch);
            var (fit, regularizer) = BatchEnumeration.ClosedFormParts(batch);
            for (var b = 0; b < batch.Count && suspects.Count < 16; b++)
            {
                var theta = batch.ThetaOf(b);
                var rhs = fit[b] + weight(Exact.FromDouble(theta)).ToDoubleAnyScale() * regularizer[b];
                if (Math.Abs(expectations[b] - rhs) > 1e-12 * Math.Max(Math.Abs(rhs), Math.Abs(expectations[b]))) suspects.Add(batch[b]);
            }
            screened += batch.Count;
        }
        return new Sweep<DropoutCase>(screened, suspects);
    }

    /// <summary>
    /// E_z loss = ‖Y − UVᵀ‖² + weight(θ)·Σ‖u_i‖²‖v_i‖² (the theorem's weight is λ = (1 − θ)/θ), by the instance's method:
    /// random cases enumerate narrow widths exactly and in floating point, and sample wide ones; `eval` enumerates in floating
    /// point, exactly ("exact": true), or samples (--monte-carlo).
    /// </summary>
    public static Outcome CheckExpectation(DropoutCase c, Func<Fraction, Fraction> weight)
    {
        var method = c.Method == ExpectationMethod.Auto && c.Width > ClaimEnumerationWidth ? ExpectationMethod.MonteCarlo : c.Method;
        var sampling = c.Method == ExpectationMethod.Auto ? new MaskSampling(1 << 16, (ulong)(c.Width * 7919 + c.Y.RowCount * 31 + c.Y.ColumnCount)) : c.Sampling;
        return method switch
        {
            ExpectationMethod.Exact => ExactExpectation(c.ToExact(), weight),
            ExpectationMethod.Floating => FloatingOrExact(c, weight),
            ExpectationMethod.MonteCarlo => SampledExpectation(c, weight, sampling),
            _ => Outcome.All(ExactExpectation(c.ToExact(), weight), FloatingExpectation(c, weight)),
        };
    }

    /// <summary>
    /// Floating-point enumeration; when it overflows (entries near 1e154 and beyond square past the double range) the same
    /// instance, whose doubles are exact rationals, is enumerated exactly instead, within the exact width limit.
    /// </summary>
    private static Outcome FloatingOrExact(DropoutCase c, Func<Fraction, Fraction> weight)
    {
        var floating = FloatingExpectation(c, weight);
        if (!floating.Overflowed || c.Width > MaskEnumeration.ExactMaxWidth) return floating;
        var exact = ExactExpectation(c.ToExact(), weight);
        return exact.Explained($"{exact.Explanation}; floating point overflowed, so the instance was enumerated exactly")
            .WithDetails(new NamedValue("floatingOverflowed", Value.Of("yes")));
    }

    private static Outcome ExactExpectation(ExactDropoutCase e, Func<Fraction, Fraction> weight)
    {
        MaskEnumeration.CheckExactWidth(e.Width);
        var lhs = MaskEnumeration.Expectation(e);
        var w = weight(e.Theta);
        var rhs = DropoutObjective.ClosedForm(e, w);
        return Outcome.Exact(lhs, rhs, $"exact enumeration of 2^{e.Width} masks in rational arithmetic (difference {Exact.Format(lhs - rhs)})")
            .WithDetails(
                new NamedValue("residualExact", Value.Of(Fraction.Abs(lhs - rhs))),
                new NamedValue("method", Value.Of("exact enumeration")),
                new NamedValue("width", Value.Of(e.Width)),
                new NamedValue("masks", Value.Of(1L << e.Width)),
                new NamedValue("lambda", Value.Of(w)),
                new NamedValue("regularizer", Value.Of(DropoutObjective.Regularizer(e.U, e.V))));
    }

    private static NamedValue[] Common(DropoutCase c, double weight) =>
    [
        new("width", Value.Of(c.Width)),
        new("lambda", Value.Of(weight)),
        new("regularizer", Value.Of(DropoutObjective.Regularizer(c.U, c.V))),
    ];

    private static Outcome FloatingExpectation(DropoutCase c, Func<Fraction, Fraction> weight)
    {
        MaskEnumeration.CheckWidth(c.Width);
        var w = weight(Exact.FromDouble(c.Theta)).ToDoubleAnyScale();
        var enumerated = MaskEnumeration.Expectation(c);
        var chain = MaskEnumeration.Chain(c.Y.RowCount, c.Y.ColumnCount, c.Width);
        return Outcome.Within(enumerated, DropoutObjective.ClosedForm(c, w), Tolerance.Summation(chain, DropoutObjective.LossBound(c)),
                $"floating-point enumeration of 2^{c.Width} masks against the closed form")
            .WithDetails([new NamedValue("method", Value.Of("enumeration")), .. Common(c, w), new NamedValue("masks", Value.Of(1L << c.Width))]);
    }

    private static Outcome SampledExpectation(DropoutCase c, Func<Fraction, Fraction> weight, MaskSampling sampling)
    {
        sampling.CheckWork(c.Width);
        var w = weight(Exact.FromDouble(c.Theta)).ToDoubleAnyScale();
        var mc = MonteCarlo.Expectation(c, sampling.Seed, sampling.Samples);
        return Outcome.InInterval(mc.Estimate, mc.Lower, mc.Upper, DropoutObjective.ClosedForm(c, w), $"1 − {mc.Delta:G3} empirical-Bernstein interval",
                $"Monte Carlo over {mc.Samples} masks: the right side must lie in the {1 - mc.Delta:0.#########} interval [{mc.Lower:G6}, {mc.Upper:G6}]")
            .WithDetails([new NamedValue("method", Value.Of("monte carlo")), .. Common(c, w),
                new NamedValue("samples", Value.Of(mc.Samples)), new NamedValue("lower", Value.Of(mc.Lower)),
                new NamedValue("upper", Value.Of(mc.Upper)), new NamedValue("confidence", Value.Of(1 - mc.Delta))]);
    }
}
